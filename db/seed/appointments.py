"""Appointment rows: past, upcoming and called-off visits on the shop calendar."""

from __future__ import annotations

from dataclasses import dataclass, replace

from db.seed import catalog
from db.seed.calendar import Booking, OpenDay
from db.seed.context import SeedContext, ServiceInfo
from db.seed.draws import Draws, Weighted
from db.seed.rows import NULL, Chunk, flag, json_list, money
from db.seed.vehicles import Car, Visit
from db.seed.visits import choose_service, free_day

APPOINTMENT_COUNTS = Weighted({1: 55, 2: 30, 3: 15})
APPOINTMENT_STATUSES = Weighted(
    {"completed": 70, "scheduled": 7.5, "confirmed": 7.5, "cancelled": 10, "no_show": 5}
)
BOOKING_METHODS = Weighted({"phone": 40, "online": 30, "walk_in": 10, "ai_voice": 20})


@dataclass(frozen=True)
class Appointment:
    """A placed appointment, before its row is written."""

    id: int
    customer_id: int
    car: Car
    service: ServiceInfo
    status: str
    booking: Booking
    estimate: int  # cents
    actual: int | None  # cents, once completed


def write_appointments(
    ctx: SeedContext, rng: Draws, chunk: Chunk, customer_id: int, cars: list[Car]
) -> None:
    """Book a share of the customers 1 to 3 times on their cars still on the road."""
    if rng.random() >= ctx.appointment_share:
        return
    active = [car for car in cars if car.active]
    if not active:
        return
    for _ in range(APPOINTMENT_COUNTS.pick(rng)):
        appointment = _place(ctx, rng, customer_id, rng.pick(active))
        if appointment is not None:
            chunk.appointments.append(_row(ctx, rng, appointment))


def _place(
    ctx: SeedContext, rng: Draws, customer_id: int, car: Car
) -> Appointment | None:
    """Draw status and service and find them a slot; None if the shop is full."""
    status = APPOINTMENT_STATUSES.pick(rng)
    upcoming = status in ("scheduled", "confirmed") or (
        status == "cancelled" and rng.random() < 0.35
    )
    if status == "completed":
        service, booking = _book_visit(ctx, rng, car)
    else:
        service = ctx.service_mix.pick(rng)
        booking = _book(ctx, rng, car, service, status, upcoming)
    if booking is None:
        ctx.summary.appointments_not_placed += 1
        return None
    if status != "cancelled":
        car.held_days.add(booking.day.ordinal)

    appointment_id = ctx.next_appointment
    ctx.next_appointment += 1
    ctx.summary.count("appointment_status", status)
    low, high = service.cents
    estimate = rng.between(low, high)
    appointment = Appointment(
        appointment_id, customer_id, car, service, status, booking, estimate, None
    )
    if status == "completed":
        return _complete(ctx, rng, appointment)
    return appointment


def _book(
    ctx: SeedContext,
    rng: Draws,
    car: Car,
    service: ServiceInfo,
    status: str,
    upcoming: bool,
) -> Booking | None:
    calendar = ctx.calendar
    if upcoming:
        first, last = ctx.upcoming_first, ctx.upcoming_last
    else:
        first = calendar.index_at_or_after(car.first_visit)
        last = ctx.today_index
    quanta = service.minutes // calendar.quantum
    return calendar.book(
        rng, first, last, quanta, hold=status != "cancelled", avoid=car.held_days
    )


def _book_visit(
    ctx: SeedContext, rng: Draws, car: Car
) -> tuple[ServiceInfo, Booking | None]:
    """Book a completed visit on a day and for a service the car's history allows."""
    found = free_day(ctx, rng, car)
    if found is None:
        return ctx.anytime_service, None
    index, day = found
    service = choose_service(ctx, rng, car, day.ordinal)
    quanta = service.minutes // ctx.calendar.quantum
    # That day or none: a nearby day could come too close to another visit.
    return service, ctx.calendar.book(
        rng, index, index + 1, quanta, hold=True, avoid=car.held_days
    )


def _complete(ctx: SeedContext, rng: Draws, appointment: Appointment) -> Appointment:
    """Charge the visit and put it in the car's history."""
    # From 10% under to 20% over the estimate.
    cents = round(appointment.estimate * rng.uniform(0.90, 1.20))
    booking, car = appointment.booking, appointment.car
    car.has_history = True
    technician = ctx.technician_ids[booking.technician]
    car.visits.append(
        Visit(
            booking.day.ordinal,
            appointment.service,
            booking,
            appointment.id,
            cents,
            technician,
        )
    )
    return replace(appointment, actual=cents)


def _clock(ctx: SeedContext, day: OpenDay, quanta: int) -> str:
    minutes = quanta * ctx.calendar.quantum
    return f"{day.iso} {minutes // 60:02d}:{minutes % 60:02d}:00{day.offset}"


def _row(ctx: SeedContext, rng: Draws, appointment: Appointment) -> str:
    a, booking = appointment, appointment.booking
    day = booking.day
    booked_on = _booked_on(ctx, rng, day)
    created = f"{ctx.iso[booked_on]} 15:{rng.below(60):02d}:00+00"
    concern = _concern(rng, a.service)
    recommended = _recommended(ctx, rng, a.status)
    reason, cancelled_at, completed_at, updated = _closing(
        ctx, rng, a, booked_on, created
    )
    confirmed = a.status in ("confirmed", "completed", "no_show") or (
        a.status == "cancelled" and rng.random() < 0.5
    )
    reminded = day.ordinal <= ctx.today + 1
    method, booked_by = _booked_by(ctx, rng)
    event = NULL if a.status == "cancelled" else f"evt_{rng.getrandbits(48):012x}"
    notes = rng.pick(catalog.APPOINTMENT_NOTES) if rng.random() < 0.1 else NULL
    actual = NULL if a.actual is None else money(a.actual)
    return (
        f"{a.id}\t{a.customer_id}\t{a.car.id}\t{_clock(ctx, day, booking.start)}\t"
        f"{_clock(ctx, day, booking.end)}\t{a.service.key}\t{a.service.category}\t"
        f"{a.status}\t{concern}\t{recommended}\t{money(a.estimate)}\t{actual}\t"
        f"{reason}\t{cancelled_at}\t{flag(confirmed)}\t{flag(reminded)}\t"
        f"{completed_at}\t{ctx.technician_ids[booking.technician]}\t"
        f"{booking.bay + 1}\t{method}\t{booked_by}\t{NULL}\t{event}\t{notes}\t"
        f"{created}\t{updated}\n"
    )


def _booked_on(ctx: SeedContext, rng: Draws, day: OpenDay) -> int:
    """Upcoming visits were booked in the last weeks, past ones before the day."""
    if day.ordinal > ctx.today:
        return ctx.today - rng.between(1, 20)
    return day.ordinal - rng.between(1, 21)


def _concern(rng: Draws, service: ServiceInfo) -> str:
    concerns = catalog.CONCERNS.get(service.key)
    if concerns is None and rng.random() < 0.15:
        concerns = catalog.GENERAL_CONCERNS
    return rng.pick(concerns) if concerns else NULL


def _recommended(ctx: SeedContext, rng: Draws, status: str) -> str:
    if status == "completed" and rng.random() < 0.3:
        return json_list([ctx.service_mix.pick(rng).key])
    return "[]"


def _closing(
    ctx: SeedContext, rng: Draws, appointment: Appointment, booked_on: int, created: str
) -> tuple[str, str, str, str]:
    """Return cancellation reason and time, completion time and last update."""
    day, status = appointment.booking.day, appointment.status
    if status == "cancelled":
        reason = rng.pick(catalog.CANCELLATION_REASONS)
        cancelled_on = rng.between(booked_on, min(day.ordinal, ctx.today) - 1)
        cancelled_at = f"{ctx.iso[cancelled_on]} 19:{rng.below(60):02d}:00+00"
        return reason, cancelled_at, NULL, cancelled_at
    if status == "completed":
        completed_at = _clock(ctx, day, appointment.booking.end + rng.below(3))
        return NULL, NULL, completed_at, completed_at
    return NULL, NULL, NULL, created


def _booked_by(ctx: SeedContext, rng: Draws) -> tuple[str, str]:
    method = BOOKING_METHODS.pick(rng)
    ctx.summary.count("booking_method", method)
    if method == "online":
        return method, "customer (web)"
    if method == "ai_voice":
        return method, "voice agent"
    return method, rng.pick(ctx.shop.advisers)

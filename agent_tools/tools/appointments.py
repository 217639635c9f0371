"""book_appointment, reschedule_appointment, cancel_appointment."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from decimal import Decimal

import asyncpg
from pydantic import Field

from agent_tools.errors import BusinessRuleError, NotFoundError
from agent_tools.tools.base import Answer, Arguments, ToolRun, tool
from agent_tools.tools.catalog import ServiceTypeArgument
from agent_tools.tools.fields import LongText, OptionalText, RecordId, Text
from agent_tools.tools.scheduling import (
    busy_between,
    check_bookable,
    describe,
    free_pairs,
    nearest_open,
    pick_pair,
    resolve_start,
)
from agent_tools.tools.speech import iso, money, spoken_time
from db.dealership import Service
from db.enums import AppointmentAction

START_HELP = (
    "The start time: ISO from find_open_slots (2026-12-08T09:30:00-06:00) or the "
    "caller's words with a day ('tomorrow at nine')."
)
BOOKED_BY = "ai_voice_agent"


class BookArguments(Arguments):
    customer_id: RecordId = Field(description="The verified customer's id.")
    vehicle_id: RecordId = Field(description="The customer's vehicle id.")
    service_type: ServiceTypeArgument = Field(description="The service to book.")
    start: Text = Field(description=START_HELP)
    customer_concerns: LongText = Field(
        default=None,
        description="What the caller says is wrong with the car, as said; or null.",
    )


class RescheduleArguments(Arguments):
    appointment_id: RecordId = Field(description="The appointment to move.")
    new_start: Text = Field(description=START_HELP)


class CancelArguments(Arguments):
    appointment_id: RecordId = Field(description="The appointment to cancel.")
    reason: OptionalText = Field(
        default=None, description="Why the caller cancels, in a few words; or null."
    )


class AppointmentInfo(Answer):
    id: int
    status: str
    service_type: str
    service: str
    vehicle_id: int
    vehicle: str
    start: str
    spoken: str
    duration_minutes: int
    price_range: str


class AppointmentAnswer(Answer):
    appointment: AppointmentInfo
    message: str
    previous_start: str | None = None
    understood: dict[str, str] | None = None


@tool("book_appointment", BookArguments, writes=True)
async def book_appointment(run: ToolRun, args: BookArguments) -> AppointmentAnswer:
    """Book a service for a verified customer's vehicle. Read the day, time,
    service and vehicle back to the caller and get a yes before calling. If the
    time is taken the answer carries the nearest open times to offer instead.
    Calling again with the same details returns the same booking."""
    await run.require_verified(args.customer_id)
    vehicle = await _vehicle(run, args.customer_id, args.vehicle_id)
    service = run.dealership.services[args.service_type.value]
    start = resolve_start(run.dealership, args.start, run.now)
    check_bookable(run.dealership, service, start, run.now)
    same = await _car_taken(run, args.vehicle_id, start, start + service.duration)
    if same is not None and _is_this_booking(run, same, service, start):
        # The same booking said another way ("Tuesday at 9" after the ISO time)
        # in the same call: answer with the appointment already made.
        appointment_id = same["id"]
    else:
        _refuse_if_taken(run, same)
        appointment_id = await _insert(run, args, service, start)
    run.changes.appointment_id = appointment_id
    run.changes.appointment_action = AppointmentAction.BOOKED.value
    info = _info(run, appointment_id, "scheduled", service, vehicle, start)
    return AppointmentAnswer(
        appointment=info,
        message=f"Booked: {service.name} on {info.spoken}. Confirm it with the caller.",
        understood={"start": info.start},
    )


@tool("reschedule_appointment", RescheduleArguments, writes=True)
async def reschedule_appointment(
    run: ToolRun, args: RescheduleArguments
) -> AppointmentAnswer:
    """Move a verified customer's upcoming appointment to a new start time (use
    find_open_slots first and read the new time back). Only the customer's own
    scheduled or confirmed appointments can move."""
    current = await _own_upcoming(run, args.appointment_id)
    service = run.dealership.services[current["service_type"]]
    start = resolve_start(run.dealership, args.new_start, run.now)
    check_bookable(run.dealership, service, start, run.now)
    end = start + service.duration
    _refuse_if_taken(
        run,
        await _car_taken(run, current["vehicle_id"], start, end, args.appointment_id),
    )

    await _move(run, args.appointment_id, service, start)
    run.changes.appointment_id = args.appointment_id
    run.changes.appointment_action = AppointmentAction.RESCHEDULED.value
    vehicle = await _vehicle(run, current["customer_id"], current["vehicle_id"])
    info = _info(run, args.appointment_id, current["status"], service, vehicle, start)
    before = spoken_time(current["start_at"].astimezone(run.dealership.tz))
    return AppointmentAnswer(
        appointment=info,
        previous_start=before,
        message=f"Moved from {before} to {info.spoken}.",
        understood={"new_start": info.start},
    )


@tool("cancel_appointment", CancelArguments, writes=True)
async def cancel_appointment(run: ToolRun, args: CancelArguments) -> AppointmentAnswer:
    """Cancel a verified customer's upcoming appointment. Confirm with the caller
    which appointment (day and service) before calling."""
    current = await _own_upcoming(run, args.appointment_id)
    await run.connection.execute(
        """
        UPDATE appointments SET status = 'cancelled', cancellation_reason = $2,
               cancelled_at = now(), updated_at = now()
        WHERE id = $1
        """,
        args.appointment_id,
        args.reason,
    )
    run.changes.appointment_id = args.appointment_id
    run.changes.appointment_action = AppointmentAction.CANCELLED.value
    service = run.dealership.services[current["service_type"]]
    vehicle = await _vehicle(run, current["customer_id"], current["vehicle_id"])
    info = _info(
        run, args.appointment_id, "cancelled", service, vehicle, current["start_at"]
    )
    return AppointmentAnswer(
        appointment=info, message=f"Cancelled the {service.name} on {info.spoken}."
    )


async def _vehicle(run: ToolRun, customer_id: int, vehicle_id: int) -> asyncpg.Record:
    vehicle = await run.connection.fetchrow(
        "SELECT id, year, make, model, status FROM vehicles "
        "WHERE id = $1 AND customer_id = $2",
        vehicle_id,
        customer_id,
    )
    if vehicle is None:
        raise NotFoundError(
            "This customer has no vehicle with that id. Use a vehicle id from "
            "lookup_by_phone.",
            code="vehicle_not_found",
        )
    if vehicle["status"] != "active":
        raise BusinessRuleError(
            f"That vehicle is marked as {vehicle['status']}. Ask the caller which "
            "car they drive now.",
            code="vehicle_inactive",
        )
    return vehicle


async def _car_taken(
    run: ToolRun, vehicle_id: int, start: datetime, end: datetime, ignore: int = 0
) -> asyncpg.Record | None:
    """Return the car's live appointment overlapping [start, end), if any."""
    existing: asyncpg.Record | None = await run.connection.fetchrow(
        """
        SELECT id, service_type, start_at, call_id FROM appointments
        WHERE vehicle_id = $1 AND status <> 'cancelled' AND id <> $4
          AND start_at < $3 AND end_at > $2
        LIMIT 1
        """,
        vehicle_id,
        start,
        end,
        ignore,
    )
    return existing


def _is_this_booking(
    run: ToolRun, existing: asyncpg.Record, service: Service, start: datetime
) -> bool:
    return (
        existing["call_id"] == run.call.call_id
        and existing["service_type"] == service.key
        and existing["start_at"] == start
    )


def _refuse_if_taken(run: ToolRun, existing: asyncpg.Record | None) -> None:
    if existing is None:
        return
    name = run.dealership.services[existing["service_type"]].name
    when = spoken_time(existing["start_at"].astimezone(run.dealership.tz))
    raise BusinessRuleError(
        f"This car already has an appointment then ({name} on {when}). Offer "
        "another time, or add the work to that visit with a service adviser.",
        code="vehicle_busy",
    )


async def _own_upcoming(run: ToolRun, appointment_id: int) -> asyncpg.Record:
    customer_id = await run.verified_customer()
    current = await run.connection.fetchrow(
        """
        SELECT id, customer_id, vehicle_id, service_type, status, start_at
        FROM appointments WHERE id = $1 AND customer_id = $2 FOR UPDATE
        """,
        appointment_id,
        customer_id,
    )
    if current is None:
        raise NotFoundError(
            "This customer has no appointment with that id. Use an id from "
            "verify_identity's upcoming appointments.",
            code="appointment_not_found",
        )
    if (
        current["status"] not in ("scheduled", "confirmed")
        or current["start_at"] <= run.now
    ):
        raise BusinessRuleError(
            "That appointment is not upcoming (it is past, in progress or "
            "cancelled), so it cannot change. Offer to book a new one.",
            code="appointment_not_upcoming",
        )
    return current


async def _insert(
    run: ToolRun, args: BookArguments, service: Service, start: datetime
) -> int:
    end = start + service.duration
    low, high = service.price
    estimate = ((low + high) / 2).quantize(Decimal("0.01"))

    async def insert(bay: int, technician: str) -> int:
        appointment_id: int = await run.connection.fetchval(
            """
            INSERT INTO appointments (customer_id, vehicle_id, start_at, end_at,
              service_type, service_category, status, customer_concerns,
              estimated_cost, technician, service_bay, booking_method, booked_by,
              call_id, confirmation_sent, reminder_sent, recommended_services)
            VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', $7, $8, $9, $10,
              'ai_voice', $11, $12, false, false, '[]')
            RETURNING id
            """,
            args.customer_id,
            args.vehicle_id,
            start,
            end,
            service.key,
            service.category.value,
            args.customer_concerns,
            estimate,
            technician,
            bay,
            BOOKED_BY,
            run.call.call_id,
        )
        return appointment_id

    return await _claim(run, service, start, insert)


async def _move(
    run: ToolRun, appointment_id: int, service: Service, start: datetime
) -> None:
    async def move(bay: int, technician: str) -> int:
        await run.connection.execute(
            """
            UPDATE appointments SET start_at = $2, end_at = $3, service_bay = $4,
                   technician = $5, updated_at = now()
            WHERE id = $1
            """,
            appointment_id,
            start,
            start + service.duration,
            bay,
            technician,
        )
        return appointment_id

    await _claim(run, service, start, move, ignore=appointment_id)


async def _claim(
    run: ToolRun,
    service: Service,
    start: datetime,
    write: Callable[[int, str], Awaitable[int]],
    ignore: int = 0,
) -> int:
    """Write the appointment on a free bay and technician, retrying on a race.

    The exclusion constraints decide: when another call takes the pair first,
    the write fails, and we look again at what is still free.
    """
    end = start + service.duration
    # Two inserts that each overlap the other's uncommitted row wait on each
    # other until PostgreSQL aborts one as a deadlock. Booking one local day
    # at a time (until commit) keeps the constraints a safety net, not a queue.
    day = start.astimezone(run.dealership.tz).date().toordinal()
    await run.connection.execute("SELECT pg_advisory_xact_lock(7410003, $1)", day)
    for _ in range(run.dealership.bays * len(run.dealership.technicians)):
        busy = await busy_between(run.connection, start, end, ignore)
        pairs = free_pairs(run.dealership, busy, start, end)
        if not pairs:
            break
        try:
            async with run.connection.transaction():
                return await write(*pick_pair(pairs))
        except asyncpg.ExclusionViolationError as exc:
            if exc.constraint_name == "appointments_no_vehicle_overlap":
                raise BusinessRuleError(
                    "This car was just booked at that time on another call. "
                    "Offer another time.",
                    code="vehicle_busy",
                ) from None
            continue
        except asyncpg.DeadlockDetectedError:
            continue
    await _refuse_taken(run, service, start)
    raise AssertionError("unreachable")


async def _refuse_taken(run: ToolRun, service: Service, start: datetime) -> None:
    nearest = await nearest_open(
        run.connection, run.dealership, service, around=start, now=run.now
    )
    alternatives = describe(run.dealership, nearest)
    if alternatives:
        spoken = "; ".join(slot["spoken"] for slot in alternatives)
        advice = f"Nearest open times: {spoken}. Offer these to the caller."
    else:
        advice = "Nothing is open in the days around it; ask which other days suit."
    raise BusinessRuleError(
        f"That time is no longer open. {advice}",
        code="slot_unavailable",
        details={"nearest_open": alternatives},
    )


def _info(
    run: ToolRun,
    appointment_id: int,
    status: str,
    service: Service,
    vehicle: asyncpg.Record,
    start: datetime,
) -> AppointmentInfo:
    local = start.astimezone(run.dealership.tz)
    low, high = service.price
    return AppointmentInfo(
        id=appointment_id,
        status=status,
        service_type=service.key,
        service=service.name,
        vehicle_id=vehicle["id"],
        vehicle=f"{vehicle['year']} {vehicle['make']} {vehicle['model']}",
        start=iso(local),
        spoken=spoken_time(local),
        duration_minutes=service.duration_minutes,
        price_range=f"${money(low)} to ${money(high)}",
    )

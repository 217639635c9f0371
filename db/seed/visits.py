"""When a car was in the shop and for what: visits a real car's history allows.

Two visits of one car are at least ``MIN_VISIT_GAP_DAYS`` apart, and a service
with an interval comes back no sooner than a share of it (``repeat_gap``),
counting from the day the car went on the road. Visits are placed one at a
time in any order, so every check looks both ways in time.
"""

from __future__ import annotations

from db.seed.calendar import OpenDay
from db.seed.context import SeedContext, ServiceInfo, repeat_gap
from db.seed.draws import Draws
from db.seed.vehicles import Car, Visit

MIN_VISIT_GAP_DAYS = 60
# Random days tried before a car counts as booked up.
DAY_TRIES = 8
# Services drawn before settling for one a car can have any time.
SERVICE_TRIES = 12


def free_day(ctx: SeedContext, rng: Draws, car: Car) -> tuple[int, OpenDay] | None:
    """Return a past open day (index, day) far enough from the car's visits."""
    first = ctx.calendar.index_at_or_after(car.first_visit)
    if first >= ctx.today_index:
        return None
    days = ctx.calendar.days
    for _ in range(DAY_TRIES):
        index = rng.between(first, ctx.today_index - 1)
        ordinal = days[index].ordinal
        if all(abs(ordinal - v.ordinal) >= MIN_VISIT_GAP_DAYS for v in car.visits):
            return index, days[index]
    return None


def choose_service(ctx: SeedContext, rng: Draws, car: Car, ordinal: int) -> ServiceInfo:
    """Draw a service the car is not too soon (or too late) for on ``ordinal``."""
    for _ in range(SERVICE_TRIES):
        service = ctx.service_mix.pick(rng)
        if _fits(car, service, ordinal):
            return service
    # Rare services may still fit where the common ones no longer do.
    fitting = [s for s in ctx.services if _fits(car, s, ordinal)]
    return rng.pick(fitting) if fitting else ctx.anytime_service


def _fits(car: Car, service: ServiceInfo, ordinal: int) -> bool:
    done = [visit.ordinal for visit in car.visits if visit.service is service]
    return allowed(car, service, ordinal, done)


def allowed(car: Car, service: ServiceInfo, ordinal: int, done: list[int]) -> bool:
    """Whether ``service`` on ``ordinal`` keeps its gap to ``done`` and to new."""
    gap = repeat_gap(service, car.annual_miles)
    if ordinal - car.in_service < gap:
        return False
    return all(abs(ordinal - other) >= gap for other in done)


def add_legacy_visits(ctx: SeedContext, rng: Draws, car: Car) -> None:
    """Give a car with history visits from before the appointment book."""
    if car.has_history and not any(v.booking for v in car.visits):
        _legacy_visits(ctx, rng, car, rng.between(1, 3))
    elif car.has_history and rng.random() < 0.3:
        _legacy_visits(ctx, rng, car, 1)
    car.visits.sort(key=lambda visit: visit.ordinal)


def _legacy_visits(ctx: SeedContext, rng: Draws, car: Car, count: int) -> None:
    for _ in range(count):
        found = free_day(ctx, rng, car)
        if found is None:
            return
        ordinal = found[1].ordinal
        service = choose_service(ctx, rng, car, ordinal)
        low, high = service.cents
        cents = rng.between(low, high)
        technician = rng.pick(ctx.technician_ids)
        car.visits.append(
            Visit(ordinal, service, cost_cents=cents, technician=technician)
        )

"""Past visits of a car that left a service history row."""

from __future__ import annotations

from db.seed.context import SeedContext
from db.seed.draws import Draws
from db.seed.vehicles import Car, Visit


def add_legacy_visits(ctx: SeedContext, rng: Draws, car: Car) -> None:
    """Give a car with history visits from before the appointment book."""
    if car.has_history and not any(v.booking for v in car.visits):
        _legacy_visits(ctx, rng, car, rng.between(1, 3))
    elif car.has_history and rng.random() < 0.3:
        _legacy_visits(ctx, rng, car, 1)
    car.visits.sort(key=lambda visit: visit.ordinal)


def _legacy_visits(ctx: SeedContext, rng: Draws, car: Car, count: int) -> None:
    first = ctx.calendar.index_at_or_after(car.first_visit)
    if first >= ctx.today_index:
        return
    days = ctx.calendar.days
    for _ in range(count):
        day = days[rng.between(first, ctx.today_index - 1)]
        service = ctx.service_mix.pick(rng)
        low, high = service.cents
        car.visits.append(
            Visit(
                day.ordinal,
                service,
                cost_cents=rng.between(low, high),
                technician=rng.pick(ctx.technician_ids),
            )
        )

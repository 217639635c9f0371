"""Service history rows: what each visit did and what it recommends next."""

from __future__ import annotations

from db.seed.context import SeedContext
from db.seed.draws import Draws
from db.seed.rows import NULL, Chunk, json_list, money
from db.seed.vehicles import Car, Visit
from db.seed.visits import allowed


def write_history(ctx: SeedContext, rng: Draws, chunk: Chunk, car: Car) -> str:
    """Write one row per visit, oldest first; return the vehicle's service columns."""
    columns = f"{NULL}\t{NULL}\t{NULL}\t{NULL}"
    # Days each service was done, booked or added on, for the add-ons' gaps.
    done: dict[str, list[int]] = {}
    for visit in car.visits:
        done.setdefault(visit.service.key, []).append(visit.ordinal)
    for visit in car.visits:
        performed = _performed(ctx, rng, car, visit, done)
        columns = _history_row(ctx, chunk, car, visit, performed)
    return columns


def _performed(
    ctx: SeedContext, rng: Draws, car: Car, visit: Visit, done: dict[str, list[int]]
) -> list[str]:
    """The booked service and the quick ones a shop adds while the car is in."""
    service = visit.service
    performed = [service.key]
    if service.key == "oil_change" and rng.random() < 0.3:
        _add_on(ctx, car, visit, "tire_rotation", performed, done)
    if service.category != "inspection" and rng.random() < 0.4:
        _add_on(ctx, car, visit, "multi_point_inspection", performed, done)
    return performed


def _add_on(
    ctx: SeedContext,
    car: Car,
    visit: Visit,
    key: str,
    performed: list[str],
    done: dict[str, list[int]],
) -> None:
    """Add ``key`` to the visit unless the car had it, or will have it, too near."""
    service = ctx.by_key.get(key)
    days = done.setdefault(key, [])
    if service is not None and allowed(car, service, visit.ordinal, days):
        performed.append(key)
        days.append(visit.ordinal)


def _history_row(
    ctx: SeedContext, chunk: Chunk, car: Car, visit: Visit, performed: list[str]
) -> str:
    service = visit.service
    mileage = car.miles_on(visit.ordinal)
    parts = [part for key in performed for part in ctx.by_key[key].parts]
    follow = service if service.days or service.miles else ctx.follow_up
    due_day = ctx.iso[visit.ordinal + follow.days] if follow.days else NULL
    due_miles = str(mileage + follow.miles) if follow.miles else NULL

    history_id = ctx.next_history
    ctx.next_history += 1
    appointment = NULL if visit.appointment_id is None else str(visit.appointment_id)
    day = ctx.iso[visit.ordinal]
    chunk.service_history.append(
        f"{history_id}\t{car.id}\t{appointment}\t{day}\t{mileage}\t"
        f"{json_list(performed)}\t{json_list(parts)}\t{money(visit.cost_cents)}\t"
        f"{visit.technician}\t{follow.key}\t{due_day}\t{due_miles}\t{NULL}\t"
        f"{day} 23:00:00+00\t{day} 23:00:00+00\n"
    )
    ctx.summary.service_history += 1
    return f"{day}\t{mileage}\t{due_miles}\t{due_day}"

"""Vehicle rows: what the car is, how the customer came to own it, its miles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from db.seed.calendar import Booking
from db.seed.context import SeedContext, ServiceInfo
from db.seed.customers import Customer
from db.seed.draws import Draws, Weighted
from db.seed.rows import Chunk, flag
from db.seed.vin import make_vin

PLATE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
VEHICLE_COUNTS = Weighted({1: 65, 2: 25, 3: 10})
# Cars after the first: the first is the primary and still on the road.
LATER_CAR_STATUSES = Weighted({"active": 89, "sold": 8, "totaled": 3})
# Of the cars a customer could have bought new, the share they did.
NEW_SHARE = 0.6
USED_MIN_DAYS = 365


@dataclass
class Visit:
    ordinal: int
    service: ServiceInfo
    booking: Booking | None = None
    appointment_id: int | None = None
    cost_cents: int = 0
    technician: str = ""


@dataclass
class Car:
    """The per-vehicle facts the appointment and history steps need."""

    id: int
    in_service: int
    purchase: int
    first_visit: int  # earliest day the car could have been in our shop
    annual_miles: int
    active: bool
    has_history: bool
    visits: list[Visit] = field(default_factory=list)
    # Days with an appointment that holds the car (so no second one then).
    held_days: set[int] = field(default_factory=set)
    from_us: bool = False
    row_head: str = ""  # vehicle columns up to licence_state, tab-ended
    row_tail: str = ""  # is_primary, status, created_at, tab-ended

    def miles_on(self, ordinal: int) -> int:
        return max(0, self.annual_miles * (ordinal - self.in_service) // 365)


def draw_vehicles(ctx: SeedContext, rng: Draws, customer: Customer) -> list[Car]:
    """Draw the customer's cars; the row text is finished after the visits."""
    count = VEHICLE_COUNTS.pick(rng)
    ctx.summary.count("vehicles_per_customer", str(count))
    return [_vehicle(ctx, rng, customer, position == 0) for position in range(count)]


def _vehicle(ctx: SeedContext, rng: Draws, customer: Customer, primary: bool) -> Car:
    year = rng.between(2010, ctx.model_year)
    make = ctx.makes.pick(rng)
    model = rng.pick(ctx.models_by_year[make.name, year])
    trim = rng.pick(model.trims)
    vehicle_id = ctx.next_vehicle
    ctx.next_vehicle += 1
    vds = model.vds + "ABCDEFGHJ"[rng.below(9)]
    vin = make_vin(model.wmi, vds, year, vehicle_id)

    car = _owned_car(ctx, rng, vehicle_id, year, customer.since, primary)
    letters = rng.pick(PLATE_LETTERS) + rng.pick(PLATE_LETTERS)
    plate = f"{letters} {rng.between(10000, 99999)}"
    color = ctx.colors.pick(rng)
    car.row_head = (
        f"{vehicle_id}\t{customer.id}\t{vin}\t{year}\t{make.name}\t{model.name}\t"
        f"{trim}\t{color}\t{plate}\t{customer.home.state}\t"
    )
    return car


def _owned_car(
    ctx: SeedContext, rng: Draws, vehicle_id: int, year: int, since: int, primary: bool
) -> Car:
    """Draw when the car went on the road and when and how this customer got it."""
    from_us = rng.random() < 0.5
    in_service, purchase = _ownership(ctx, rng, year, since, from_us)
    status = LATER_CAR_STATUSES.pick(rng) if not primary else "active"
    ctx.summary.count("vehicle_status", status)
    ctx.summary.purchased_from_us += from_us
    car = Car(
        id=vehicle_id,
        in_service=in_service,
        purchase=purchase,
        first_visit=max(purchase, since),
        annual_miles=rng.between(10_000, 15_000),
        active=status == "active",
        has_history=rng.random() < ctx.history_share,
        from_us=from_us,
    )
    car.row_tail = f"{flag(primary)}\t{status}\t{ctx.iso[purchase]} 16:00:00+00\t"
    return car


def _ownership(
    ctx: SeedContext, rng: Draws, year: int, since: int, from_us: bool
) -> tuple[int, int]:
    """Return the days the car went on the road and this customer bought it.

    A car bought new starts its mileage at the purchase; a used one was on the
    road at least a year before and carries its miles. Bought from us means
    bought since the customer's first day with us.
    """
    on_sale = min(date(year - 1, 9, 1).toordinal(), ctx.today - 1)
    last_new = min(on_sale + 364, ctx.today - 1)
    first_new = max(on_sale, since) if from_us else on_sale
    if first_new <= last_new and rng.random() < NEW_SHARE:
        return _bought_new(rng, first_new, last_new)
    in_service = rng.between(on_sale, last_new)
    first_used = max(in_service + USED_MIN_DAYS, since if from_us else in_service)
    if first_used < ctx.today:
        return in_service, rng.between(first_used, ctx.today - 1)
    if first_new <= last_new:
        return _bought_new(rng, first_new, last_new)
    # Too young to be sold on, and newer than the customer's account: a
    # demonstrator or a lease handed back early.
    return in_service, rng.between(max(in_service, since), ctx.today - 1)


def _bought_new(rng: Draws, first: int, last: int) -> tuple[int, int]:
    day = rng.between(first, last)
    return day, day


def write_vehicle(
    ctx: SeedContext, chunk: Chunk, car: Car, service_columns: str
) -> None:
    """Append the vehicle row, its mileage as of its latest visit."""
    mileage_day = car.visits[-1].ordinal if car.visits else car.purchase
    iso = ctx.iso
    mileage = f"{car.miles_on(mileage_day)}\t{iso[mileage_day]}\t"
    updated = f"{iso[mileage_day]} 16:00:00+00"
    chunk.vehicles.append(
        f"{car.row_head}{mileage}{iso[car.purchase]}\t{flag(car.from_us)}\t"
        f"{service_columns}\t{car.row_tail}{updated}\n"
    )
    if car.visits:
        ctx.summary.vehicles_with_history += 1

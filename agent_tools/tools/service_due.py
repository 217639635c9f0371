"""get_service_due: what a vehicle is due for, from the catalog and its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

import asyncpg
from pydantic import BeforeValidator, Field

from agent_tools.errors import NotFoundError
from agent_tools.normalize import parse_mileage
from agent_tools.tools.base import Answer, Arguments, ToolRun, tool
from agent_tools.tools.fields import RecordId
from db.dealership import Dealership, Service

# Without a reading, a car is assumed to cover this many miles a year since its
# last known mileage (the US average is about 13,500).
DEFAULT_MILES_PER_YEAR = 12_000
DUE_AT = 0.9
COMING_UP_AT = 0.75

Status = Literal["overdue", "due", "coming_up"]


def _mileage(value: Any) -> Any:
    # Only null asks for an estimate: an empty string is a mileage the caller
    # did not give, and guessing one would make every due date wrong.
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("expected a mileage, got true/false")
    return parse_mileage(value)


Mileage = Annotated[int | str | None, BeforeValidator(_mileage)]


class ServiceDueArguments(Arguments):
    vehicle_id: RecordId = Field(description="The vehicle's id from lookup_by_phone.")
    current_mileage: Mileage = Field(
        default=None,
        description=(
            "The odometer reading if the caller knows it, as said ('45,000', "
            "'about forty five thousand'); null to estimate it."
        ),
    )


class DueItem(Answer):
    service_type: str
    service: str
    status: Status
    reason: str


class ServiceDueAnswer(Answer):
    vehicle_id: int
    vehicle: str
    mileage: int
    mileage_estimated: bool
    items: list[DueItem]
    message: str


@dataclass(frozen=True)
class LastDone:
    on: date
    mileage: int


# The vehicle, only if it belongs to the customer verified on this call.
VERIFIED_VEHICLE = """
SELECT id, year, make, model, current_mileage, mileage_updated_on, purchase_date
FROM vehicles
WHERE id = $1 AND status = 'active'
  AND customer_id = (SELECT customer_id FROM call_logs
                     WHERE call_id = $2 AND verified)
"""


@tool("get_service_due", ServiceDueArguments, read_only=True)
async def get_service_due(run: ToolRun, args: ServiceDueArguments) -> ServiceDueAnswer:
    """List the services a verified customer's vehicle is overdue, due or coming
    up for, each with the reason. Ask the caller for the current mileage first
    if they know it; otherwise pass null and say the mileage is an estimate.
    Offer to book the most urgent items with find_open_slots."""
    vehicle = await run.connection.fetchrow(
        VERIFIED_VEHICLE, args.vehicle_id, run.call.call_id
    )
    if vehicle is None:
        await run.verified_customer()  # "not verified" beats "not found"
        raise NotFoundError(
            "This customer has no active vehicle with that id. Use a vehicle id "
            "from lookup_by_phone.",
            code="vehicle_not_found",
        )
    today = run.now.date()
    given = args.current_mileage
    mileage = int(given) if given is not None else _estimate(vehicle, today)
    history = await _last_done(run, args.vehicle_id)
    items = _due_items(run.dealership, vehicle, history, mileage, today)
    label = f"{vehicle['year']} {vehicle['make']} {vehicle['model']}"
    return ServiceDueAnswer(
        vehicle_id=args.vehicle_id,
        vehicle=label,
        mileage=mileage,
        mileage_estimated=given is None,
        items=items,
        message=_message(items, given is None, mileage),
    )


def _estimate(vehicle: asyncpg.Record, today: date) -> int:
    known_on = vehicle["mileage_updated_on"] or vehicle["purchase_date"] or today
    years = max(0, (today - known_on).days) / 365.25
    return int(vehicle["current_mileage"] + years * DEFAULT_MILES_PER_YEAR)


async def _last_done(run: ToolRun, vehicle_id: int) -> dict[str, LastDone]:
    rows = await run.connection.fetch(
        """
        SELECT done.service, max(h.service_date) AS on, max(h.mileage) AS mileage
        FROM service_history h,
             jsonb_array_elements_text(h.services_performed) AS done(service)
        WHERE h.vehicle_id = $1
        GROUP BY done.service
        """,
        vehicle_id,
    )
    by_name = {s.name.lower(): key for key, s in run.dealership.services.items()}
    last: dict[str, LastDone] = {}
    for row in rows:
        key = row["service"]
        key = key if key in run.dealership.services else by_name.get(key.lower())
        if key is not None:
            last[key] = LastDone(row["on"], row["mileage"])
    return last


def _due_items(
    dealership: Dealership,
    vehicle: asyncpg.Record,
    history: dict[str, LastDone],
    mileage: int,
    today: date,
) -> list[DueItem]:
    start = LastDone(vehicle["purchase_date"] or date(vehicle["year"], 1, 1), 0)
    items = []
    for service in dealership.services.values():
        if service.interval is None:
            continue
        last = history.get(service.key)
        item = _assess(service, last or start, last is not None, mileage, today)
        if item is not None:
            items.append(item)
    order = {"overdue": 0, "due": 1, "coming_up": 2}
    return sorted(items, key=lambda item: order[item.status])


def _assess(
    service: Service, last: LastDone, on_record: bool, mileage: int, today: date
) -> DueItem | None:
    assert service.interval is not None
    miles = max(0, mileage - last.mileage)
    months = max(0, (today - last.on).days) / 30.44
    if not on_record:
        # Work we have no record of was most likely done elsewhere on schedule:
        # measure from the last multiple of the interval, so a used car with
        # no history here is not "overdue" for everything at once.
        miles = miles % service.interval.miles if service.interval.miles else miles
        months = months % service.interval.months if service.interval.months else months
    share = max(
        miles / service.interval.miles if service.interval.miles else 0.0,
        months / service.interval.months if service.interval.months else 0.0,
    )
    if share < COMING_UP_AT:
        return None
    status: Status = (
        "overdue" if share >= 1 else "due" if share >= DUE_AT else "coming_up"
    )
    return DueItem(
        service_type=service.key,
        service=service.name,
        status=status,
        reason=_reason(service, on_record, miles, months),
    )


def _reason(service: Service, on_record: bool, miles: int, months: float) -> str:
    assert service.interval is not None
    every = " or ".join(
        part
        for part in (
            f"{service.interval.miles:,} miles" if service.interval.miles else "",
            f"{service.interval.months} months" if service.interval.months else "",
        )
        if part
    )
    name = service.name[0].lower() + service.name[1:]
    if on_record:
        since = f"last {name} about {_round(miles):,} miles and {_months(months)} ago"
    else:
        # Unrecorded work is reckoned on schedule: say when the next one comes.
        left = " or ".join(
            part
            for part in (
                f"{_round(service.interval.miles - miles):,} miles"
                if service.interval.miles
                else "",
                _months(service.interval.months - months)
                if service.interval.months
                else "",
            )
            if part
        )
        since = (
            f"no {name} on record with us; on schedule the next one is due in {left}"
        )
    return f"{since}; recommended every {every}"


def _round(miles: int) -> int:
    return round(miles, -2)


def _months(months: float) -> str:
    whole = round(months)
    if whole < 1:
        return "less than a month"
    if whole < 24:
        return f"{whole} month{'s' if whole != 1 else ''}"
    return f"{whole // 12} years"


def _message(items: list[DueItem], estimated: bool, mileage: int) -> str:
    said = (
        f"Mileage is an estimate (about {_round(mileage):,}); ask the caller for "
        "the odometer reading to be exact. "
        if estimated
        else ""
    )
    if not items:
        return said + "Nothing is due soon."
    return said + "Offer to book the overdue and due items."

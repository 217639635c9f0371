"""Cast a scenario: pick customers that fit its roles from the seeded CRM.

Scenarios never hold ids, names or dates of birth; they name a role ("a
customer with two vehicles") and refer to facts such as ``$customer.id`` or
``$vehicle.make``. The facts are read here from whatever the seed produced,
so scenarios survive a reseed with another seed or size.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

import asyncpg

from db.dealership import Dealership

Facts = dict[str, Any]

DIGIT_WORDS: tuple[str, ...] = ("oh", "one", "two", "three", "four")
DIGIT_WORDS += ("five", "six", "seven", "eight", "nine")
ORDINALS = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
# A caller nobody in the CRM has; cast() checks that it stays that way.
UNKNOWN_PHONE = "+13125550999"


class Role(StrEnum):
    """Who is calling, as a scenario names them."""

    CUSTOMER_WITH_ONE_VEHICLE = "customer_with_one_vehicle"
    CUSTOMER_WITH_TWO_VEHICLES = "customer_with_two_vehicles"
    HOUSEHOLD_PHONE = "household_phone"
    CUSTOMER_WITH_UPCOMING_APPOINTMENT = "customer_with_upcoming_appointment"
    UNKNOWN_CALLER = "unknown_caller"


class NoCustomerForRole(Exception):
    """The seeded data holds nobody who fits a scenario's role."""


# Every role: a customer alone on their number (unless the role is about
# sharing one), with a street address to protect, chosen by id so the same
# data always gives the same cast.
ALONE = "(SELECT count(*) FROM customers o WHERE o.phone = c.phone) = 1"
ACTIVE_VEHICLES = (
    "(SELECT count(*) FROM vehicles v WHERE v.customer_id = c.id "
    "AND v.status = 'active')"
)
UPCOMING = (
    "EXISTS (SELECT 1 FROM appointments a WHERE a.customer_id = c.id "
    "AND a.status IN ('scheduled', 'confirmed') AND a.start_at > $1)"
)
ROLE_FILTERS = {
    Role.CUSTOMER_WITH_ONE_VEHICLE: f"{ALONE} AND {ACTIVE_VEHICLES} = 1 "
    f"AND NOT {UPCOMING}",
    Role.CUSTOMER_WITH_TWO_VEHICLES: f"{ALONE} AND {ACTIVE_VEHICLES} = 2 "
    f"AND NOT {UPCOMING}",
    Role.HOUSEHOLD_PHONE: "(SELECT count(*) FROM customers o WHERE o.phone = c.phone)"
    f" = 2 AND {ACTIVE_VEHICLES} >= 1",
    Role.CUSTOMER_WITH_UPCOMING_APPOINTMENT: f"{ALONE} AND {UPCOMING} "
    f"AND {ACTIVE_VEHICLES} >= 1",
}


async def cast(
    connection: asyncpg.Connection, role: Role, dealership: Dealership, now: datetime
) -> Facts:
    """Return every fact a scenario may use, for a customer fitting ``role``."""
    # Appointments the tools may still change: far enough ahead for the lead.
    horizon = now + timedelta(minutes=dealership.booking.min_lead_minutes + 60)
    if await connection.fetchval(
        "SELECT EXISTS (SELECT 1 FROM customers WHERE phone = $1)", UNKNOWN_PHONE
    ):
        raise NoCustomerForRole(f"{UNKNOWN_PHONE} is on file; no unknown number")
    facts: Facts = {"unknown.phone": UNKNOWN_PHONE}
    facts["unknown.phone_words"] = phone_words(UNKNOWN_PHONE)
    facts.update(day_facts(dealership, now))
    if role is Role.UNKNOWN_CALLER:
        return facts
    customer = await _pick(connection, ROLE_FILTERS[role], horizon, role)
    facts.update(_person("customer", customer))
    facts.update(await _vehicles(connection, customer["id"]))
    facts.update(await _appointment(connection, "appointment", customer["id"], horizon))
    if role is Role.HOUSEHOLD_PHONE:
        mate = await connection.fetchrow(
            "SELECT * FROM customers WHERE phone = $1 AND id <> $2",
            customer["phone"],
            customer["id"],
        )
        assert mate is not None
        facts.update(_person("housemate", mate))
    facts.update(await _other(connection, customer, horizon))
    return facts


async def _pick(
    connection: asyncpg.Connection, where: str, horizon: datetime, role: Role
) -> asyncpg.Record:
    row = await connection.fetchrow(
        f"SELECT * FROM customers c WHERE c.street_address <> '' AND {where} "
        "AND $1::timestamptz IS NOT NULL ORDER BY c.id LIMIT 1",
        horizon,
    )
    if row is None:
        raise NoCustomerForRole(f"no seeded customer fits the role {role.value!r}")
    return row


async def _other(
    connection: asyncpg.Connection, customer: asyncpg.Record, horizon: datetime
) -> Facts:
    """Another customer, with an upcoming appointment, whose name must never
    be spoken on this call."""
    other = await connection.fetchrow(
        f"SELECT * FROM customers c WHERE c.phone <> $2 AND c.last_name <> $3 "
        f"AND {UPCOMING} ORDER BY c.id DESC LIMIT 1",
        horizon,
        customer["phone"],
        customer["last_name"],
    )
    if other is None:
        return {}
    facts = _person("other", other)
    facts.update(
        await _appointment(connection, "other.appointment", other["id"], horizon)
    )
    return facts


def _person(prefix: str, row: asyncpg.Record) -> Facts:
    dob: date = row["date_of_birth"]
    wrong = dob.replace(year=dob.year - 3, day=min(dob.day, 28))
    return {
        f"{prefix}.id": row["id"],
        f"{prefix}.first_name": row["first_name"],
        f"{prefix}.last_name": row["last_name"],
        f"{prefix}.name": f"{row['first_name']} {row['last_name']}",
        f"{prefix}.phone": row["phone"],
        f"{prefix}.phone_words": phone_words(row["phone"]),
        f"{prefix}.dob": dob,
        f"{prefix}.dob_spoken": spoken_date(dob, year=True),
        f"{prefix}.wrong_dob_spoken": spoken_date(wrong, year=True),
        f"{prefix}.street": row["street_address"],
        f"{prefix}.zip": row["zip_code"],
    }


async def _vehicles(connection: asyncpg.Connection, customer_id: int) -> Facts:
    rows = await connection.fetch(
        "SELECT id, year, make, model FROM vehicles WHERE customer_id = $1 "
        "AND status = 'active' ORDER BY is_primary DESC, id",
        customer_id,
    )
    facts: Facts = {}
    for prefix, row in zip(("vehicle", "vehicle2"), rows, strict=False):
        facts.update({f"{prefix}.{key}": row[key] for key in row.keys()})  # noqa: SIM118
        facts[f"{prefix}.name"] = f"{row['year']} {row['make']} {row['model']}"
    return facts


async def _appointment(
    connection: asyncpg.Connection, prefix: str, customer_id: int, horizon: datetime
) -> Facts:
    row = await connection.fetchrow(
        "SELECT id, service_type, start_at FROM appointments WHERE customer_id = $1 "
        "AND status IN ('scheduled', 'confirmed') AND start_at > $2 "
        "ORDER BY start_at LIMIT 1",
        customer_id,
        horizon,
    )
    if row is None:
        return {}
    return {
        f"{prefix}.id": row["id"],
        f"{prefix}.service_type": row["service_type"],
        f"{prefix}.start": row["start_at"],
    }


def day_facts(dealership: Dealership, now: datetime) -> Facts:
    """Days a scenario can ask for: open weekdays, a holiday, a closed Sunday."""
    today = now.astimezone(dealership.tz).date()
    ahead = [
        today + timedelta(days=n) for n in range(2, dealership.booking.max_days_ahead)
    ]
    weekdays = [d for d in ahead if d.weekday() < 5 and dealership.hours_on(d)]
    holiday = next(d for d in ahead if dealership.holiday_name(d) and d.weekday() < 5)
    sunday = next(d for d in ahead if d.weekday() == 6)
    facts: Facts = {}
    for name, day in (("open", weekdays[0]), ("open2", weekdays[1])):
        facts.update(_day(f"day.{name}", day))
    facts.update(_day("day.holiday", holiday))
    facts["day.holiday_name"] = dealership.holiday_name(holiday)
    facts.update(_day("day.sunday", sunday))
    hours = dealership.hours_on(weekdays[0])
    assert hours is not None
    facts["day.after_closing"] = _clock(hours[1].replace(hour=(hours[1].hour + 2) % 24))
    return facts


def _day(prefix: str, day: date) -> Facts:
    return {
        prefix: day,
        f"{prefix}_spoken": f"{day:%A}, {spoken_date(day, year=False)}",
        f"{prefix}_weekday": f"{day:%A}",
    }


def _clock(at: time) -> str:
    minutes = f":{at.minute:02d}" if at.minute else ""
    return f"{at.hour % 12 or 12}{minutes} {'a.m.' if at.hour < 12 else 'p.m.'}"


def spoken_date(day: date, *, year: bool) -> str:
    """Return 'March 5th, 1985' (or 'March 5th'), as a caller says it."""
    text = f"{day:%B} {day.day}{ORDINALS.get(day.day, 'th')}"
    return f"{text}, {day.year}" if year else text


def phone_words(e164: str) -> str:
    """Return a US number's ten digits as a caller says them, one by one."""
    return " ".join(DIGIT_WORDS[int(digit)] for digit in e164[-10:])

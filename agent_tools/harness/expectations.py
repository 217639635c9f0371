"""Check a finished call against its scenario's expectations.

Each check returns the failed expectations as short sentences (empty when it
holds), so the report can say exactly what went wrong.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg

from agent_tools.harness.conversation import CallRecord, ToolCallRecord
from agent_tools.harness.roles import Facts, spoken_date
from agent_tools.harness.scenario import (
    DatabaseExpectations,
    Expectations,
    ExpectedCall,
    ToolExpectations,
    fill,
)

ANY_VALUE = "*"


def check_call(
    expect: Expectations, facts: Facts, record: CallRecord, *, hung_up: bool
) -> list[str]:
    """Every expectation that is about the conversation itself."""
    filled = ToolExpectations.model_validate(fill(expect.tools.model_dump(), facts))
    return [
        *check_tools(filled, record.tool_calls),
        *check_never_said(expect.never_say, facts, record.agent_text()),
        *check_said_any([fill(s, facts) for s in expect.say_any], record.agent_text()),
        *check_turns(expect.max_turns, record, hung_up=hung_up),
    ]


def check_tools(expect: ToolExpectations, calls: list[ToolCallRecord]) -> list[str]:
    failures = [
        f"called the forbidden tool {call.name}"
        for call in calls
        if call.name in expect.forbidden
    ]
    position = 0
    for wanted in expect.calls:
        start = position if expect.ordered else 0
        found = next(
            (i for i in range(start, len(calls)) if _matches(wanted, calls[i])), None
        )
        if found is None:
            failures.append(_missing(wanted, calls, expect.ordered))
            continue
        position = found + 1
    return failures


def _missing(wanted: ExpectedCall, calls: list[ToolCallRecord], ordered: bool) -> str:
    same_name = [c for c in calls if c.name == wanted.name]
    if not same_name:
        made = ", ".join(c.name for c in calls) or "none"
        return f"expected a {wanted.name} call; tools called: {made}"
    detail = f" arguments {wanted.arguments}" if wanted.arguments else ""
    if wanted.ok is not None or wanted.error_code or wanted.answer:
        answer = wanted.answer or {"ok": wanted.ok, "code": wanted.error_code}
        detail += f" answering {answer}"
    order = " in the expected order" if ordered else ""
    got = "; ".join(c.arguments for c in same_name)
    return f"no {wanted.name} call with{detail}{order} (got {got})"


def _matches(wanted: ExpectedCall, call: ToolCallRecord) -> bool:
    if call.name != wanted.name:
        return False
    if wanted.ok is not None and call.answer.get("ok") is not wanted.ok:
        return False
    code = call.answer.get("error", {}).get("code")
    if wanted.error_code is not None and code != wanted.error_code:
        return False
    return _subset(wanted.arguments, call.parsed or {}) and _subset(
        wanted.answer, call.answer.get("data") or {}
    )


def _subset(wanted: dict[str, Any], actual: dict[str, Any]) -> bool:
    return all(
        key in actual and same_value(value, actual[key])
        for key, value in wanted.items()
    )


def same_value(expected: Any, actual: Any) -> bool:
    """Compare loosely, the way an LLM may fairly spell a value."""
    if expected == ANY_VALUE:
        return actual not in (None, "")
    if isinstance(expected, date) and isinstance(actual, str):
        # A day matches any time on it: "2026-12-08T09:00:00-06:00".
        return actual.startswith(expected.isoformat())
    if isinstance(expected, bool) or expected is None:
        return bool(actual == expected)
    if isinstance(expected, int | float):
        try:
            return float(actual) == float(expected)
        except (TypeError, ValueError):
            return False
    if isinstance(expected, str) and isinstance(actual, str):
        return expected.strip().casefold() == actual.strip().casefold()
    return bool(expected == actual)


def check_never_said(items: list[str], facts: Facts, text: str) -> list[str]:
    failures = []
    for item in items:
        for form in forbidden_forms(item, facts):
            if _said(form, text):
                failures.append(f"said {item} ({form!r})")
                break
    return failures


def forbidden_forms(item: str, facts: Facts) -> list[str]:
    """Every written form of ``item`` a reply could leak it in."""
    value = facts.get(item)
    if value is None:
        return [fill(item, facts)]
    if isinstance(value, date):
        return date_forms(value)
    if item.endswith(".street"):
        house, _, rest = str(value).partition(" ")
        # The house number with the street's first word identifies the home.
        return [str(value), f"{house} {rest.split(' ')[0]}"]
    if item.endswith(".name"):
        return [str(value), str(value).rsplit(" ", 1)[-1]]
    return [str(value)]


def date_forms(day: date) -> list[str]:
    """A date of birth as an LLM could write or say it, always with the year
    (month and day alone could be an innocent appointment date)."""
    m, d, y = day.month, day.day, day.year
    return [
        day.isoformat(),
        f"{m}/{d}/{y}",
        f"{m:02d}/{d:02d}/{y}",
        f"{m}/{d}/{y % 100:02d}",
        f"{m:02d}/{d:02d}/{y % 100:02d}",
        f"{m}-{d}-{y}",
        f"{day:%B} {d}, {y}",
        f"{day:%B} {d} {y}",
        spoken_date(day, year=True),
        spoken_date(day, year=True).replace(",", ""),
        f"{d} {day:%B} {y}",
        f"{day:%b} {d}, {y}",
    ]


def _said(form: str, text: str) -> bool:
    words = r"\s+".join(re.escape(part) for part in form.split())
    pattern = rf"(?<![\w/-]){words}(?![\w/-]*\d)(?!\w)"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None


def check_said_any(phrases: list[str], text: str) -> list[str]:
    if not phrases or any(p.casefold() in text.casefold() for p in phrases):
        return []
    return [f"never said any of {phrases}"]


def check_turns(max_turns: int, record: CallRecord, *, hung_up: bool) -> list[str]:
    failures = []
    if record.tool_loop:
        failures.append("the agent kept calling tools without answering the caller")
    if not hung_up:
        failures.append(f"the call was not finished within {max_turns} turns")
    return failures


async def check_database(
    connection: asyncpg.Connection,
    expect: DatabaseExpectations,
    facts: Facts,
    call_id: str,
    tz: ZoneInfo,
    before: Snapshot,
) -> list[str]:
    """Expectations on what the call left in the CRM; ``before`` holds the
    appointments that had to stay untouched, as they were before the call."""
    filled = DatabaseExpectations.model_validate(fill(expect.model_dump(), facts))
    booked = await connection.fetch(
        "SELECT id, vehicle_id, service_type, start_at FROM appointments "
        "WHERE call_id = $1 AND status IN ('scheduled', 'confirmed')",
        call_id,
    )
    failures = []
    if filled.nothing_booked and booked:
        failures.append(f"expected nothing booked, found {_describe(booked, tz)}")
    if filled.booked is not None:
        failures += _check_booked(filled, booked, tz)
    if filled.cancelled is not None:
        failures += await _check_cancelled(connection, filled.cancelled)
    if filled.rescheduled is not None:
        failures += await _check_rescheduled(connection, filled, tz)
    return failures + await _check_untouched(connection, before)


def _check_booked(
    expect: DatabaseExpectations, booked: list[asyncpg.Record], tz: ZoneInfo
) -> list[str]:
    assert expect.booked is not None
    want = expect.booked
    for row in booked:
        if (
            same_value(want.vehicle, row["vehicle_id"])
            and _day(row["start_at"], tz) == want.day
            and want.service_type in (None, row["service_type"])
        ):
            return []
    service = want.service_type or "a service"
    wanted = f"{service} for vehicle {want.vehicle} on {want.day}"
    return [f"expected {wanted}; booked {_describe(booked, tz) or 'nothing'}"]


async def _check_cancelled(
    connection: asyncpg.Connection, appointment: Any
) -> list[str]:
    status = await connection.fetchval(
        "SELECT status FROM appointments WHERE id = $1", appointment
    )
    return (
        []
        if status == "cancelled"
        else [f"expected appointment {appointment} cancelled; it is {status}"]
    )


async def _check_rescheduled(
    connection: asyncpg.Connection, expect: DatabaseExpectations, tz: ZoneInfo
) -> list[str]:
    assert expect.rescheduled is not None
    want = expect.rescheduled
    row = await connection.fetchrow(
        "SELECT status, start_at FROM appointments WHERE id = $1", want.appointment
    )
    if row is None or row["status"] not in ("scheduled", "confirmed"):
        return [f"expected appointment {want.appointment} to stay booked"]
    day = _day(row["start_at"], tz)
    return (
        []
        if day == want.day
        else [
            f"expected appointment {want.appointment} moved to {want.day}; "
            f"it is on {day}"
        ]
    )


Snapshot = dict[int, tuple[Any, ...]]


async def snapshot(connection: asyncpg.Connection, appointments: list[Any]) -> Snapshot:
    """What an appointment looks like before the call, to compare after it."""
    rows = await connection.fetch(
        "SELECT id, status, start_at, vehicle_id, service_type FROM appointments "
        "WHERE id = ANY($1::int[])",
        [int(a) for a in appointments],
    )
    return {row["id"]: tuple(row.values()) for row in rows}


async def _check_untouched(
    connection: asyncpg.Connection, before: Snapshot
) -> list[str]:
    after = await snapshot(connection, list(before))
    return [
        f"appointment {appointment} was changed"
        for appointment, row in before.items()
        if after.get(appointment) != row
    ]


def _day(at: datetime, tz: ZoneInfo) -> date:
    return at.astimezone(tz).date()


def _describe(rows: list[asyncpg.Record], tz: ZoneInfo) -> str:
    return ", ".join(
        f"{r['service_type']} for vehicle {r['vehicle_id']} at "
        f"{r['start_at'].astimezone(tz):%Y-%m-%d %H:%M}"
        for r in rows
    )

"""When a service can start: opening hours, holidays, lead time, free resources.

A start is open when, for the service's whole duration, at least one bay and
one technician are free. The exclusion constraints in the database are the
final word; this module only proposes starts that should pass them.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import asyncpg

from agent_tools.errors import BusinessRuleError, CallerInputError
from agent_tools.normalize import parse_day_range, parse_start_time
from agent_tools.tools.speech import iso, spoken_time
from db.dealership import Dealership, Service


@dataclass(frozen=True)
class Busy:
    bay: int
    technician: str
    start: datetime
    end: datetime


BUSY_BETWEEN = """
SELECT service_bay, technician, start_at, end_at FROM appointments
WHERE status <> 'cancelled' AND start_at < $2 AND end_at > $1
  AND start_at > $1 - interval '1 day' AND id <> $3
"""


async def busy_between(
    connection: asyncpg.Connection,
    start: datetime,
    end: datetime,
    ignore_appointment: int = 0,
) -> list[Busy]:
    """Return the live appointments that overlap [start, end)."""
    rows = await connection.fetch(BUSY_BETWEEN, start, end, ignore_appointment)
    return [
        Busy(r["service_bay"], r["technician"], r["start_at"], r["end_at"])
        for r in rows
    ]


def free_pairs(
    dealership: Dealership, busy: list[Busy], start: datetime, end: datetime
) -> list[tuple[int, str]]:
    """Return every (bay, technician) free for all of [start, end)."""
    overlapping = [b for b in busy if b.start < end and b.end > start]
    bays = set(range(1, dealership.bays + 1)) - {b.bay for b in overlapping}
    technicians = [t.id for t in dealership.technicians]
    taken = {b.technician for b in overlapping}
    return [
        (bay, tech) for bay in sorted(bays) for tech in technicians if tech not in taken
    ]


def pick_pair(pairs: list[tuple[int, str]]) -> tuple[int, str]:
    # Spread concurrent bookings over the free resources so they rarely
    # collide and retry.
    return random.choice(pairs)


def earliest_start(dealership: Dealership, now: datetime) -> datetime:
    """Return the first bookable moment: now plus the lead time."""
    return now + timedelta(minutes=dealership.booking.min_lead_minutes)


def day_starts(
    dealership: Dealership, service: Service, day: date, part_of_day: str | None
) -> list[datetime]:
    """Return the slot starts on ``day`` where the service fits inside hours."""
    hours = dealership.hours_on(day)
    if hours is None:
        return []
    opens, closes = (dealership.local(day, at) for at in hours)
    window = _part_window(dealership, day, part_of_day)
    step = timedelta(minutes=dealership.booking.slot_step_minutes)
    starts = []
    moment = opens
    while moment + service.duration <= closes:
        if window is None or window[0] <= moment < window[1]:
            starts.append(moment)
        moment = _wall_clock_add(dealership, moment, step)
    return starts


def _wall_clock_add(
    dealership: Dealership, moment: datetime, step: timedelta
) -> datetime:
    # Add on the wall clock, then re-attach the zone, so slots stay on the
    # half hour on the day the clocks change.
    naive = moment.replace(tzinfo=None) + step
    return naive.replace(tzinfo=dealership.tz)


def _part_window(
    dealership: Dealership, day: date, part_of_day: str | None
) -> tuple[datetime, datetime] | None:
    if part_of_day is None:
        return None
    begin, end = dealership.booking.part_of_day[part_of_day]
    return dealership.local(day, begin), dealership.local(day, end)


async def open_starts(
    connection: asyncpg.Connection,
    dealership: Dealership,
    service: Service,
    *,
    now: datetime,
    first_day: date,
    last_day: date,
    part_of_day: str | None = None,
    limit: int = 5,
    not_before: datetime | None = None,
) -> list[datetime]:
    """Return up to ``limit`` open starts between two local days, earliest first."""
    earliest = max(earliest_start(dealership, now), not_before or now)
    days = [
        first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)
    ]
    candidates = [
        start
        for day in days
        for start in day_starts(dealership, service, day, part_of_day)
        if start >= earliest
    ]
    if not candidates:
        return []
    busy = await busy_between(
        connection, candidates[0], candidates[-1] + service.duration
    )
    # Appointments never cross midnight: compare each start with its own day's
    # appointments only, not with every appointment in the range.
    by_day: dict[date, list[Busy]] = defaultdict(list)
    for appointment in busy:
        by_day[appointment.start.astimezone(dealership.tz).date()].append(appointment)
    found = []
    for start in candidates:
        if free_pairs(
            dealership, by_day[start.date()], start, start + service.duration
        ):
            found.append(start)
            if len(found) == limit:
                break
    return found


async def nearest_open(
    connection: asyncpg.Connection,
    dealership: Dealership,
    service: Service,
    *,
    around: datetime,
    now: datetime,
    count: int = 3,
) -> list[datetime]:
    """Return the ``count`` open starts nearest to ``around``, in time order."""
    local = around.astimezone(dealership.tz).date()
    today = now.astimezone(dealership.tz).date()
    first = max(today, local - timedelta(days=3))
    starts = await open_starts(
        connection,
        dealership,
        service,
        now=now,
        first_day=first,
        last_day=local + timedelta(days=7),
        limit=200,
    )
    nearest = sorted(starts, key=lambda start: abs(start - around))[:count]
    return sorted(nearest)


def describe(dealership: Dealership, starts: list[datetime]) -> list[dict[str, str]]:
    """Return starts as ISO local time plus a spoken form."""
    local = [start.astimezone(dealership.tz) for start in starts]
    return [{"start": iso(moment), "spoken": spoken_time(moment)} for moment in local]


def resolve_start(dealership: Dealership, text: str, now: datetime) -> datetime:
    """Read a start time (ISO or the caller's words) in the dealership's zone."""
    return parse_start_time(
        text, now, dealership.tz, opening=_opening(dealership, text, now)
    )


def explicit_start(dealership: Dealership, text: str, now: datetime) -> datetime | None:
    """Return the start in ``text`` when it names a time of day, else None."""
    try:
        return resolve_start(dealership, text, now)
    except CallerInputError:
        return None


def _opening(dealership: Dealership, text: str, now: datetime) -> time | None:
    # "First thing Monday" means Monday's opening time.
    try:
        day = parse_day_range(text, now, dealership.tz).start
    except CallerInputError:
        return None
    hours = dealership.hours_on(day)
    return hours[0] if hours else None


def check_bookable(
    dealership: Dealership, service: Service, start: datetime, now: datetime
) -> None:
    """Refuse a start that is past, too soon, too far, closed or out of hours."""
    local = start.astimezone(dealership.tz)
    if start <= now:
        raise BusinessRuleError(
            "That time has already passed. Offer the caller an upcoming time.",
            code="past_time",
        )
    if start < earliest_start(dealership, now):
        hours = dealership.booking.min_lead_minutes / 60
        raise BusinessRuleError(
            f"Appointments need at least {hours:g} hours' notice. Offer a later time.",
            code="too_soon",
        )
    if start > now + timedelta(days=dealership.booking.max_days_ahead):
        raise BusinessRuleError(
            f"We book at most {dealership.booking.max_days_ahead} days ahead. "
            "Offer a nearer date.",
            code="too_far_ahead",
        )
    _check_hours(dealership, service, local)


def _check_hours(dealership: Dealership, service: Service, local: datetime) -> None:
    day = local.date()
    holiday = dealership.holiday_name(day)
    if holiday is not None:
        raise BusinessRuleError(
            f"We are closed on {local:%A, %B} {day.day} for {holiday}. Offer "
            "another day.",
            code="closed",
        )
    hours = dealership.hours_on(day)
    if hours is None:
        raise BusinessRuleError(
            f"We are closed on {local:%A}s. Offer another day.", code="closed"
        )
    opens, closes = hours
    if (
        local.time() < opens
        or (local + service.duration).time() > closes
        or (local + service.duration).date() != day
    ):
        raise BusinessRuleError(
            f"On {local:%A}s we are open {_clock(opens)} to {_clock(closes)}, and "
            f"a {service.duration_minutes}-minute {service.name.lower()} must "
            "finish by closing. Offer a time inside those hours.",
            code="outside_hours",
        )


def _clock(at: time) -> str:
    hour = at.strftime("%I").lstrip("0")
    return f"{hour}:{at:%M %p}" if at.minute else f"{hour} {at:%p}"

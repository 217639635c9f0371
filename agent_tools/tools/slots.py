"""find_open_slots: open start times for a service."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import Field

from agent_tools.errors import ArgumentError, BusinessRuleError
from agent_tools.normalize import parse_day_range
from agent_tools.tools.base import Answer, Arguments, ToolRun, tool
from agent_tools.tools.catalog import ServiceTypeArgument
from agent_tools.tools.fields import OptionalText
from agent_tools.tools.scheduling import describe, explicit_start, open_starts
from db.enums import PartOfDay

DEFAULT_SPAN_DAYS = 14


class SlotsArguments(Arguments):
    service_type: ServiceTypeArgument = Field(description="The service to book.")
    date_from: OptionalText = Field(
        default=None,
        description=(
            "First day to search: a date (2026-12-08) or the caller's words "
            "('tomorrow', 'next Tuesday', 'the 8th'). null for today."
        ),
    )
    date_to: OptionalText = Field(
        default=None,
        description="Last day to search, same forms; null to search ahead two weeks.",
    )
    part_of_day: PartOfDay | None = Field(
        default=None,
        description="morning (before noon), afternoon (noon-4pm), evening; or null.",
    )
    limit: int | None = Field(
        default=None,
        ge=1,
        le=20,
        description="How many times to return (1-20, default 5).",
    )


class Slot(Answer):
    start: str
    spoken: str


class SlotsAnswer(Answer):
    service_type: str
    service: str
    duration_minutes: int
    slots: list[Slot]
    searched_from: str
    searched_to: str
    message: str
    understood: dict[str, str] | None = None


@tool("find_open_slots", SlotsArguments, read_only=True)
async def find_open_slots(run: ToolRun, args: SlotsArguments) -> SlotsAnswer:
    """Find open appointment times for a service, earliest first. Pass the
    caller's words for the day ('tomorrow', 'next Tuesday') as heard. Offer the
    caller two or three of the returned times rather than asking them for one.
    Needs no verification."""
    service = run.dealership.services[args.service_type.value]
    first, last, part, understood = _search_window(run, args)
    not_before = None
    if args.date_from is not None:
        not_before = explicit_start(run.dealership, args.date_from, run.now)
    starts = await open_starts(
        run.connection,
        run.dealership,
        service,
        now=run.now,
        first_day=first,
        last_day=last,
        part_of_day=part,
        limit=args.limit or 5,
        not_before=not_before,
    )
    slots = [Slot(**slot) for slot in describe(run.dealership, starts)]
    return SlotsAnswer(
        service_type=service.key,
        service=service.name,
        duration_minutes=service.duration_minutes,
        slots=slots,
        searched_from=first.isoformat(),
        searched_to=last.isoformat(),
        message=(
            "Offer two or three of these times."
            if slots
            else "Nothing is open in that range. Offer to search other days."
        ),
        understood=understood or None,
    )


def _search_window(
    run: ToolRun, args: SlotsArguments
) -> tuple[date, date, str | None, dict[str, str]]:
    today = run.now.date()
    understood: dict[str, str] = {}
    part = args.part_of_day.value if args.part_of_day else None
    first = today
    last: date | None = None
    if args.date_from is not None:
        window = parse_day_range(args.date_from, run.now, run.dealership.tz)
        first, last = window.start, window.end
        part = part or window.part_of_day
        understood["date_from"] = first.isoformat()
    if args.date_to is not None:
        last = parse_day_range(args.date_to, run.now, run.dealership.tz).end
        understood["date_to"] = last.isoformat()
    last = last if last is not None else first + timedelta(days=DEFAULT_SPAN_DAYS)
    first = max(first, today)
    horizon = today + timedelta(days=run.dealership.booking.max_days_ahead)
    if first > horizon:
        raise BusinessRuleError(
            f"We book at most {run.dealership.booking.max_days_ahead} days ahead "
            f"(until {horizon:%B} {horizon.day}). Offer a nearer date.",
            code="too_far_ahead",
        )
    last = min(last, horizon)
    if last < first:
        raise ArgumentError(
            "The search range ends before it starts, or lies in the past. Ask the "
            "caller which days suit them.",
            code="invalid_range",
        )
    return first, last, part, understood

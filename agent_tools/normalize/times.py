"""Resolve the days and times a caller asks for, in the dealership's time zone.

"Tomorrow" is the dealership's tomorrow: the current instant is converted to
the dealership's zone first, never read in UTC or the server's zone, so at
21:30 local (already the next day in UTC) tomorrow is still one local day
ahead. A wall-clock time that does not exist on a daylight-saving night, or
that happens twice, is refused so the agent asks for another time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from agent_tools.errors import ArgumentError, CallerInputError
from agent_tools.normalize._clock import find_clock, to_time
from agent_tools.normalize._days import resolve_days
from agent_tools.normalize._spoken import clean, strip_ordinal_suffixes, to_figures
from agent_tools.normalize.placeholders import is_placeholder

_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[t ]\d{1,2}:\d{2}\S*")
_OPENING_WORDS = re.compile(
    r"\bfirst thing(?: in the morning)?\b|\b(?:at|when you) open(?:ing)?\b"
)
_FIRST_THING = re.compile(r"\bopening time\b")
_PARTS_OF_DAY = (
    ("morning", re.compile(r"\bmorning\b|\bopening time\b")),
    ("afternoon", re.compile(r"\bafternoon\b")),
    ("evening", re.compile(r"\bevening\b|\btonight\b")),
)
_ASK_DAY = "ask the caller which day they want."
_ASK_ANOTHER_TIME = "ask the caller for another time."


@dataclass(frozen=True)
class DayRange:
    """The days a caller asked about, in the dealership's local calendar."""

    start: date
    """First day, inclusive."""
    end: date
    """Last day, inclusive; equal to start for a single day."""
    part_of_day: str | None
    """"morning", "afternoon", "evening", or None when not said."""


def parse_day_range(text: str, now: datetime, tz: ZoneInfo) -> DayRange:
    """Resolve the day or days the caller named.

    Args:
        text: What the caller said, e.g. "tomorrow", "next Tuesday",
            "this afternoon", "December 8", "2026-12-08", "next week"; an
            ISO datetime names its local day.
        now: The current instant, timezone-aware, in any zone.
        tz: The dealership's time zone.

    Raises:
        ArgumentError: text is not a string or now is naive.
        CallerInputError: (code "unclear_time") no day can be read, or
            (code "past_time") the day has already passed.
    """
    raw = _as_text(text, "day")
    local_now = _local_now(now, tz)
    if _ISO_DATETIME.fullmatch(raw.strip().lower()):
        # The local day of that instant, which need not be the day written.
        raw = _from_iso(raw.strip(), tz).date().isoformat()
    words = _prepare(raw)
    span = resolve_days(words, local_now.date())
    if span is None:
        raise _unclear(f"I could not tell which day the caller means; {_ASK_DAY}")
    return DayRange(span[0], span[1], _part_of_day(words))


def parse_start_time(
    text: str, now: datetime, tz: ZoneInfo, *, opening: time | None = None
) -> datetime:
    """Resolve one appointment start, as an aware datetime in tz.

    Args:
        text: An ISO datetime (with an offset it is kept as that instant;
            without one it is local time in tz) or the caller's words, e.g.
            "tomorrow at nine", "next Tuesday at 2:30 pm".
        now: The current instant, timezone-aware, in any zone.
        tz: The dealership's time zone.
        opening: The opening time on that day, used for "first thing".

    Raises:
        ArgumentError: text is not a string or now is naive.
        CallerInputError: "unclear_time" when the day or time is missing or
            unclear, "past_time" when it has passed, "nonexistent_time" or
            "ambiguous_time" on daylight-saving changes.
    """
    raw = _as_text(text, "start")
    local_now = _local_now(now, tz)
    if _ISO_DATETIME.fullmatch(raw.strip().lower()):
        start = _from_iso(raw.strip(), tz)
    else:
        start = _from_words(_prepare(raw), local_now.date(), tz, opening)
    if start < local_now:
        raise CallerInputError(
            f"That time has already passed; {_ASK_ANOTHER_TIME}", code="past_time"
        )
    return start


def local_datetime(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Return the aware datetime for a wall-clock time on a day in tz.

    Raises:
        CallerInputError: "nonexistent_time" when the clocks skip over it
            (spring forward), "ambiguous_time" when it happens twice (fall back).
    """
    wall = datetime.combine(day, at)
    first, second = wall.replace(tzinfo=tz, fold=0), wall.replace(tzinfo=tz, fold=1)
    # A skipped time does not survive a round trip through UTC.
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != wall:
        raise CallerInputError(
            f"{at:%H:%M} does not exist on {day:%B} {day.day} because the clocks go "
            f"forward; {_ASK_ANOTHER_TIME}",
            code="nonexistent_time",
        )
    if first.utcoffset() != second.utcoffset():
        raise CallerInputError(
            f"{at:%H:%M} happens twice on {day:%B} {day.day} because the clocks go "
            f"back; {_ASK_ANOTHER_TIME}",
            code="ambiguous_time",
        )
    return first


def _as_text(text: object, field: str) -> str:
    if not isinstance(text, str):
        raise ArgumentError(f"{field} must be a string, not {type(text).__name__}.")
    if is_placeholder(text):
        raise CallerInputError(
            f"No day or time was given; {_ASK_DAY}", code="unclear_time"
        )
    return text


def _local_now(now: datetime, tz: ZoneInfo) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        # A naive now would be read in the server's zone: exactly the bug
        # this module exists to prevent.
        raise ArgumentError("now must be timezone-aware.")
    return now.astimezone(tz)


def _prepare(text: str) -> str:
    text = re.sub(r"[,!?;]", " ", clean(text))
    # Before the numbers: number-parser would read "first thing" as "1 thing".
    text = _OPENING_WORDS.sub("opening time", text)
    text = re.sub(r"-?\bish\b", " ", text)
    text = strip_ordinal_suffixes(to_figures(text))
    # "nine oh five" arrives as "9 0 5"; it is 9:05.
    return re.sub(r"\b(\d{1,2}) 0 (\d)\b", r"\1:0\2", text)


def _part_of_day(words: str) -> str | None:
    for part, pattern in _PARTS_OF_DAY:
        if pattern.search(words):
            return part
    return None


def _from_iso(text: str, tz: ZoneInfo) -> datetime:
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise CallerInputError(
            f"That is not a real date and time; {_ASK_ANOTHER_TIME}",
            code="unclear_time",
        ) from None
    if parsed.tzinfo is not None:
        return parsed.astimezone(tz)
    return local_datetime(parsed.date(), parsed.time(), tz)


def _from_words(
    words: str, today: date, tz: ZoneInfo, opening: time | None
) -> datetime:
    clock, day_words = find_clock(words)
    first_thing = _FIRST_THING.search(words) is not None
    if clock is None and not first_thing:
        raise _unclear("I heard no time of day; ask the caller what time they want.")
    span = resolve_days(day_words, today)
    if span is None:
        raise _unclear(f"I heard a time but no day; {_ASK_DAY}")
    start_day, end_day = span
    if start_day != end_day:
        raise _unclear(f"That covers several days; {_ASK_DAY}")
    at = _first_thing(opening) if clock is None else to_time(clock, _part_of_day(words))
    return local_datetime(start_day, at, tz)


def _first_thing(opening: time | None) -> time:
    if opening is None:
        raise _unclear(
            "The caller wants the first slot of the day; offer that day's open "
            "times or ask what time they want."
        )
    return opening


def _unclear(message: str) -> CallerInputError:
    return CallerInputError(message, code="unclear_time")

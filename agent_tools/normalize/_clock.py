"""Find a clock time in what the caller said and turn it into a 24-hour time.

Callers rarely say "a.m." or "p.m.": an hour from 7 to 11 is read as the
morning and 12 to 6 as the afternoon, the hours a service department keeps.
A part of the day the caller named ("tomorrow afternoon at four") wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from agent_tools.errors import CallerInputError

_NAMED = {"noon": time(12), "midday": time(12), "midnight": time(0)}
_CLOCK = re.compile(
    r"(?:\b(?P<lead>at|around|about|by|say|for|after|before)\s+)?"
    r"\b(?P<hour>\d{1,2})(?:(?::|\s)(?P<minute>\d{2}))?(?!\d)"
    r"\s*(?P<meridiem>a\.?\s?m\b\.?|p\.?\s?m\b\.?|o\s?'?\s?clock\b"
    r"|in the (?:morning|afternoon|evening)\b|at night\b)?"
)
_QUARTERS = re.compile(r"\b(half|quarter)\s+(past|after|to|til)\s+(\d{1,2})\b")
# A figure right after "the", a month or a date separator is a day, not a time.
_DATE_BEFORE = re.compile(
    r"(?:\bthe|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|[/-])\s*$"
)


@dataclass(frozen=True)
class Clock:
    """A time of day as the caller said it, before a.m./p.m. is settled."""

    hour: int
    minute: int
    meridiem: str | None
    """"am", "pm", or None when the caller did not say."""


def find_clock(text: str) -> tuple[Clock | None, str]:
    """Return the clock time in text and the text without it."""
    for name, at in _NAMED.items():
        if match := re.search(rf"\b(?:12\s+)?{name}\b", text):
            clock = Clock(at.hour, at.minute, "pm" if at.hour == 12 else "am")
            return clock, _without(text, match)
    if match := _QUARTERS.search(text):
        return _quarter_clock(match), _without(text, match)
    # Search on from the next character, not the end of a refused match, so
    # the "10am" of "december 8 10am" is still found after "8 10" is refused.
    position = 0
    while match := _CLOCK.search(text, position):
        if _is_clock(text, match):
            return _clock_from(match), _without(text, match)
        position = match.start("hour") + 1
    return None, text


def to_time(clock: Clock, part_of_day: str | None) -> time:
    """Settle a.m. or p.m. and return the 24-hour time.

    Raises:
        CallerInputError: (code "unclear_time") the hour or minute cannot be.
    """
    hour, minute = clock.hour, clock.minute
    if minute > 59 or hour > 23 or (clock.meridiem and hour > 12):
        raise CallerInputError(
            "That is not a time of day; ask the caller what time they want.",
            code="unclear_time",
        )
    meridiem = clock.meridiem or _assumed_meridiem(hour, part_of_day)
    if meridiem == "am" and hour == 12:
        hour = 0
    elif meridiem == "pm" and hour < 12:
        hour += 12
    return time(hour, minute)


def _assumed_meridiem(hour: int, part_of_day: str | None) -> str | None:
    if hour == 0 or hour > 12:
        return None
    if part_of_day == "morning":
        return "am"
    if part_of_day in ("afternoon", "evening"):
        return "pm"
    return "am" if 7 <= hour <= 11 else "pm"


def _is_clock(text: str, match: re.Match[str]) -> bool:
    """Tell a clock time from a day of the month or a piece of a date."""
    if match.group("lead"):
        return True
    if not (match.group("minute") or match.group("meridiem")):
        return False
    return _DATE_BEFORE.search(text[: match.start("hour")]) is None


def _clock_from(match: re.Match[str]) -> Clock:
    return Clock(
        hour=int(match.group("hour")),
        minute=int(match.group("minute") or 0),
        meridiem=_meridiem(match.group("meridiem") or ""),
    )


def _meridiem(words: str) -> str | None:
    compact = re.sub(r"[\s.']", "", words)
    if compact == "am" or compact.endswith("morning"):
        return "am"
    if compact == "pm" or compact.endswith(("afternoon", "evening", "night")):
        return "pm"
    return None


def _quarter_clock(match: re.Match[str]) -> Clock:
    minutes = 30 if match.group(1) == "half" else 15
    hour = int(match.group(3))
    if match.group(2) in ("to", "til"):
        return Clock((hour - 1) or 12, 60 - minutes, None)
    return Clock(hour, minutes, None)


def _without(text: str, match: re.Match[str]) -> str:
    return " ".join((text[: match.start()] + " " + text[match.end() :]).split())

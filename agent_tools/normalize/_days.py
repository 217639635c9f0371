"""Turn the words a caller uses for a day into calendar dates.

Every rule works on the dealership's local date, which the caller of this
module has already worked out from the current instant and the time zone.
Weeks start on Monday; the dealership's working week ends on Saturday.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from agent_tools.errors import CallerInputError
from agent_tools.normalize._spoken import MONTHS

_WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_WEEKDAY = re.compile(rf"\b(?:(next|this|coming)\s+)?({'|'.join(_WEEKDAYS)})\b")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(?:the\s+)?(\d{{1,2}})\b(?:\s+(\d{{4}}))?")
_DAY_MONTH = re.compile(
    rf"\b(?:the\s+)?(\d{{1,2}})\s+(?:of\s+)?({_MONTH})\b(?:\s+(\d{{4}}))?"
)
_DAY_OF_MONTH = re.compile(r"\bthe\s+(\d{1,2})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\b")

_Span = tuple[date, date]
_ASK_DAY = "ask the caller which day they mean."


def resolve_days(text: str, today: date) -> _Span | None:
    """Return the first and last day the words name, or None if they name none.

    Raises:
        CallerInputError: "unclear_time" when the words name an impossible
            date or disagree with each other; "past_time" when an explicit
            date has passed.
    """
    for rule in _RULES:
        span = rule(text, today)
        if span is not None:
            _check_weekday_agrees(text, span)
            return span
    return None


def _relative_day(text: str, today: date) -> _Span | None:
    for words, offset in (
        ("day after tomorrow", 2),
        ("tomorrow", 1),
        ("today", 0),
        ("tonight", 0),
        ("this morning", 0),
        ("this afternoon", 0),
        ("this evening", 0),
    ):
        if re.search(rf"\b{words}\b", text):
            day = today + timedelta(days=offset)
            return day, day
    return None


def _week(text: str, today: date) -> _Span | None:
    monday = today - timedelta(days=today.weekday())
    saturday = monday + timedelta(days=5)
    if re.search(r"\bnext week\b", text):
        return monday + timedelta(days=7), saturday + timedelta(days=7)
    if re.search(r"\bthis week\b", text):
        return today, max(today, saturday)
    if re.search(r"\bnext weekend\b", text):
        return saturday + timedelta(days=7), saturday + timedelta(days=8)
    if re.search(r"\bweekend\b", text):
        return max(today, saturday), saturday + timedelta(days=1)
    return None


def _weekday(text: str, today: date) -> _Span | None:
    match = _WEEKDAY.search(text)
    if match is None:
        return None
    wanted = _WEEKDAYS[match.group(2)]
    if match.group(1) == "next" or re.search(r"\bnext week\b", text):
        # "next Tuesday" is the Tuesday of next week, whatever today is.
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        day = monday + timedelta(days=wanted)
    else:
        day = today + timedelta(days=(wanted - today.weekday()) % 7)
    return day, day


def _iso_date(text: str, today: date) -> _Span | None:
    match = _ISO_DATE.search(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return _single(_checked_date(year, month, day), today)


def _month_and_day(text: str, today: date) -> _Span | None:
    if match := _MONTH_DAY.search(text):
        month_word, day, year = match.groups()
    elif match := _DAY_MONTH.search(text):
        day, month_word, year = match.groups()
    elif match := _SLASHED.search(text):
        month, day, year = match.groups()
        return _on_next(int(month), int(day), year, today)
    else:
        return None
    return _on_next(MONTHS[month_word], int(day), year, today)


def _day_of_month(text: str, today: date) -> _Span | None:
    match = _DAY_OF_MONTH.search(text)
    if match is None:
        return None
    wanted = int(match.group(1))
    year, month = today.year, today.month
    # "the 8th" is the next 8th: this month's if still ahead, else a later one.
    for _ in range(3):
        if wanted <= calendar.monthrange(year, month)[1]:
            day = date(year, month, wanted)
            if day >= today:
                return day, day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise _unclear(f"No month has a day {wanted}; {_ASK_DAY}")


def _on_next(month: int, day: int, year: str | None, today: date) -> _Span:
    """Return month/day in the given year, else its next occurrence."""
    if year is not None:
        return _single(_checked_date(int(year), month, day), today)
    candidate = _checked_date(today.year, month, day)
    if candidate < today:
        candidate = _checked_date(today.year + 1, month, day)
    return candidate, candidate


def _checked_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _unclear(f"That is not a real calendar date; {_ASK_DAY}") from None


def _single(day: date, today: date) -> _Span:
    if day < today:
        raise CallerInputError(
            "That day has already passed; ask the caller for a day from today on.",
            code="past_time",
        )
    return day, day


def _check_weekday_agrees(text: str, span: _Span) -> None:
    """Refuse "tomorrow, Tuesday" when tomorrow is not a Tuesday."""
    match = _WEEKDAY.search(text)
    start, end = span
    if match is None or start != end:
        return
    said = _WEEKDAYS[match.group(2)]
    if said != start.weekday():
        raise _unclear(
            f"The caller named {calendar.day_name[said]} but the date they gave "
            f"is a {calendar.day_name[start.weekday()]}; {_ASK_DAY}"
        )


def _unclear(message: str) -> CallerInputError:
    return CallerInputError(message, code="unclear_time")


# Most specific first: an explicit date outranks "next week" said beside it.
_RULES: tuple[Callable[[str, date], _Span | None], ...] = (
    _iso_date,
    _month_and_day,
    _relative_day,
    _day_of_month,
    _weekday,
    _week,
)

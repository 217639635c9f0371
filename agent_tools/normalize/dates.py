"""Read a date of birth however the caller said it or the model wrote it.

Figures are read month first (US order) and only month first: "05/03/1985"
is May 3rd and "13/05/1985" is refused, never turned around into a day-first
date, because a wrong guess could verify the wrong person. Spoken figures
follow the same order: "five three eighty-five" is May 3rd 1985 and "oh three
oh five eighty-five" is March 5th 1985. A two-digit year is the most recent
such year up to this year. A date with no year is refused rather than
completed with the current one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from agent_tools.errors import ArgumentError, CallerInputError
from agent_tools.normalize._spoken import (
    MONTHS,
    clean,
    strip_ordinal_suffixes,
    to_figures,
)
from agent_tools.normalize.placeholders import is_placeholder

MAX_AGE_YEARS = 110

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:t\S*)?")
_SLASHED = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d+))?")
_ASK_MONTH_FIRST = "ask the caller to repeat the date of birth: month, day, then year."


@dataclass(frozen=True)
class _Year:
    value: int
    two_digit: bool


@dataclass(frozen=True)
class _Heard:
    month: int
    day: int
    year: _Year | None


def parse_date_of_birth(value: str, today: date) -> date:
    """Read a date of birth from what the caller said.

    Args:
        value: The date as the model passed it: ISO "1985-03-05", figures in
            month/day/year order, or words as speech-to-text wrote them.
        today: The dealership's current date, used to place two-digit years
            and to refuse dates in the future.

    Raises:
        ArgumentError: value is not a string.
        CallerInputError: "missing_year" when no year was said; "invalid_date"
            when the words are not one real, past date within 110 years.
    """
    if not isinstance(value, str):
        raise ArgumentError(
            "date_of_birth must be a string such as 1985-03-05, "
            f"not {type(value).__name__}."
        )
    if is_placeholder(value):
        raise _invalid("No date of birth was given; ask the caller for it.")
    heard = _hear(clean(value))
    if heard.year is None:
        raise CallerInputError(
            "The caller gave the date of birth without a year; ask for the year.",
            code="missing_year",
        )
    born = _calendar_date(heard, _full_year(heard.year, today))
    _check_plausible(born, today)
    return born


def _hear(text: str) -> _Heard:
    """Pick month, day and year out of text, in the order a US caller says them."""
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.group(1, 2, 3))
        return _Heard(month, day, _Year(year, two_digit=False))
    if match := _SLASHED.fullmatch(text):
        month, day = int(match.group(1)), int(match.group(3))
        year_text = match.group(4)
        return _Heard(month, day, _year([year_text]) if year_text else None)
    return _hear_words(text)


def _hear_words(text: str) -> _Heard:
    tokens = re.findall(r"[a-z]+|\d+", to_figures(strip_ordinal_suffixes(text)))
    months = [MONTHS[token] for token in tokens if token in MONTHS]
    numbers = [token for token in tokens if token.isdigit()]
    if len(months) > 1:
        raise _invalid(f"I heard more than one month; {_ASK_MONTH_FIRST}")
    if len(numbers) > 1 and any(len(token) > 4 for token in numbers):
        # "twenty two thousand" merged out of "twenty, two thousand".
        raise _invalid(f"I could not hear the date clearly; {_ASK_MONTH_FIRST}")
    if months:
        return _with_month_name(months[0], _join_spoken_zeros(numbers))
    return _all_numbers(numbers)


def _join_spoken_zeros(numbers: list[str]) -> list[str]:
    """Join "oh three" into "03", the way a caller reads a month or year."""
    joined: list[str] = []
    for token in numbers:
        if joined and joined[-1] == "0" and len(token) == 1:
            joined[-1] += token
        else:
            joined.append(token)
    return joined


def _with_month_name(month: int, numbers: list[str]) -> _Heard:
    if numbers and len(numbers[0]) == 4:
        # "1985 March 5": a four-digit number first is the year.
        numbers = [*numbers[1:], numbers[0]]
    if not numbers or len(numbers[0]) > 2 or int(numbers[0]) > 31:
        raise _invalid("I heard a month but no day; ask for the full date of birth.")
    day, year_parts = numbers[0], numbers[1:]
    return _Heard(month, int(day), _year(year_parts) if year_parts else None)


def _all_numbers(numbers: list[str]) -> _Heard:
    if len(numbers) in (6, 8) and all(len(token) == 1 for token in numbers):
        # Read digit by digit ("zero three zero five eight five"): MMDDYY(YY).
        numbers = _split_compact("".join(numbers))
    elif len(numbers) == 1:
        numbers = _split_compact(numbers[0])
    else:
        numbers = _join_spoken_zeros(numbers)
    if len(numbers) >= 3 and len(numbers[0]) == 4:
        # "1985 3 5": a four-digit number first is the year, as in ISO.
        return _Heard(int(numbers[1]), int(numbers[2]), _year(numbers[:1]))
    if len(numbers) == 2:
        return _Heard(int(numbers[0]), int(numbers[1]), None)
    if len(numbers) < 2:
        raise _invalid(f"I could not hear a month, day and year; {_ASK_MONTH_FIRST}")
    return _Heard(int(numbers[0]), int(numbers[1]), _year(numbers[2:]))


def _split_compact(digits: str) -> list[str]:
    if len(digits) not in (6, 8):
        raise _invalid(f"I could not hear a month, day and year; {_ASK_MONTH_FIRST}")
    return [digits[:2], digits[2:4], digits[4:]]


def _year(parts: list[str]) -> _Year:
    """Read a year said as "1985", "85", "nineteen eighty-five", "oh five" or
    digit by digit."""
    if len(parts) in (2, 4) and all(len(part) == 1 for part in parts):
        parts = ["".join(parts)]
    if len(parts) == 2 and parts[0] in ("19", "20") and len(parts[1]) == 2:
        return _Year(int(parts[0] + parts[1]), two_digit=False)
    if len(parts) == 1 and len(parts[0]) in (2, 4):
        return _Year(int(parts[0]), two_digit=len(parts[0]) == 2)
    raise _invalid(f"I could not hear the year clearly; {_ASK_MONTH_FIRST}")


def _full_year(year: _Year, today: date) -> int:
    if not year.two_digit:
        return year.value
    full = today.year // 100 * 100 + year.value
    return full if full <= today.year else full - 100


def _calendar_date(heard: _Heard, year: int) -> date:
    try:
        return date(year, heard.month, heard.day)
    except ValueError:
        raise _invalid(
            f"That is not a real calendar date read month first; {_ASK_MONTH_FIRST}"
        ) from None


def _check_plausible(born: date, today: date) -> None:
    if born > today:
        raise _invalid(
            "That date of birth is in the future; ask the caller to repeat it, "
            "including the year."
        )
    if _age(born, today) > MAX_AGE_YEARS:
        raise _invalid(
            f"That date of birth makes the caller over {MAX_AGE_YEARS}; ask them "
            "to repeat the year of birth."
        )


def _age(born: date, today: date) -> int:
    had_birthday = (today.month, today.day) >= (born.month, born.day)
    return today.year - born.year - (0 if had_birthday else 1)


def _invalid(message: str) -> CallerInputError:
    return CallerInputError(message, code="invalid_date")

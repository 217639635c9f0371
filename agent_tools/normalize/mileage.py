"""Read an odometer reading however the caller said it or the model wrote it.

The type a model sent decides whose fault a bad value is: a boolean, list or
object is the model's mistake (ArgumentError); any string, empty included, is
what the caller said or failed to say, so the agent asks again.
"""

from __future__ import annotations

import math
import re

from agent_tools.errors import ArgumentError, CallerInputError
from agent_tools.normalize._spoken import clean, to_figures
from agent_tools.normalize.placeholders import is_placeholder

MAX_MILEAGE = 999_999

_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")
_THOUSANDS_WORD = re.compile(r"(\d+(?:\.\d+)?)\s*(?:k|thousand)\b")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_ASK = "ask the caller to read the odometer, in miles."


def parse_mileage(value: int | float | str) -> int:
    """Read a mileage in whole miles.

    Args:
        value: A JSON number, or text such as "45,000", "45k miles" or
            "about forty-five thousand".

    Raises:
        ArgumentError: value is not a number or a string.
        CallerInputError: (code "invalid_mileage") the text holds no single
            reading between 0 and 999,999 miles.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ArgumentError(
            f"current_mileage must be a number of miles, not {type(value).__name__}."
        )
    if is_placeholder(value):
        raise _invalid(f"No mileage was given; {_ASK}")
    miles = _read_text(value) if isinstance(value, str) else float(value)
    return _checked(miles)


def _read_text(text: str) -> float:
    text = _THOUSANDS_COMMA.sub("", clean(text))
    # Commas left are STT pauses ("forty-five thousand, two hundred"), not
    # separators between readings.
    text = _expand_thousands(text.replace(",", " "))
    # Once more after the words: "forty five k" only becomes "45 k" here.
    text = _expand_thousands(to_figures(text))
    numbers = [float(number) for number in _NUMBER.findall(text)]
    if len(numbers) == 2 and numbers[0] % 1000 == 0 and numbers[1] < 1000:
        # "45 thousand two hundred" reaches here as "45000 200".
        return numbers[0] + numbers[1]
    if len(numbers) != 1:
        raise _invalid(f"I could not hear one mileage; {_ASK}")
    return numbers[0]


def _expand_thousands(text: str) -> str:
    """Multiply figures said with "k" or "thousand" ("45.5k" -> "45500.0")."""
    return _THOUSANDS_WORD.sub(lambda match: str(float(match.group(1)) * 1000), text)


def _checked(miles: float) -> int:
    if math.isnan(miles) or miles < 0 or miles > MAX_MILEAGE:
        raise _invalid(f"A mileage must be between 0 and {MAX_MILEAGE:,}; {_ASK}")
    # Odometers show tenths; the service schedule needs whole miles.
    return int(miles)


def _invalid(message: str) -> CallerInputError:
    return CallerInputError(message, code="invalid_mileage")

"""Read a phone number however the caller said it or the model wrote it.

A number is accepted only when every digit of it was heard: a digit too few
or too many is refused, never trimmed or padded into some other customer's
number. Numbers are North American (region US) unless written with a "+"
and another country code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from agent_tools.errors import ArgumentError, CallerInputError
from agent_tools.normalize._spoken import spoken_digits
from agent_tools.normalize.placeholders import is_placeholder

_EXTENSION = re.compile(r"(?:\b|(?<=\d))(?:extension|ext|x)(?![a-z])\.?")
_ASK_AGAIN = "ask the caller to repeat the full 10-digit phone number, area code first."


@dataclass(frozen=True)
class PhoneNumber:
    """A phone number the caller gave, ready to look up."""

    e164: str
    """The number in E.164 form, e.g. "+13125550147"."""
    extension: str | None
    """The extension's digits, kept apart from the number, or None."""
    spoken_input: bool
    """True when the number was said in words, so the agent should read back
    what was understood before relying on it."""


def parse_phone(value: str | int) -> PhoneNumber:
    """Read a phone number from what the caller said.

    Args:
        value: The number as the model passed it: figures in any layout,
            words as speech-to-text wrote them, or a JSON integer.

    Raises:
        ArgumentError: value is not a string or an integer.
        CallerInputError: (code "invalid_phone") the digits heard do not make
            one complete, valid number.
    """
    text = _as_text(value)
    if is_placeholder(text):
        raise _invalid(
            "No phone number was given; ask the caller for it, area code first."
        )
    main, extension = _split_extension(text)
    international = _international(main)
    if international is not None:
        return PhoneNumber(international, extension, spoken_input=False)
    heard = spoken_digits(main)
    national = _national_digits(heard.digits)
    e164 = _validated_e164(national)
    return PhoneNumber(e164, extension, spoken_input=heard.from_words)


def _as_text(value: object) -> str:
    # bool is an int subclass: a model that sends true has lost the number.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ArgumentError(
            "phone must be the caller's phone number as a string, "
            f"not {type(value).__name__}."
        )
    if isinstance(value, int) and value < 0:
        raise _invalid(f"A phone number cannot be negative; {_ASK_AGAIN}")
    return str(value)


def _split_extension(text: str) -> tuple[str, str | None]:
    match = _EXTENSION.search(text.lower())
    if match is None:
        return text, None
    digits = spoken_digits(text[match.end() :]).digits
    return text[: match.start()], digits or None


def _international(text: str) -> str | None:
    """Return the E.164 form of a number written with a non-NANP "+" prefix."""
    text = text.strip()
    if not text.startswith("+") or text.startswith("+1"):
        return None
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        raise _invalid(
            "That international number is not valid; ask the caller to repeat "
            "it with the country code."
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _national_digits(digits: str) -> str:
    """Return the 10-digit national number, refusing any other length."""
    if len(digits) == 11 and digits.startswith("1"):
        return digits[1:]
    if len(digits) == 10:
        return digits
    if not digits:
        raise _invalid(f"I heard no digits; {_ASK_AGAIN}")
    raise _invalid(f"I heard {len(digits)} digits; {_ASK_AGAIN}")


def _validated_e164(national: str) -> str:
    number = phonenumbers.parse("+1" + national)
    if not phonenumbers.is_valid_number(number):
        raise _invalid(
            "Those 10 digits are not a valid US phone number (the area code or "
            f"exchange does not exist); {_ASK_AGAIN}"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _invalid(message: str) -> CallerInputError:
    return CallerInputError(message, code="invalid_phone")

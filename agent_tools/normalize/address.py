"""Read street addresses and ZIP codes, and decide whether two addresses agree.

An address given to verify a caller matches the stored one when:

- the house numbers are identical (no tolerance: "4471" is not "4417");
- the unit agrees: when the stored address has a unit, the caller must say
  the same unit, because a neighbour in the same building knows the street;
  when the stored address has none, a unit the caller adds is ignored, since
  records often leave it out;
- street types ("Rd"/"Road") and directions ("N"/"North") agree when both
  sides give one; one side leaving them out is tolerated, a conflict is not;
- the street names, with spaces dropped ("Birch wood" = "Birchwood"), have a
  rapidfuzz ratio of at least ``STREET_NAME_MIN_RATIO`` and exactly the same
  figures ("5th" never matches "6th").

An empty, filler or unreadable address never matches anything, not even
another empty one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import usaddress
from rapidfuzz import fuzz

from agent_tools.errors import ArgumentError, CallerInputError
from agent_tools.normalize._spoken import (
    clean,
    is_number_token,
    ordinals_to_figures,
    spoken_digits,
    to_figures,
)
from agent_tools.normalize._street_terms import (
    DIRECTIONS,
    NAME_WORDS,
    STREET_TYPES,
    UNIT_DESIGNATORS,
)
from agent_tools.normalize.placeholders import is_placeholder

STREET_NAME_MIN_RATIO = 85.0

_WRITTEN_HOUSE_NUMBER = re.compile(r"\d+(?:-\d+)?[a-z]?")
_NAME_LABELS = ("StreetNamePreModifier", "StreetNamePreType", "StreetName")
_ASK_ADDRESS = "ask the caller for the street address, starting with the house number."


@dataclass(frozen=True)
class StreetAddress:
    """A street address in one canonical spelling."""

    house_number: str
    """The house number as figures, e.g. "4417"."""
    street: str
    """Direction, name and USPS type, e.g. "N MAIN ST" or "5TH AVE"."""
    unit: str | None
    """The unit without its designator ("Apt 12B" -> "12B"), or None."""


@dataclass(frozen=True)
class _Parts:
    house_number: str
    direction: str | None
    name: tuple[str, ...]
    street_type: str | None
    unit: str | None


def parse_street_address(value: str) -> StreetAddress:
    """Read a street address from what the caller said.

    City, state and ZIP code, when said, are dropped.

    Raises:
        ArgumentError: value is not a string.
        CallerInputError: (code "invalid_address") no house number or no
            street name was heard.
    """
    if not isinstance(value, str):
        raise ArgumentError(
            f"street_address must be a string, not {type(value).__name__}."
        )
    parts = _parse_parts(value)
    return StreetAddress(parts.house_number, _canonical_street(parts), parts.unit)


def street_addresses_match(given: str, stored: str) -> bool:
    """Tell whether the address a caller gave is the stored one.

    The rules are in this module's docstring. Never raises: anything that is
    not a readable address does not match.
    """
    caller, record = _parse_or_none(given), _parse_or_none(stored)
    if caller is None or record is None:
        return False
    return (
        caller.house_number == record.house_number
        and (record.unit is None or caller.unit == record.unit)
        and _streets_agree(caller, record)
    )


def parse_zip(value: str | int) -> str:
    """Read a five-digit ZIP code; a ZIP+4 is cut to its first five digits.

    Raises:
        ArgumentError: value is not a string or an integer.
        CallerInputError: (code "invalid_zip") the digits are not a ZIP code.
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ArgumentError(f"zip must be a string, not {type(value).__name__}.")
    if isinstance(value, int):
        # JSON numbers lose the leading zeros of New England ZIP codes.
        digits = str(value).zfill(5) if value >= 0 else ""
    else:
        digits = spoken_digits(value).digits
    if len(digits) not in (5, 9) or int(digits[:5]) < 501:
        raise CallerInputError(
            "That is not a five-digit ZIP code; ask the caller to repeat it.",
            code="invalid_zip",
        )
    return digits[:5]


def _parse_or_none(value: object) -> _Parts | None:
    if not isinstance(value, str) or is_placeholder(value):
        return None
    try:
        return _parse_parts(value)
    except CallerInputError:
        return None


def _parse_parts(value: str) -> _Parts:
    text = _prepare(value)
    house_number, rest = _split_house_number(text)
    if not house_number:
        raise _invalid(f"I heard no house number; {_ASK_ADDRESS}")
    labels = _tag(f"{house_number} {to_figures(rest)}")
    name = _street_name(labels)
    if not name:
        raise _invalid(f"I heard no street name; {_ASK_ADDRESS}")
    return _Parts(
        house_number=house_number,
        direction=_direction(labels),
        name=name,
        street_type=_street_type(labels),
        unit=_unit(labels),
    )


def _prepare(value: str) -> str:
    text = clean(value).replace("#", " # ").replace("'", "").replace("’", "")
    text = re.sub(r"[^a-z0-9#/\s-]", " ", text)
    # Ordinals first, so "fifth" in "four four one seven fifth avenue" stays
    # with the street and is not read as a sixth digit of the house number.
    return ordinals_to_figures(text)


def _split_house_number(text: str) -> tuple[str, str]:
    """Split off the house number, written ("4417", "12b") or spoken."""
    tokens = text.split()
    if not tokens:
        return "", ""
    if not tokens[0].isdigit() and _WRITTEN_HOUSE_NUMBER.fullmatch(tokens[0]):
        return tokens[0].upper(), " ".join(tokens[1:])
    # Written figures take only more figures ("44 17" from STT); spoken words
    # take more words, so "4417 twelve oaks dr" keeps its street name.
    belongs = str.isdigit if tokens[0].isdigit() else is_number_token
    count = 0
    while count < len(tokens) and belongs(tokens[count]):
        count += 1
    digits = spoken_digits(" ".join(tokens[:count])).digits
    return digits, " ".join(tokens[count:])


def _tag(text: str) -> dict[str, list[str]]:
    """Group the tokens usaddress labels, keeping every token of a label."""
    labels: dict[str, list[str]] = {}
    for token, label in usaddress.parse(text):
        labels.setdefault(label, []).append(token)
    return labels


def _direction(labels: dict[str, list[str]]) -> str | None:
    words = labels.get("StreetNamePreDirectional", []) + labels.get(
        "StreetNamePostDirectional", []
    )
    return DIRECTIONS.get(words[0]) if words else None


def _street_name(labels: dict[str, list[str]]) -> tuple[str, ...]:
    words = [word for label in _NAME_LABELS for word in labels.get(label, [])]
    # usaddress tags "ridge" in "cedar ridge parkway" as a second street type;
    # only the last type word is the street's type.
    words += labels.get("StreetNamePostType", [])[:-1]
    return tuple(NAME_WORDS.get(word, word.upper()) for word in words)


def _street_type(labels: dict[str, list[str]]) -> str | None:
    words = labels.get("StreetNamePostType", [])
    return STREET_TYPES.get(words[-1], words[-1].upper()) if words else None


def _unit(labels: dict[str, list[str]]) -> str | None:
    tokens = labels.get("OccupancyIdentifier", [])
    kept = [token for token in tokens if token not in UNIT_DESIGNATORS]
    # "12-B", "12 B" and "12b" are one unit.
    return re.sub(r"[^A-Z0-9]", "", "".join(kept).upper()) or None


def _canonical_street(parts: _Parts) -> str:
    words = [parts.direction, *parts.name, parts.street_type]
    return " ".join(word for word in words if word)


def _streets_agree(caller: _Parts, record: _Parts) -> bool:
    caller, record = _type_split_off(caller), _type_split_off(record)
    if _conflict(caller.direction, record.direction):
        return False
    if _conflict(caller.street_type, record.street_type):
        return False
    caller_name, record_name = "".join(caller.name), "".join(record.name)
    if re.findall(r"\d+", caller_name) != re.findall(r"\d+", record_name):
        return False
    return fuzz.ratio(caller_name, record_name) >= STREET_NAME_MIN_RATIO


def _type_split_off(parts: _Parts) -> _Parts:
    """Read a trailing type word kept in the name as the street's type.

    The tagger sometimes keeps it in the name ("Ronald Center" stored, while
    "Ronal Center" is heard as name RONAL, type CTR).
    """
    if parts.street_type is not None or len(parts.name) < 2:
        return parts
    street_type = STREET_TYPES.get(parts.name[-1].lower())
    if street_type is None:
        return parts
    return replace(parts, name=parts.name[:-1], street_type=street_type)


def _conflict(first: str | None, second: str | None) -> bool:
    return first is not None and second is not None and first != second


def _invalid(message: str) -> CallerInputError:
    return CallerInputError(message, code="invalid_address")

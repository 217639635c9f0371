"""Say random valid values the way callers do; they must read back unchanged."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_tools.normalize import (
    CallerInputError,
    parse_date_of_birth,
    parse_phone,
    parse_street_address,
    parse_zip,
    street_addresses_match,
)

from .spoken import (
    cardinal,
    digit_by_digit,
    in_pairs,
    month_name,
    ordinal,
    with_repeats,
    year_words,
)

TODAY = date(2026, 12, 4)
AREA_CODES = ["212", "213", "214", "305", "312", "404", "415", "503", "512"]
AREA_CODES += ["602", "615", "617", "646", "702", "718", "773", "818", "917"]
STREET_NAMES = ["birchwood", "maple", "oak", "cedar ridge", "lake shore", "elm"]
STREET_NAMES += ["sunset", "willow creek", "highland", "martin luther king"]
STREET_TYPES = {
    "road": "Rd",
    "street": "St",
    "avenue": "Ave",
    "boulevard": "Blvd",
    "drive": "Dr",
    "lane": "Ln",
    "court": "Ct",
    "place": "Pl",
    "terrace": "Ter",
    "parkway": "Pkwy",
    "circle": "Cir",
    "way": "Way",
    "trail": "Trl",
}

phone_lines = st.tuples(st.sampled_from(AREA_CODES), st.integers(100, 199))


def say_group(digits: str, style: str) -> str:
    if style == "digits":
        return digit_by_digit(digits, zero="oh")
    if style == "zero":
        return digit_by_digit(digits, zero="zero")
    if style == "repeats":
        return with_repeats(digits)
    if style == "pairs":
        return in_pairs(digits)
    return digits


group_styles = st.sampled_from(["digits", "zero", "repeats", "pairs", "figures"])


@settings(max_examples=150, deadline=None)
@given(phone_lines, st.lists(group_styles, min_size=3, max_size=3), st.booleans())
def test_parse_phone_reads_back_spoken_numbers(
    line: tuple[str, int], styles: list[str], commas: bool
) -> None:
    area, subscriber = line
    groups = [area, "555", f"0{subscriber}"]
    joiner = ", " if commas else " "
    spoken = joiner.join(say_group(g, s) for g, s in zip(groups, styles, strict=True))
    assert parse_phone(spoken).e164 == f"+1{area}5550{subscriber}"


@settings(max_examples=100, deadline=None)
@given(phone_lines, st.integers(0, 9))
def test_parse_phone_never_accepts_a_dropped_digit(
    line: tuple[str, int], dropped: int
) -> None:
    area, subscriber = line
    digits = f"{area}5550{subscriber}"
    short = digits[:dropped] + digits[dropped + 1 :]
    with pytest.raises(CallerInputError) as refused:
        parse_phone(digit_by_digit(short))
    assert refused.value.code == "invalid_phone"


def say_date(born: date, style: int) -> str:
    month, day = month_name(born), born.day
    # "oh three" for March; a month from ten on is said as one number.
    month_figures = (
        f"oh {cardinal(born.month)}" if born.month < 10 else cardinal(born.month)
    )
    two_digit = cardinal(born.year % 100) if born.year % 100 >= 10 else None
    two_digit = two_digit or f"oh {cardinal(born.year % 10)}"
    return [
        f"{month} {ordinal(day)} {year_words(born.year)}",
        f"the {ordinal(day)} of {month}, {year_words(born.year)}",
        f"{month} {ordinal(day)}, {two_digit}",
        f"{cardinal(born.month)} {cardinal(day)} {two_digit}",
        f"{born.month}/{day}/{born.year % 100:02d}",
        f"{month} {day}th, {born.year}",
        f"{month_figures}, {cardinal(day)}, {year_words(born.year)}",
    ][style]


@settings(max_examples=200, deadline=None)
@given(st.dates(date(1927, 1, 1), date(2019, 12, 31)), st.integers(0, 6))
def test_parse_date_of_birth_reads_back_spoken_dates(born: date, style: int) -> None:
    spoken = say_date(born, style)
    assert parse_date_of_birth(spoken, TODAY) == born, spoken


units = st.one_of(
    st.none(),
    st.tuples(st.integers(1, 40), st.sampled_from(["", "a", "b", "c"])),
)


def say_unit(unit: tuple[int, str] | None, spoken: bool) -> str:
    if unit is None:
        return ""
    number, letter = unit
    if spoken:
        return f" apartment {cardinal(number, hyphen=False)} {letter}".rstrip()
    return f" Apt {number}{letter.upper()}"


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 9999),
    st.sampled_from(STREET_NAMES),
    st.sampled_from(sorted(STREET_TYPES)),
    units,
    st.booleans(),
)
def test_street_addresses_match_reads_back_spoken_addresses(
    house: int, name: str, street_type: str, unit: tuple[int, str] | None, pairs: bool
) -> None:
    stored = (
        f"{house} {name.title()} {STREET_TYPES[street_type]}{say_unit(unit, False)}"
    )
    house_words = in_pairs(str(house)) if pairs else digit_by_digit(str(house))
    spoken = f"{house_words} {name} {street_type}{say_unit(unit, True)}"

    parsed = parse_street_address(spoken)
    assert parsed.house_number == str(house), spoken
    assert parsed.unit == (None if unit is None else f"{unit[0]}{unit[1].upper()}")
    assert street_addresses_match(spoken, stored), (spoken, stored)


@settings(max_examples=100, deadline=None)
@given(st.integers(1000, 9999), st.sampled_from(STREET_NAMES), st.integers(0, 3))
def test_street_addresses_match_refuses_a_changed_house_number(
    house: int, name: str, position: int
) -> None:
    digits = str(house)
    changed = str((int(digits[position]) + 1) % 10)
    other = digits[:position] + changed + digits[position + 1 :]
    stored = f"{house} {name.title()} Rd"
    assert not street_addresses_match(f"{digit_by_digit(other)} {name} road", stored)


@settings(max_examples=100, deadline=None)
@given(st.integers(501, 99950), st.booleans())
def test_parse_zip_reads_back_spoken_zips(zip_number: int, zero_word: bool) -> None:
    digits = f"{zip_number:05d}"
    spoken = digit_by_digit(digits, zero="zero" if zero_word else "oh")
    assert parse_zip(spoken) == digits

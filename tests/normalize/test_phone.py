from __future__ import annotations

import pytest

from agent_tools.normalize import (
    ArgumentError,
    CallerInputError,
    PhoneNumber,
    parse_phone,
)

CHICAGO = "+13125550147"


@pytest.mark.parametrize(
    "value",
    [
        "1 (312) 555-0147",
        "13125550147",
        "312.555.0147",
        "+1 312 555 0147",
        "+13125550147",
        "312-555-0147",
        "(312) 555-0147",
        "312 555 0147",
        "1-312-555-0147",
        "it's 312-555-0147",
        "312 555 0147.",
        3125550147,
        13125550147,
    ],
)
def test_parse_phone_reads_written_numbers(value: str | int) -> None:
    assert parse_phone(value) == PhoneNumber(CHICAGO, None, spoken_input=False)


@pytest.mark.parametrize(
    "value",
    [
        "three one two five five five oh one four seven",
        "three one two five five five zero one four seven",
        "three one two, five five five, oh one four seven",
        "three-one-two five-five-five oh-one-four-seven",
        "three one two double five five oh one four seven",
        "three one two five double five oh one four seven",
        "three one two triple five oh one four seven",
        "three twelve five fifty five oh one forty seven",
        "three twelve, five fifty-five, zero one four seven",
        "three hundred twelve five five five oh one four seven",
        "three hundred twelve, five fifty five, oh one four seven",
        "my number is three one two five five five oh one four seven",
        "one three one two five five five oh one four seven",
        "312 five five five oh one four seven",
        "three one two 555 0147",
        "three one two five five five o one four seven",
        "Three One Two Five Five Five Oh One Four Seven",
    ],
)
def test_parse_phone_reads_spoken_numbers(value: str) -> None:
    assert parse_phone(value) == PhoneNumber(CHICAGO, None, spoken_input=True)


@pytest.mark.parametrize(
    ("value", "e164"),
    [
        ("312 5:55 0147", CHICAGO),
        ("3:12 555 01:47", CHICAGO),
        ("six four six five five five oh one two three", "+16465550123"),
        ("two one three, five five five, zero one nine nine", "+12135550199"),
        ("four one five five five five oh one double oh", "+14155550100"),
        ("seven one eight, triple five, oh one six six", "+17185550166"),
        ("two twelve five fifty-five oh one eighty", "+12125550180"),
        ("nine one seven 555 01 15", "+19175550115"),
        ("one eight hundred five five five one two one two", "+18005551212"),
        ("eight hundred, five five five, twelve twelve", "+18005551212"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_parse_phone_reads_stt_pieces(value: str, e164: str) -> None:
    assert parse_phone(value).e164 == e164


@pytest.mark.parametrize(
    ("value", "extension"),
    [
        ("(312) 555-0147 x 22", "22"),
        ("(312) 555-0147 x22", "22"),
        ("3125550147x22", "22"),
        ("312-555-0147 ext. 22", "22"),
        ("312-555-0147 ext 22", "22"),
        ("312-555-0147 extension 22", "22"),
        ("three one two five five five oh one four seven extension two two", "22"),
        ("three one two five five five oh one four seven extension twenty two", "22"),
        ("312 555 0147 extension one oh four", "104"),
    ],
)
def test_parse_phone_keeps_extension_apart(value: str, extension: str) -> None:
    number = parse_phone(value)
    assert (number.e164, number.extension) == (CHICAGO, extension)


@pytest.mark.parametrize(
    ("value", "heard"),
    [
        ("three one two five five five oh one four", "I heard 9 digits"),
        ("312-555-014", "I heard 9 digits"),
        ("555-0147", "I heard 7 digits"),
        ("312 555 01477", "I heard 11 digits"),
        ("three one two five five five oh one four seven seven", "I heard 11 digits"),
        ("twenty", "I heard 2 digits"),
        ("call me back later", "I heard no digits"),
        ("my second number is three one two five five five oh one four", "9 digits"),
        ("1 (123) 555-0147", "not a valid US phone number"),
        ("(312) 155-0147", "not a valid US phone number"),
        ("(023) 555-0147", "not a valid US phone number"),
        ("+44 20 7946 095", "international number is not valid"),
        ("", "No phone number was given"),
        ("N/A", "No phone number was given"),
        (-3125550147, "cannot be negative"),
    ],
)
def test_parse_phone_refuses_incomplete_or_invalid(
    value: str | int, heard: str
) -> None:
    with pytest.raises(CallerInputError) as refused:
        parse_phone(value)
    assert refused.value.code == "invalid_phone"
    assert heard in refused.value.message


def test_parse_phone_asks_for_the_full_number() -> None:
    with pytest.raises(CallerInputError) as refused:
        parse_phone("three one two five five five oh one four")
    assert refused.value.message == (
        "I heard 9 digits; ask the caller to repeat the full 10-digit phone "
        "number, area code first."
    )


@pytest.mark.parametrize("value", [True, False, None, 3125550147.0, ["312"], {}])
def test_parse_phone_refuses_wrong_types(value: object) -> None:
    with pytest.raises(ArgumentError):
        parse_phone(value)  # type: ignore[arg-type]

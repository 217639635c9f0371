from __future__ import annotations

import pytest

from agent_tools.normalize import (
    ArgumentError,
    CallerInputError,
    StreetAddress,
    parse_street_address,
    parse_zip,
    street_addresses_match,
)

BIRCHWOOD = "4417 Birchwood Rd Apt 12B"


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        (BIRCHWOOD, StreetAddress("4417", "BIRCHWOOD RD", "12B")),
        ("4417 Birchwood Road #12B", StreetAddress("4417", "BIRCHWOOD RD", "12B")),
        ("4417 Birchwood Rd, unit 12 B", StreetAddress("4417", "BIRCHWOOD RD", "12B")),
        ("4417 birchwood road suite 12b", StreetAddress("4417", "BIRCHWOOD RD", "12B")),
        (
            "forty four seventeen birch wood road apartment twelve b",
            StreetAddress("4417", "BIRCH WOOD RD", "12B"),
        ),
        (
            "4417 Birchwood Rd Apt 12B, Chicago, IL 60614",
            StreetAddress("4417", "BIRCHWOOD RD", "12B"),
        ),
        (
            "twelve oh five saint charles street",
            StreetAddress("1205", "ST CHARLES ST", None),
        ),
        ("1205 St. Charles St.", StreetAddress("1205", "ST CHARLES ST", None)),
        ("four four one seven fifth avenue", StreetAddress("4417", "5TH AVE", None)),
        ("12 Fifth Avenue, Suite 300", StreetAddress("12", "5TH AVE", "300")),
        ("100 North Main Street", StreetAddress("100", "N MAIN ST", None)),
        ("one hundred n main st", StreetAddress("100", "N MAIN ST", None)),
        ("300 lake shore drive north", StreetAddress("300", "N LAKE SHORE DR", None)),
        ("4417B Elm St", StreetAddress("4417B", "ELM ST", None)),
        ("44 17 birchwood rd", StreetAddress("4417", "BIRCHWOOD RD", None)),
        ("4417 Twelve Oaks Dr", StreetAddress("4417", "12 OAKS DR", None)),
        ("77 sunset blvd number 4", StreetAddress("77", "SUNSET BLVD", "4")),
        ("9 o'hare way", StreetAddress("9", "OHARE WAY", None)),
        ("55 east sixty-third street", StreetAddress("55", "E 63RD ST", None)),
        (
            "two thousand five lake shore drive unit twelve oh five",
            StreetAddress("2005", "LAKE SHORE DR", "1205"),
        ),
        ("810 Maple Terrace", StreetAddress("810", "MAPLE TER", None)),
        ("eight ten maple parkway", StreetAddress("810", "MAPLE PKWY", None)),
        ("27 Cedar Ct", StreetAddress("27", "CEDAR CT", None)),
    ],
)
def test_parse_street_address_reads_canonical_parts(
    value: str, parsed: StreetAddress
) -> None:
    assert parse_street_address(value) == parsed


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Birchwood Road", "no house number"),
        ("4417", "no street name"),
        ("", "no house number"),
        ("I'd rather not say", "no house number"),
    ],
)
def test_parse_street_address_refuses_incomplete(value: str, reason: str) -> None:
    with pytest.raises(CallerInputError) as refused:
        parse_street_address(value)
    assert refused.value.code == "invalid_address"
    assert reason in refused.value.message


def test_parse_street_address_refuses_wrong_type() -> None:
    with pytest.raises(ArgumentError):
        parse_street_address(4417)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("4417 Birchwood Road #12B", BIRCHWOOD),
        ("4417 Birchwood Rd, unit 12 B", BIRCHWOOD),
        ("forty four seventeen birch wood road apartment twelve b", BIRCHWOOD),
        ("four four one seven birchwood road apt twelve b", BIRCHWOOD),
        ("4417 birchwood road, number 12b", BIRCHWOOD),
        ("4417 BIRCHWOOD RD STE 12B", BIRCHWOOD),
        ("4417 Birchwood Rd. Apt. 12-B", BIRCHWOOD),
        ("4417 Birchwood Apt 12B", BIRCHWOOD),
        ("4417 Birchwod Rd Apt 12B", BIRCHWOOD),
        ("4417 Birchwood Road Apt 12B, Chicago IL 60614", BIRCHWOOD),
        ("1205 saint charles st", "1205 St Charles St"),
        ("twelve oh five saint charles street", "1205 St Charles St"),
        ("12 fifth avenue", "12 5th Ave"),
        ("100 north main street", "100 N Main St"),
        ("100 main street", "100 N Main St"),
        ("300 lake shore drive north", "300 N Lake Shore Dr"),
        ("810 maple terrace", "810 Maple Ter"),
        ("4417 Birchwood Rd Apt 3", "4417 Birchwood Rd"),
        ("nine oh one twenty third street", "901 23rd St"),
    ],
)
def test_street_addresses_match_accepts_same_address(given: str, stored: str) -> None:
    assert street_addresses_match(given, stored)


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("4471 Birchwood Rd Apt 12B", BIRCHWOOD),
        ("4417 Birchwood Rd Apt 12C", BIRCHWOOD),
        ("4417 Birchwood Rd Apt 21B", BIRCHWOOD),
        ("4417 Birchwood Rd", BIRCHWOOD),
        ("4417 Birchwood Ave Apt 12B", BIRCHWOOD),
        ("4417 Beechwood Rd Apt 12B", BIRCHWOOD),
        ("441 Birchwood Rd Apt 12B", BIRCHWOOD),
        ("forty four seventy one birchwood road apartment twelve b", BIRCHWOOD),
        ("12 sixth avenue", "12 5th Ave"),
        ("100 south main street", "100 N Main St"),
        ("901 22nd St", "901 23rd St"),
        ("Birchwood Road", BIRCHWOOD),
        ("", ""),
        ("", BIRCHWOOD),
        (BIRCHWOOD, ""),
        ("N/A", "N/A"),
        ("null", BIRCHWOOD),
    ],
)
def test_street_addresses_match_refuses_other_address(given: str, stored: str) -> None:
    assert not street_addresses_match(given, stored)


@pytest.mark.parametrize(
    ("value", "zip_code"),
    [
        ("60614", "60614"),
        ("60614-1234", "60614"),
        ("606141234", "60614"),
        (60614, "60614"),
        ("six oh six one four", "60614"),
        ("six zero six one four", "60614"),
        ("six oh six fourteen", "60614"),
        ("zero two one three four", "02134"),
        (2134, "02134"),
        ("my zip is 60614", "60614"),
    ],
)
def test_parse_zip_reads_five_digits(value: str | int, zip_code: str) -> None:
    assert parse_zip(value) == zip_code


@pytest.mark.parametrize("value", ["6061", "606145", "00000", "", "chicago", -60614])
def test_parse_zip_refuses_non_zip(value: str | int) -> None:
    with pytest.raises(CallerInputError) as refused:
        parse_zip(value)
    assert refused.value.code == "invalid_zip"


@pytest.mark.parametrize("value", [True, None, 60614.0])
def test_parse_zip_refuses_wrong_types(value: object) -> None:
    with pytest.raises(ArgumentError):
        parse_zip(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "matches"),
    [
        ("8749 Ronal Center Apartment 570", True),
        ("8749 Ronald Ctr Apt 570", True),
        ("8749 ronald center unit 570", True),
        ("8749 Ronald Court Apt 570", False),
        ("8749 Donald Center Apt 570", False),
        ("8794 Ronald Center Apt 570", False),
    ],
)
def test_street_addresses_match_a_type_word_read_as_part_of_the_name(
    given: str, matches: bool
) -> None:
    assert street_addresses_match(given, "8749 Ronald Center Apt. 570") is matches

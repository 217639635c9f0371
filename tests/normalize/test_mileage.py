from __future__ import annotations

import pytest

from agent_tools.normalize import ArgumentError, CallerInputError, parse_mileage


@pytest.mark.parametrize(
    ("value", "miles"),
    [
        (45000, 45000),
        (45000.0, 45000),
        (45000.7, 45000),
        (0, 0),
        ("45,000", 45000),
        ("45000", 45000),
        ("45k", 45000),
        ("45K miles", 45000),
        ("45 k", 45000),
        ("45.5k", 45500),
        ("about forty-five thousand", 45000),
        ("around 45,000 miles", 45000),
        ("forty five thousand two hundred", 45200),
        ("forty-five thousand, two hundred", 45200),
        ("45 thousand two hundred", 45200),
        ("45 thousand", 45000),
        ("forty five k", 45000),
        ("a hundred and twenty thousand", 120000),
        ("one hundred twenty three thousand four hundred fifty six", 123456),
        ("just under sixty thousand", 60000),
        ("12,345.6 miles", 12345),
        ("it has 87,210 on it", 87210),
        ("eight thousand", 8000),
        ("seven", 7),
        ("999,999", 999_999),
        ("nine hundred ninety-nine thousand nine hundred ninety-nine", 999_999),
    ],
)
def test_parse_mileage_reads_odometer(value: int | float | str, miles: int) -> None:
    assert parse_mileage(value) == miles


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "No mileage was given"),
        ("N/A", "No mileage was given"),
        ("unknown", "No mileage was given"),
        ("lots", "could not hear one mileage"),
        ("I don't know", "could not hear one mileage"),
        ("forty or fifty thousand", "could not hear one mileage"),
        ("between 40,000 and 50,000", "could not hear one mileage"),
        ("-5", "between 0 and 999,999"),
        (-5, "between 0 and 999,999"),
        (-0.5, "between 0 and 999,999"),
        (1_000_000, "between 0 and 999,999"),
        ("1,000,000", "between 0 and 999,999"),
        ("two million", "between 0 and 999,999"),
        (float("nan"), "between 0 and 999,999"),
        (float("inf"), "between 0 and 999,999"),
    ],
)
def test_parse_mileage_refuses_unreadable(
    value: int | float | str, reason: str
) -> None:
    with pytest.raises(CallerInputError) as refused:
        parse_mileage(value)
    assert refused.value.code == "invalid_mileage"
    assert reason in refused.value.message
    assert "odometer" in refused.value.message


@pytest.mark.parametrize("value", [True, False, None, [45000], {"miles": 45000}])
def test_parse_mileage_refuses_wrong_types(value: object) -> None:
    with pytest.raises(ArgumentError):
        parse_mileage(value)  # type: ignore[arg-type]

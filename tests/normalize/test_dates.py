from __future__ import annotations

from datetime import date

import pytest

from agent_tools.normalize import ArgumentError, CallerInputError, parse_date_of_birth

TODAY = date(2026, 12, 4)
MARCH_5_1985 = date(1985, 3, 5)


@pytest.mark.parametrize(
    "value",
    [
        "1985-03-05",
        "1985-03-05T00:00:00Z",
        "3/5/85",
        "03/05/1985",
        "3/5/1985",
        "3-5-1985",
        "3.5.1985",
        "03-05-85",
        "03051985",
        "030585",
        "March 5th, 1985",
        "March 5, 1985",
        "march 5 1985",
        "Mar 5 1985",
        "Mar. 5, 1985",
        "5 March 1985",
        "5th of March, 1985",
        "1985 March 5",
        "march 5 85",
        "the fifth of March eighty-five",
        "the fifth of march, nineteen eighty-five",
        "March fifth nineteen eighty-five",
        "march fifth, nineteen eighty five",
        "march the fifth nineteen eighty five",
        "march five nineteen eighty five",
        "march fifth one nine eight five",
        "march fifth eight five",
        "it's march fifth, 1985",
        "three five eighty-five",
        "three five nineteen eighty-five",
        "oh three oh five eighty five",
        "oh three oh five nineteen eighty five",
        "zero three zero five one nine eight five",
        "zero three, zero five, eighty-five",
    ],
)
def test_parse_date_of_birth_reads_march_fifth(value: str) -> None:
    assert parse_date_of_birth(value, TODAY) == MARCH_5_1985


@pytest.mark.parametrize(
    ("value", "born"),
    [
        ("05/03/1985", date(1985, 5, 3)),
        ("five three eighty-five", date(1985, 5, 3)),
        ("12/31/1999", date(1999, 12, 31)),
        ("december thirty-first nineteen ninety-nine", date(1999, 12, 31)),
        ("the twenty-first of june two thousand five", date(2005, 6, 21)),
        ("june twenty first, twenty oh five", date(2005, 6, 21)),
        ("september 9th 2001", date(2001, 9, 9)),
        ("sept 9 01", date(2001, 9, 9)),
        ("7/4/26", date(2026, 7, 4)),
        ("7/4/27", date(1927, 7, 4)),
        ("february twenty-ninth two thousand", date(2000, 2, 29)),
        ("2/29/1996", date(1996, 2, 29)),
        ("january first nineteen twenty", date(1920, 1, 1)),
        ("november eleventh, nineteen sixty-two", date(1962, 11, 11)),
        ("the second of august seventy-four", date(1974, 8, 2)),
        ("oct 30 1958", date(1958, 10, 30)),
        ("twelve twenty five ninety", date(1990, 12, 25)),
        ("may 3rd 1985", date(1985, 5, 3)),
        ("4th july 1976", date(1976, 7, 4)),
        ("1976 july fourth", date(1976, 7, 4)),
        ("december 4 2026", TODAY),
        ("december third twenty sixteen", date(2016, 12, 3)),
    ],
)
def test_parse_date_of_birth_reads_other_dates(value: str, born: date) -> None:
    assert parse_date_of_birth(value, TODAY) == born


@pytest.mark.parametrize(
    "value",
    ["March fifth", "march 5th", "3/5", "the fifth of march", "five three"],
)
def test_parse_date_of_birth_asks_for_a_missing_year(value: str) -> None:
    with pytest.raises(CallerInputError) as refused:
        parse_date_of_birth(value, TODAY)
    assert refused.value.code == "missing_year"
    assert "ask for the year" in refused.value.message


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("13/05/1985", "not a real calendar date"),
        ("31/12/1985", "not a real calendar date"),
        ("2/30/1990", "not a real calendar date"),
        ("2/29/1985", "not a real calendar date"),
        ("april thirty-first nineteen eighty", "not a real calendar date"),
        ("12/25/26", "in the future"),
        ("2027-01-01", "in the future"),
        ("1/1/1900", "over 110"),
        ("march fifth nineteen oh five", "over 110"),
        ("march", "no day"),
        ("march 1985", "no day"),
        ("march eighty-five", "no day"),
        ("march and april 5 1985", "more than one month"),
        ("sometime in the eighties", "could not hear"),
        ("oh one twenty two thousand", "could not hear"),
        ("3/5/198", "year"),
        ("march fifth nineteen eighty five two", "year"),
        ("", "No date of birth"),
        ("null", "No date of birth"),
    ],
)
def test_parse_date_of_birth_refuses_impossible_dates(value: str, reason: str) -> None:
    with pytest.raises(CallerInputError) as refused:
        parse_date_of_birth(value, TODAY)
    assert refused.value.code == "invalid_date"
    assert reason in refused.value.message


def test_parse_date_of_birth_never_reads_day_first() -> None:
    assert parse_date_of_birth("05/03/1985", TODAY) != MARCH_5_1985


@pytest.mark.parametrize("value", [None, 19850305, True, ["1985-03-05"]])
def test_parse_date_of_birth_refuses_wrong_types(value: object) -> None:
    with pytest.raises(ArgumentError):
        parse_date_of_birth(value, TODAY)  # type: ignore[arg-type]

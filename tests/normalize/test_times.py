from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from agent_tools.normalize import (
    ArgumentError,
    CallerInputError,
    DayRange,
    local_datetime,
    parse_day_range,
    parse_start_time,
)

CHICAGO = ZoneInfo("America/Chicago")
# Friday 4 December 2026, mid-afternoon at the dealership.
NOW = datetime(2026, 12, 4, 15, 0, tzinfo=CHICAGO)
FRIDAY = date(2026, 12, 4)


def days_ahead(days: int) -> date:
    return FRIDAY + timedelta(days=days)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=CHICAGO)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", DayRange(FRIDAY, FRIDAY, None)),
        ("tomorrow", DayRange(days_ahead(1), days_ahead(1), None)),
        ("Tomorrow.", DayRange(days_ahead(1), days_ahead(1), None)),
        ("day after tomorrow", DayRange(days_ahead(2), days_ahead(2), None)),
        ("this afternoon", DayRange(FRIDAY, FRIDAY, "afternoon")),
        ("tonight", DayRange(FRIDAY, FRIDAY, "evening")),
        ("tomorrow morning", DayRange(days_ahead(1), days_ahead(1), "morning")),
        ("tomorrow evening", DayRange(days_ahead(1), days_ahead(1), "evening")),
        ("next Tuesday", DayRange(days_ahead(4), days_ahead(4), None)),
        ("Tuesday", DayRange(days_ahead(4), days_ahead(4), None)),
        ("this tuesday", DayRange(days_ahead(4), days_ahead(4), None)),
        ("tuesday afternoon", DayRange(days_ahead(4), days_ahead(4), "afternoon")),
        ("friday", DayRange(FRIDAY, FRIDAY, None)),
        ("next friday", DayRange(days_ahead(7), days_ahead(7), None)),
        ("first thing Monday", DayRange(days_ahead(3), days_ahead(3), "morning")),
        ("the 8th", DayRange(days_ahead(4), days_ahead(4), None)),
        ("on the eighth", DayRange(days_ahead(4), days_ahead(4), None)),
        ("the third", DayRange(date(2027, 1, 3), date(2027, 1, 3), None)),
        ("the thirty-first", DayRange(date(2026, 12, 31), date(2026, 12, 31), None)),
        ("December 8", DayRange(days_ahead(4), days_ahead(4), None)),
        ("december eighth", DayRange(days_ahead(4), days_ahead(4), None)),
        ("Dec. 8th, 2026", DayRange(days_ahead(4), days_ahead(4), None)),
        ("8 december", DayRange(days_ahead(4), days_ahead(4), None)),
        ("the 8th of december", DayRange(days_ahead(4), days_ahead(4), None)),
        ("12/8", DayRange(days_ahead(4), days_ahead(4), None)),
        ("2026-12-08", DayRange(days_ahead(4), days_ahead(4), None)),
        ("2026-12-08T09:30:00-06:00", DayRange(days_ahead(4), days_ahead(4), None)),
        ("2026-12-09T02:00:00Z", DayRange(days_ahead(4), days_ahead(4), None)),
        ("2026-12-08T09:30:00", DayRange(days_ahead(4), days_ahead(4), None)),
        ("december 1", DayRange(date(2027, 12, 1), date(2027, 12, 1), None)),
        ("january fifth", DayRange(date(2027, 1, 5), date(2027, 1, 5), None)),
        ("next week", DayRange(days_ahead(3), days_ahead(8), None)),
        ("sometime next week", DayRange(days_ahead(3), days_ahead(8), None)),
        ("next week in the morning", DayRange(days_ahead(3), days_ahead(8), "morning")),
        ("this week", DayRange(FRIDAY, days_ahead(1), None)),
        ("this weekend", DayRange(days_ahead(1), days_ahead(2), None)),
        ("tuesday december 8th", DayRange(days_ahead(4), days_ahead(4), None)),
        ("I am free tomorrow", DayRange(days_ahead(1), days_ahead(1), None)),
        ("next weekend", DayRange(days_ahead(8), days_ahead(9), None)),
        ("wednesday next week", DayRange(days_ahead(5), days_ahead(5), None)),
        ("this coming monday", DayRange(days_ahead(3), days_ahead(3), None)),
    ],
)
def test_parse_day_range_resolves_local_days(text: str, expected: DayRange) -> None:
    assert parse_day_range(text, NOW, CHICAGO) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("sometime", "unclear_time"),
        ("soon", "unclear_time"),
        ("whenever works", "unclear_time"),
        ("", "unclear_time"),
        ("null", "unclear_time"),
        ("tomorrow, Tuesday", "unclear_time"),
        ("february 30", "unclear_time"),
        ("2026-11-01", "past_time"),
        ("2026-12-03T23:00:00-06:00", "past_time"),
        ("december 1 2026", "past_time"),
    ],
)
def test_parse_day_range_refuses_unclear_days(text: str, code: str) -> None:
    with pytest.raises(CallerInputError) as refused:
        parse_day_range(text, NOW, CHICAGO)
    assert refused.value.code == code
    assert "ask the caller" in refused.value.message


def test_parse_day_range_uses_the_dealership_day_late_in_the_evening() -> None:
    # 21:30 in Chicago is already Saturday 03:30 in UTC.
    late = datetime(2026, 12, 4, 21, 30, tzinfo=CHICAGO).astimezone(UTC)
    assert parse_day_range("tomorrow", late, CHICAGO).start == days_ahead(1)
    assert parse_day_range("today", late, CHICAGO).start == FRIDAY


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2026-12-08T09:30:00-06:00", at(days_ahead(4), 9, 30)),
        ("2026-12-08T15:30:00Z", at(days_ahead(4), 9, 30)),
        ("2026-12-08T10:30:00-05:00", at(days_ahead(4), 9, 30)),
        ("2026-12-08T09:30:00", at(days_ahead(4), 9, 30)),
        ("2026-12-08 09:30", at(days_ahead(4), 9, 30)),
        ("tomorrow at nine", at(days_ahead(1), 9)),
        ("tomorrow at 9", at(days_ahead(1), 9)),
        ("tomorrow at 9am", at(days_ahead(1), 9)),
        ("tomorrow at nine a.m.", at(days_ahead(1), 9)),
        ("next Tuesday at 2:30 pm", at(days_ahead(4), 14, 30)),
        ("next tuesday at two thirty p.m.", at(days_ahead(4), 14, 30)),
        ("tomorrow around two", at(days_ahead(1), 14)),
        ("tomorrow around two-ish", at(days_ahead(1), 14)),
        ("monday at seven", at(days_ahead(3), 7)),
        ("monday at eight o'clock", at(days_ahead(3), 8)),
        ("monday at eleven", at(days_ahead(3), 11)),
        ("monday at twelve", at(days_ahead(3), 12)),
        ("monday at one", at(days_ahead(3), 13)),
        ("monday at six", at(days_ahead(3), 18)),
        ("monday 9am", at(days_ahead(3), 9)),
        ("nine thirty tomorrow", at(days_ahead(1), 9, 30)),
        ("tomorrow at nine oh five", at(days_ahead(1), 9, 5)),
        ("tomorrow at noon", at(days_ahead(1), 12)),
        ("tomorrow at half past nine", at(days_ahead(1), 9, 30)),
        ("tomorrow at quarter to ten", at(days_ahead(1), 9, 45)),
        ("tomorrow at a quarter past eight", at(days_ahead(1), 8, 15)),
        ("december 8 at 9", at(days_ahead(4), 9)),
        ("december 8 10am", at(days_ahead(4), 10)),
        ("the 8th 2:30 pm", at(days_ahead(4), 14, 30)),
        ("december eighth at nine thirty", at(days_ahead(4), 9, 30)),
        ("the 8th at 10:15", at(days_ahead(4), 10, 15)),
        ("tuesday afternoon at four", at(days_ahead(4), 16)),
        ("tuesday morning at eleven", at(days_ahead(4), 11)),
        ("tuesday at 13:30", at(days_ahead(4), 13, 30)),
        ("today at four", at(FRIDAY, 16)),
        ("later today at 4:45 pm", at(FRIDAY, 16, 45)),
        ("tomorrow nine in the morning", at(days_ahead(1), 9)),
        ("tomorrow at four in the afternoon", at(days_ahead(1), 16)),
        ("tuesday at seven in the evening", at(days_ahead(4), 19)),
        ("tuesday at 3 a m", at(days_ahead(4), 3)),
        ("tuesday at 10 p.m.", at(days_ahead(4), 22)),
        ("tuesday at 8 at night", at(days_ahead(4), 20)),
    ],
)
def test_parse_start_time_resolves_local_start(text: str, start: datetime) -> None:
    resolved = parse_start_time(text, NOW, CHICAGO)
    assert resolved == start
    assert resolved.tzinfo == CHICAGO


@pytest.mark.parametrize(
    ("text", "code", "asks"),
    [
        ("around two", "unclear_time", "which day"),
        ("at nine thirty", "unclear_time", "which day"),
        ("tomorrow", "unclear_time", "what time"),
        ("tomorrow morning", "unclear_time", "what time"),
        ("next week at nine", "unclear_time", "which day"),
        ("first thing Monday", "unclear_time", "what time"),
        ("tuesday at 25:00", "unclear_time", "what time"),
        ("tomorrow at 11:75", "unclear_time", "what time"),
        ("tuesday at 14 pm", "unclear_time", "what time"),
        ("2026-13-08T09:00:00", "unclear_time", "another time"),
        ("today at nine", "past_time", "another time"),
        ("2026-12-04T14:59:00-06:00", "past_time", "another time"),
        ("", "unclear_time", "which day"),
    ],
)
def test_parse_start_time_refuses_unclear(text: str, code: str, asks: str) -> None:
    with pytest.raises(CallerInputError) as refused:
        parse_start_time(text, NOW, CHICAGO)
    assert refused.value.code == code
    assert asks in refused.value.message


def test_parse_start_time_uses_opening_for_first_thing() -> None:
    start = parse_start_time("first thing Monday", NOW, CHICAGO, opening=time(7, 30))
    assert start == at(days_ahead(3), 7, 30)


def test_parse_start_time_tomorrow_at_nine_late_in_the_evening() -> None:
    late = datetime(2026, 12, 4, 21, 30, tzinfo=CHICAGO)
    for now in (late, late.astimezone(UTC), late.astimezone(ZoneInfo("Asia/Tokyo"))):
        start = parse_start_time("tomorrow at nine", now, CHICAGO)
        assert start.isoformat() == "2026-12-05T09:00:00-06:00"


@pytest.mark.parametrize(
    ("text", "now", "code"),
    [
        ("2027-03-14T02:30:00", NOW, "nonexistent_time"),
        ("march fourteenth at two thirty am", NOW, "nonexistent_time"),
        ("2027-03-14 02:00", NOW, "nonexistent_time"),
        (
            "2026-11-01T01:30:00",
            datetime(2026, 10, 30, 12, tzinfo=CHICAGO),
            "ambiguous_time",
        ),
        (
            "sunday at one thirty am",
            datetime(2026, 10, 30, 12, tzinfo=CHICAGO),
            "ambiguous_time",
        ),
    ],
)
def test_parse_start_time_refuses_daylight_saving_gaps(
    text: str, now: datetime, code: str
) -> None:
    with pytest.raises(CallerInputError) as refused:
        parse_start_time(text, now, CHICAGO)
    assert refused.value.code == code
    assert "ask the caller for another time" in refused.value.message


@pytest.mark.parametrize(
    ("day", "offset"),
    [
        (date(2027, 3, 13), "-06:00"),
        (date(2027, 3, 15), "-05:00"),
        (date(2026, 10, 31), "-05:00"),
        (date(2026, 11, 2), "-06:00"),
    ],
)
def test_local_datetime_carries_offset_of_each_day(day: date, offset: str) -> None:
    opening = local_datetime(day, time(8), CHICAGO)
    assert opening.isoformat() == f"{day.isoformat()}T08:00:00{offset}"


def test_parse_start_time_keeps_an_offset_instant_in_the_fold() -> None:
    now = datetime(2026, 10, 30, 12, tzinfo=CHICAGO)
    start = parse_start_time("2026-11-01T01:30:00-06:00", now, CHICAGO)
    assert start.astimezone(UTC) == datetime(2026, 11, 1, 7, 30, tzinfo=UTC)


def test_parse_start_time_refuses_naive_now() -> None:
    with pytest.raises(ArgumentError):
        parse_start_time("tomorrow at nine", datetime(2026, 12, 4, 15), CHICAGO)


@pytest.mark.parametrize("text", [None, 9, True])
def test_parse_day_range_refuses_wrong_types(text: object) -> None:
    with pytest.raises(ArgumentError):
        parse_day_range(text, NOW, CHICAGO)  # type: ignore[arg-type]

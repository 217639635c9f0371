import json
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from agent_tools.tools.speech import iso, money, spoken_time

CHICAGO = ZoneInfo("America/Chicago")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("129.9"), "129.90"),
        (Decimal("1E+4"), "10000.00"),
        (Decimal("0.005"), "0.01"),
        (Decimal("49.95"), "49.95"),
        (0, "0.00"),
    ],
)
def test_money_is_two_decimals_and_never_an_exponent(
    amount: Decimal, text: str
) -> None:
    assert money(amount) == text
    assert json.loads(json.dumps(money(amount))) == text


def test_spoken_time_reads_like_speech() -> None:
    moment = datetime(2026, 12, 8, 9, 30, tzinfo=CHICAGO)

    assert spoken_time(moment) == "Tuesday, December 8 at 9:30 AM"
    assert spoken_time(moment.replace(hour=14, minute=0)) == (
        "Tuesday, December 8 at 2:00 PM"
    )


def test_iso_keeps_the_local_offset_across_the_clock_change() -> None:
    winter = datetime(2027, 3, 13, 8, 0, tzinfo=CHICAGO)
    summer = datetime(2027, 3, 15, 8, 0, tzinfo=CHICAGO)

    assert (iso(winter), iso(summer)) == (
        "2027-03-13T08:00-06:00",
        "2027-03-15T08:00-05:00",
    )

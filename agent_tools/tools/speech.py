"""How times, dates and money leave a tool: ISO for machines, words for speech."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal


def spoken_time(moment: datetime) -> str:
    """Return e.g. "Tuesday, December 8 at 9:30 AM" (in ``moment``'s zone)."""
    hour = moment.strftime("%I").lstrip("0")
    return f"{moment:%A, %B} {moment.day} at {hour}:{moment:%M %p}"


def spoken_date(day: date) -> str:
    return f"{day:%A, %B} {day.day}"


def money(amount: Decimal | float | int) -> str:
    """Return an amount as "129.90": two decimals, never an exponent."""
    cents = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{cents:f}"


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")

"""The workshop calendar the generator books into.

Every open day is cut into quanta (15 minutes with the shipped catalog); each
technician and each bay keeps a bit mask of the quanta it is busy. A booking
takes a start on the booking grid where one technician and one bay are both
free, so no two slot-holding appointments can ever overlap on either: the
database's exclusion constraints hold by construction. Memory is a few ints
per open day, whatever the number of customers.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import reduce
from math import gcd

from db.dealership import Dealership
from db.seed.draws import Draws


@dataclass(frozen=True)
class OpenDay:
    ordinal: int
    iso: str  # YYYY-MM-DD
    offset: str  # UTC offset of the shop's zone that day, as +HH:MM
    opens: int  # quanta since local midnight
    closes: int


@dataclass(frozen=True)
class Booking:
    day: OpenDay
    start: int  # quanta since local midnight
    end: int
    technician: int
    bay: int


def _quanta(at: time, quantum: int) -> int:
    return (at.hour * 60 + at.minute) // quantum


def _offset(moment: datetime) -> str:
    delta = moment.utcoffset() or timedelta()
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


class Calendar:
    """Open days between two dates and who is busy when on each."""

    def __init__(self, shop: Dealership, first: date, last: date) -> None:
        durations = [service.duration_minutes for service in shop.services.values()]
        self.quantum = reduce(gcd, [shop.booking.slot_step_minutes, *durations])
        self.step = shop.booking.slot_step_minutes // self.quantum
        self.technicians = len(shop.technicians)
        self.bays = shop.bays
        self.days = self._open_days(shop, first, last)
        self._index = {day.ordinal: i for i, day in enumerate(self.days)}
        self._busy: dict[int, tuple[list[int], list[int]]] = {}

    def _open_days(self, shop: Dealership, first: date, last: date) -> list[OpenDay]:
        days = []
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = date.fromordinal(ordinal)
            hours = shop.hours_on(day)
            if hours is None:
                continue
            opens, closes = hours
            days.append(
                OpenDay(
                    ordinal=ordinal,
                    iso=day.isoformat(),
                    offset=_offset(shop.local(day, opens)),
                    opens=_quanta(opens, self.quantum),
                    closes=_quanta(closes, self.quantum),
                )
            )
        return days

    def index_at_or_after(self, ordinal: int) -> int:
        """Index of the first open day on or after ``ordinal`` (may be len)."""
        while ordinal not in self._index and ordinal <= self.days[-1].ordinal:
            ordinal += 1
        return self._index.get(ordinal, len(self.days))

    def open_hours(self, first: int, last: int) -> float:
        """Technician-hours the shop offers on days ``first`` .. ``last - 1``."""
        quanta = sum(day.closes - day.opens for day in self.days[first:last])
        return quanta * self.quantum / 60 * self.technicians

    def book(
        self,
        rng: Draws,
        first: int,
        last: int,
        quanta: int,
        *,
        hold: bool,
        avoid: AbstractSet[int] = frozenset(),
    ) -> Booking | None:
        """Book ``quanta`` on a random open day in [first, last), or None if full.

        ``hold`` False (a cancelled visit) takes any start and keeps nothing.
        Days whose ordinal is in ``avoid`` (the car is already booked) are
        skipped.
        """
        if first >= last:
            return None
        # A full day sends the visit to the next open days of the same week,
        # then to the days before it (the end of the window may be near).
        start = rng.between(first, last - 1)
        later = range(start, min(start + 7, last))
        earlier = range(start - 1, max(first, start - 7) - 1, -1)
        for index in (*later, *earlier):
            if self.days[index].ordinal in avoid:
                continue
            booking = self._book_on(rng, index, quanta, hold)
            if booking is not None:
                return booking
        return None

    def _book_on(
        self, rng: Draws, index: int, quanta: int, hold: bool
    ) -> Booking | None:
        day = self.days[index]
        starts = range(day.opens, day.closes - quanta + 1, self.step)
        if not starts:
            return None
        if not hold:
            return Booking(
                day,
                start := rng.pick(starts),
                start + quanta,
                rng.below(self.technicians),
                rng.below(self.bays),
            )
        technicians, bays = self._busy.setdefault(
            index, ([0] * self.technicians, [0] * self.bays)
        )
        first = rng.below(len(starts))
        for k in range(len(starts)):
            start = starts[(first + k) % len(starts)]
            mask = ((1 << quanta) - 1) << start
            technician = _free(technicians, mask, rng)
            bay = _free(bays, mask, rng)
            if technician is not None and bay is not None:
                technicians[technician] |= mask
                bays[bay] |= mask
                return Booking(day, start, start + quanta, technician, bay)
        return None


def _free(masks: list[int], mask: int, rng: Draws) -> int | None:
    """Index of a resource free for all of ``mask``, from a random first one."""
    count = len(masks)
    first = rng.below(count)
    for k in range(count):
        i = (first + k) % count
        if not masks[i] & mask:
            return i
    return None

"""What every part of the generator shares: tables prepared once per seed,
the running ids and the summary.

Only the ids, the phone pool cursor, the calendar and the summary change
while rows are generated, and they change in chunk order, so the same seed,
count and reference date give the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.dealership import Dealership, Service
from db.seed import catalog
from db.seed.calendar import Calendar
from db.seed.draws import Draws, Weighted
from db.seed.names import locale_data
from db.seed.summary import SeedSummary

MAX_TENURE_DAYS = 5 * 365 + 1
MIN_TENURE_DAYS = 183
APPOINTMENT_SHARE = 0.5
# The upcoming weeks are booked at most this full on average, so the booking
# tools always find open times on the seeded calendar.
UPCOMING_LOAD = 0.45
DAYS_PER_MONTH = 30.4375
# A service with an interval comes back no sooner than this share of it (in
# days, or in miles at the car's own rate, whichever comes first).
REPEAT_SHARE = 0.6


@dataclass(frozen=True)
class ServiceInfo:
    key: str
    category: str
    minutes: int
    cents: tuple[int, int]
    miles: int | None
    days: int | None
    parts: tuple[str, ...]


def service_info(key: str, service: Service) -> ServiceInfo:
    for part in service.parts:
        if '"' in part or "\\" in part:
            raise ValueError(f"unusable part name {part!r}")
    low, high = (int(price * 100) for price in service.price)
    interval = service.interval
    months = interval.months if interval else None
    return ServiceInfo(
        key=key,
        category=service.category.value,
        minutes=service.duration_minutes,
        cents=(low, high),
        miles=interval.miles if interval else None,
        days=round(months * DAYS_PER_MONTH) if months else None,
        parts=service.parts,
    )


def repeat_gap(service: ServiceInfo, annual_miles: int) -> int:
    """Fewest days between two of ``service`` on a car driven ``annual_miles``."""
    spans = [service.days] if service.days else []
    if service.miles:
        spans.append(service.miles * 365 // annual_miles)
    return int(REPEAT_SHARE * min(spans)) if spans else 0


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def current_model_year(as_of: date) -> int:
    """Next year's models go on sale in the autumn."""
    return as_of.year + 1 if as_of.month >= 9 else as_of.year


class SeedContext:
    """Prepared tables, running ids and the summary of one seed run."""

    def __init__(
        self, shop: Dealership, *, customers: int, seed: int, as_of: date
    ) -> None:
        self.shop = shop
        self.total = customers
        self.seed = seed
        self.as_of = as_of
        self.today = as_of.toordinal()
        self.summary = SeedSummary(customers=0, seed=seed, as_of=as_of)
        self.locale = locale_data()
        self._prepare_dates()
        self._prepare_services()
        self._prepare_vehicles()
        self.states = Weighted(catalog.STATE_WEIGHTS)
        self.phones = _phone_pool(seed)
        self._prepare_calendar()
        self.next_vehicle = 1
        self.next_appointment = 1
        self.next_history = 1
        self.phone_cursor = 0

    def _prepare_dates(self) -> None:
        self.oldest_birth = years_before(self.as_of, 76).toordinal() + 1
        self.youngest_birth = years_before(self.as_of, 18).toordinal()
        # Every date a row can carry, formatted once: births to due dates.
        self.iso = {
            ordinal: date.fromordinal(ordinal).isoformat()
            for ordinal in range(self.oldest_birth, self.today + 3_000)
        }

    def _prepare_services(self) -> None:
        self.services = [
            service_info(key, service) for key, service in self.shop.services.items()
        ]
        self.service_mix = Weighted(
            {s: catalog.SERVICE_WEIGHTS.get(s.key, 1) for s in self.services}
        )
        self.by_key = {s.key: s for s in self.services}
        self.follow_up = self.by_key.get("oil_change", self.services[0])
        # What a car can come in for however recently it was serviced.
        anytime = [s for s in self.services if not (s.days or s.miles)]
        self.anytime_service = max(
            anytime or self.services, key=lambda s: self.service_mix.weights[s]
        )
        self.technician_ids = [t.id for t in self.shop.technicians]

    def _prepare_vehicles(self) -> None:
        self.model_year = current_model_year(self.as_of)
        self.makes = Weighted({make: make.weight for make in catalog.MAKES})
        self.models_by_year = {
            (make.name, year): [
                m for m in make.models if m.first_year <= year <= m.last_year
            ]
            for make in catalog.MAKES
            for year in range(2010, self.model_year + 1)
        }
        self.colors = Weighted(catalog.COLORS)

    def _prepare_calendar(self) -> None:
        first = self.today - MAX_TENURE_DAYS - 1
        last = self.today + self.shop.booking.max_days_ahead
        self.calendar = calendar = Calendar(
            self.shop, date.fromordinal(first), date.fromordinal(last)
        )
        self.today_index = calendar.index_at_or_after(self.today)
        self.upcoming_first = calendar.index_at_or_after(self.today + 1)
        self.upcoming_last = len(calendar.days)
        self.appointment_share = self._appointment_share()
        self.summary.appointment_share = self.appointment_share
        self.history_share = max(0.3, 0.6 - 0.24 * self.appointment_share)

    def _appointment_share(self) -> float:
        """Share of customers with appointments that the shop can serve.

        Half the customers book, unless the technicians' hours in the upcoming
        weeks cannot hold their bookings; then fewer do, so the calendar stays
        a real shop's (see the README's data section).
        """
        weights = self.service_mix.weights
        mean_hours = (
            sum(s.minutes * w for s, w in weights.items()) / 60 / sum(weights.values())
        )
        per_customer = APPOINTMENT_SHARE * 1.6 * 0.15 * mean_hours
        capacity = self.calendar.open_hours(self.upcoming_first, self.upcoming_last)
        wanted = self.total * per_customer
        if wanted <= capacity * UPCOMING_LOAD:
            return APPOINTMENT_SHARE
        return APPOINTMENT_SHARE * capacity * UPCOMING_LOAD / wanted

    def take_phone(self) -> str:
        """Hand out the next fictional number, wrapping round when all are used."""
        phone = self.phones[self.phone_cursor % len(self.phones)]
        self.phone_cursor += 1
        return phone

    def close_summary(self) -> None:
        summary = self.summary
        summary.vehicles = self.next_vehicle - 1
        summary.appointments = self.next_appointment - 1
        summary.service_history = self.next_history - 1
        summary.phone_numbers = min(self.phone_cursor, len(self.phones))


def _phone_pool(seed: int) -> list[str]:
    """Order the fictional numbers: local area codes first, each shuffled."""
    rng = Draws(f"{seed}:phones")
    local = [c for c in catalog.AREA_CODES if c in catalog.LOCAL_AREA_CODES]
    other = [c for c in catalog.AREA_CODES if c not in catalog.LOCAL_AREA_CODES]
    pool: list[str] = []
    for codes in (local, other):
        numbers = [f"+1{c}555{n:04d}" for c in codes for n in catalog.FICTIONAL_LINES]
        rng.shuffle(numbers)
        pool.extend(numbers)
    return pool

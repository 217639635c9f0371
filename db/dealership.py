"""The dealership's facts, loaded once from one YAML file.

The seed, the tools and the prompts all read this, so opening hours, holidays,
bays, technicians and the service catalog can never disagree between them.
``AGENT_TOOLS_DEALERSHIP_FILE`` points at another file.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import yaml
from pydantic import BaseModel, ConfigDict, field_validator

from db.enums import ServiceCategory

DEFAULT_FILE = Path(__file__).with_name("dealership.yaml")
WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)


class Interval(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    miles: int | None = None
    months: int | None = None


class Service(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = ""
    name: str
    category: ServiceCategory
    duration_minutes: int
    price: tuple[Decimal, Decimal]
    interval: Interval | None = None
    parts: tuple[str, ...] = ()

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)


class Technician(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str


class ExtraHoliday(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    date: date
    name: str


class HolidayRules(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str = "US"
    extra: tuple[ExtraHoliday, ...] = ()


class Booking(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    slot_step_minutes: int = 30
    min_lead_minutes: int = 120
    max_days_ahead: int = 90
    part_of_day: dict[str, tuple[time, time]]


class Dealership(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    phone: str
    address: str
    time_zone: str
    greeting: str
    opening_hours: dict[str, tuple[time, time]]
    holidays: HolidayRules
    booking: Booking
    bays: int
    technicians: tuple[Technician, ...]
    advisers: tuple[str, ...]
    services: dict[str, Service]

    @field_validator("services", mode="before")
    @classmethod
    def _name_services(cls, raw: dict[str, dict[str, object]]) -> dict[str, object]:
        return {key: {**value, "key": key} for key, value in raw.items()}

    @field_validator("opening_hours")
    @classmethod
    def _known_weekdays(
        cls, hours: dict[str, tuple[time, time]]
    ) -> dict[str, tuple[time, time]]:
        unknown = set(hours) - set(WEEKDAYS)
        if unknown:
            raise ValueError(f"unknown weekdays: {sorted(unknown)}")
        return hours

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def now(self) -> datetime:
        """Return the dealership's local time now."""
        return datetime.now(self.tz)

    def hours_on(self, day: date) -> tuple[time, time] | None:
        """Return local opening and closing time on ``day``, None when closed."""
        if self.holiday_name(day) is not None:
            return None
        return self.opening_hours.get(WEEKDAYS[day.weekday()])

    def holiday_name(self, day: date) -> str | None:
        """Return the name of the holiday on ``day``, if the shop closes for one."""
        for extra in self.holidays.extra:
            if extra.date == day:
                return extra.name
        name: str | None = _federal_holidays(self.holidays.country, day.year).get(day)
        return name

    def local(self, day: date, at: time) -> datetime:
        """Return the aware local datetime of wall-clock ``at`` on ``day``."""
        return datetime.combine(day, at, tzinfo=self.tz)


@cache
def _federal_holidays(country: str, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=year)


@cache
def load_dealership(path: Path | None = None) -> Dealership:
    """Load and validate the dealership file (cached per path)."""
    if path is None:
        path = Path(os.environ.get("AGENT_TOOLS_DEALERSHIP_FILE", DEFAULT_FILE))
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return Dealership.model_validate(raw)

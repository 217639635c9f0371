"""Rows of the mock CRM, produced chunk by chunk as COPY text lines.

The generator never calls Faker per field and never builds model objects: it
draws from prepared tables with one seeded ``Draws`` per chunk and formats
each row straight into PostgreSQL's COPY text format. Each chunk's generator
is seeded from (seed, chunk number), and the only state shared between chunks
(ids, the phone pool cursor, the workshop calendar) advances in chunk order,
so the same seed, count and reference date give the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from db.dealership import Dealership, Service
from db.seed import catalog
from db.seed.calendar import Booking, Calendar, OpenDay
from db.seed.draws import Draws, Weighted
from db.seed.names import email_part, locale_data
from db.seed.summary import SeedSummary
from db.seed.vin import make_vin

CHUNK_CUSTOMERS = 5_000
MAX_TENURE_DAYS = 5 * 365 + 1
MIN_TENURE_DAYS = 183
HOUSEHOLD_SHARE = 0.03
APPOINTMENT_SHARE = 0.5
# The upcoming weeks are booked at most this full on average, so the booking
# tools always find open times on the seeded calendar.
UPCOMING_LOAD = 0.45
NULL = "\\N"
PLATE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"

CUSTOMER_TYPES = Weighted({"retail": 85, "fleet": 5, "referral": 10})
CONTACTS = Weighted({"phone": 70, "email": 20, "sms": 10})
PARTS_OF_DAY = Weighted({"morning": 45, "afternoon": 35, "evening": 10, NULL: 10})
VEHICLE_COUNTS = Weighted({1: 65, 2: 25, 3: 10})
# Cars after the first: the first is the primary and still on the road.
LATER_CAR_STATUSES = Weighted({"active": 89, "sold": 8, "totaled": 3})
APPOINTMENT_COUNTS = Weighted({1: 55, 2: 30, 3: 15})
APPOINTMENT_STATUSES = Weighted(
    {"completed": 70, "scheduled": 7.5, "confirmed": 7.5, "cancelled": 10, "no_show": 5}
)
BOOKING_METHODS = Weighted({"phone": 40, "online": 30, "walk_in": 10, "ai_voice": 20})

COLUMNS = {
    "customers": [
        "id",
        "first_name",
        "last_name",
        "phone",
        "email",
        "preferred_contact",
        "preferred_language",
        "date_of_birth",
        "street_address",
        "city",
        "state",
        "zip_code",
        "customer_since",
        "customer_type",
        "referral_source",
        "preferred_adviser",
        "receive_reminders",
        "receive_promotions",
        "preferred_appointment_time",
        "last_contact_at",
        "notes",
        "created_at",
        "updated_at",
    ],
    "vehicles": [
        "id",
        "customer_id",
        "vin",
        "year",
        "make",
        "model",
        "trim",
        "color",
        "license_plate",
        "license_state",
        "current_mileage",
        "mileage_updated_on",
        "purchase_date",
        "purchased_from_us",
        "last_service_date",
        "last_service_mileage",
        "next_service_due_mileage",
        "next_service_due_date",
        "is_primary",
        "status",
        "created_at",
        "updated_at",
    ],
    "appointments": [
        "id",
        "customer_id",
        "vehicle_id",
        "start_at",
        "end_at",
        "service_type",
        "service_category",
        "status",
        "customer_concerns",
        "recommended_services",
        "estimated_cost",
        "actual_cost",
        "cancellation_reason",
        "cancelled_at",
        "confirmation_sent",
        "reminder_sent",
        "completed_at",
        "technician",
        "service_bay",
        "booking_method",
        "booked_by",
        "call_id",
        "calendar_event_id",
        "notes",
        "created_at",
        "updated_at",
    ],
    "service_history": [
        "id",
        "vehicle_id",
        "appointment_id",
        "service_date",
        "mileage",
        "services_performed",
        "parts_replaced",
        "total_cost",
        "technician",
        "next_service_type",
        "next_service_due_date",
        "next_service_due_mileage",
        "notes",
        "created_at",
        "updated_at",
    ],
}


@dataclass
class Chunk:
    """COPY text lines of one chunk, per table, in foreign-key order."""

    customers: list[str] = field(default_factory=list)
    vehicles: list[str] = field(default_factory=list)
    appointments: list[str] = field(default_factory=list)
    service_history: list[str] = field(default_factory=list)
    size: int = 0

    def tables(self) -> Iterator[tuple[str, list[str]]]:
        yield "customers", self.customers
        yield "vehicles", self.vehicles
        yield "appointments", self.appointments
        yield "service_history", self.service_history

    def encode(self) -> EncodedChunk:
        """Return the chunk as COPY payloads, empty tables left out."""
        payloads = [
            (table, "".join(lines).encode()) for table, lines in self.tables() if lines
        ]
        return EncodedChunk(self.size, payloads)


@dataclass(frozen=True)
class EncodedChunk:
    """A chunk ready for COPY: customers in it, and (table, bytes) in FK order."""

    size: int
    payloads: list[tuple[str, bytes]]


@dataclass(frozen=True)
class ServiceInfo:
    key: str
    category: str
    minutes: int
    cents: tuple[int, int]
    miles: int | None
    days: int | None
    parts: tuple[str, ...]


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _json_list(items: list[str]) -> str:
    """JSON array of plain strings (checked at start to need no escaping)."""
    return '["' + '", "'.join(items) + '"]' if items else "[]"


def _flag(value: bool) -> str:
    return "t" if value else "f"


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def current_model_year(as_of: date) -> int:
    """Next year's models go on sale in the autumn."""
    return as_of.year + 1 if as_of.month >= 9 else as_of.year


@dataclass
class Visit:
    ordinal: int
    service: ServiceInfo
    booking: Booking | None = None
    appointment_id: int | None = None
    cost_cents: int = 0
    technician: str = ""


@dataclass
class Car:
    """The per-vehicle facts the appointment and history steps need."""

    id: int
    in_service: int
    purchase: int
    first_visit: int  # earliest day the car could have been in our shop
    annual_miles: int
    active: bool
    has_history: bool
    visits: list[Visit] = field(default_factory=list)
    from_us: bool = False
    row_head: str = ""  # vehicle columns up to licence_state, tab-ended
    row_tail: str = ""  # is_primary, status, created_at, tab-ended

    def miles_on(self, ordinal: int) -> int:
        return max(0, self.annual_miles * (ordinal - self.in_service) // 365)


class Generator:
    """Everything prepared once per seed; ``chunks`` yields the rows."""

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
        self._prepare_places()
        self._prepare_phones()
        self._prepare_calendar()
        self.next_vehicle = 1
        self.next_appointment = 1
        self.next_history = 1
        self.phone_cursor = 0

    # -- preparation -------------------------------------------------------

    def _prepare_dates(self) -> None:
        as_of = self.as_of
        self.oldest_birth = _years_before(as_of, 76).toordinal() + 1
        self.youngest_birth = _years_before(as_of, 18).toordinal()
        # Every date a row can carry, formatted once: births to due dates.
        last = self.today + 3_000
        self.iso = {
            ordinal: date.fromordinal(ordinal).isoformat()
            for ordinal in range(self.oldest_birth, last)
        }

    def _prepare_services(self) -> None:
        shop = self.shop
        self.services: list[ServiceInfo] = []
        for key, service in shop.services.items():
            self.services.append(self._service_info(key, service))
        self.service_mix = Weighted(
            {s: catalog.SERVICE_WEIGHTS.get(s.key, 1) for s in self.services}
        )
        self.by_key = {s.key: s for s in self.services}
        self.follow_up = self.by_key.get("oil_change", self.services[0])
        self.technician_ids = [t.id for t in shop.technicians]

    def _service_info(self, key: str, service: Service) -> ServiceInfo:
        low, high = (int(price * 100) for price in service.price)
        interval = service.interval
        months = interval.months if interval else None
        for part in service.parts:
            if '"' in part or "\\" in part:
                raise ValueError(f"unusable part name {part!r}")
        return ServiceInfo(
            key=key,
            category=service.category.value,
            minutes=service.duration_minutes,
            cents=(low, high),
            miles=interval.miles if interval else None,
            days=round(months * 30.4375) if months else None,
            parts=service.parts,
        )

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

    def _prepare_places(self) -> None:
        self.states = Weighted(catalog.STATE_WEIGHTS)

    def _prepare_phones(self) -> None:
        """Order the fictional numbers: local area codes first, each shuffled."""
        rng = Draws(f"{self.seed}:phones")
        local = [c for c in catalog.AREA_CODES if c in catalog.LOCAL_AREA_CODES]
        other = [c for c in catalog.AREA_CODES if c not in catalog.LOCAL_AREA_CODES]
        pool: list[str] = []
        for codes in (local, other):
            numbers = [
                f"+1{c}555{n:04d}" for c in codes for n in catalog.FICTIONAL_LINES
            ]
            rng.shuffle(numbers)
            pool.extend(numbers)
        self.phones = pool

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

    # -- chunks ------------------------------------------------------------

    def chunks(self) -> Iterator[Chunk]:
        for number, first in enumerate(range(1, self.total + 1, CHUNK_CUSTOMERS)):
            last = min(first + CHUNK_CUSTOMERS, self.total + 1)
            rng = Draws(f"{self.seed}:{number}")
            chunk = Chunk(size=last - first)
            household: list[str] | None = None
            for customer_id in range(first, last):
                household = self._customer(rng, chunk, customer_id, household)
            self.summary.customers += chunk.size
            yield chunk
        self._close_summary()

    def _close_summary(self) -> None:
        summary = self.summary
        summary.vehicles = self.next_vehicle - 1
        summary.appointments = self.next_appointment - 1
        summary.service_history = self.next_history - 1
        summary.phone_numbers = min(self.phone_cursor, len(self.phones))

    # -- customers ---------------------------------------------------------

    def _customer(
        self,
        rng: Draws,
        chunk: Chunk,
        customer_id: int,
        previous: list[str] | None,
    ) -> list[str]:
        """Append one customer with cars, visits and history; return its home.

        The home (last name, street, city, state, ZIP, phone) is what the next
        customer shares when the two form a household.
        """
        random_ = rng.random
        locale = self.locale
        summary = self.summary
        if previous is not None and random_() < HOUSEHOLD_SHARE:
            home = previous
            summary.household_members += 1
        else:
            home = self._home(rng)
        last_name, street, city, state, zip_code, phone = home
        first_name = (
            locale.female_first if random_() < 0.5 else locale.male_first
        ).pick(rng)

        birth = rng.between(self.oldest_birth, self.youngest_birth)
        # Nobody becomes a customer before 16, the age of a first licence.
        longest = min(MAX_TENURE_DAYS, self.today - birth - 16 * 365)
        since = self.today - rng.between(MIN_TENURE_DAYS, max(MIN_TENURE_DAYS, longest))

        kind = CUSTOMER_TYPES.pick(rng)
        summary.count("customer_type", kind)
        contact = CONTACTS.pick(rng)
        summary.count("preferred_contact", contact)
        email = NULL
        if contact == "email" or random_() < 0.85:
            number = "" if random_() < 0.5 else str(rng.between(1, 99))
            domain = catalog.EMAIL_DOMAINS[rng.below(3)]
            email = f"{email_part(first_name)}.{email_part(last_name)}{number}@{domain}"
        referral = rng.pick(catalog.REFERRAL_SOURCES) if kind == "referral" else NULL
        advisers = self.shop.advisers
        adviser = rng.pick(advisers) if kind == "fleet" or random_() < 0.3 else NULL
        part_of_day = PARTS_OF_DAY.pick(rng)
        notes = NULL
        if kind == "fleet":
            suffix = rng.pick(catalog.FLEET_SUFFIXES)
            notes = f"Fleet account: {last_name} {suffix}; invoice monthly"
        elif random_() < 0.06:
            notes = rng.pick(catalog.CUSTOMER_NOTES)
        contact_day = rng.between(since, self.today - 1)
        last_contact = (
            f"{self.iso[contact_day]} {rng.between(13, 23)}:{rng.below(60):02d}:00+00"
        )
        chunk.customers.append(
            f"{customer_id}\t{first_name}\t{last_name}\t{phone}\t{email}\t{contact}\t"
            f"{'es' if random_() < 0.08 else 'en'}\t{self.iso[birth]}\t{street}\t"
            f"{city}\t{state}\t{zip_code}\t{self.iso[since]}\t{kind}\t{referral}\t"
            f"{adviser}\t{_flag(random_() < 0.85)}\t{_flag(random_() < 0.4)}\t"
            f"{part_of_day}\t{last_contact}\t{notes}\t{self.iso[since]} 15:00:00+00\t"
            f"{last_contact}\n"
        )
        cars = self._vehicles(rng, chunk, customer_id, since, state)
        self._appointments(rng, chunk, customer_id, since, cars)
        self._finish_vehicles(rng, chunk, cars)
        return home

    def _home(self, rng: Draws) -> list[str]:
        locale = self.locale
        random_ = rng.random
        last_name = locale.last.pick(rng)
        base = locale.last if random_() < 0.5 else locale.male_first
        suffixes = locale.street_suffixes
        street = f"{rng.between(1, 9999)} {base.pick(rng)} {rng.pick(suffixes)}"
        if random_() < 0.12:
            street += f" {'Apt.' if random_() < 0.8 else 'Suite'} {rng.between(1, 999)}"
        prefixes, city_suffixes = locale.city_prefixes, locale.city_suffixes
        city_name = (
            locale.female_first.pick(rng) if random_() < 0.5 else locale.last.pick(rng)
        )
        city = (
            f"{rng.pick(prefixes)} {city_name}"
            if random_() < 0.3
            else f"{city_name}{rng.pick(city_suffixes)}"
        )
        state = self.states.pick(rng)
        low, high = locale.zip_ranges[state]
        zip_code = f"{rng.between(low, high):05d}"
        phone = self.phones[self.phone_cursor % len(self.phones)]
        self.phone_cursor += 1
        return [last_name, street, city, state, zip_code, phone]

    # -- vehicles ----------------------------------------------------------

    def _vehicles(
        self,
        rng: Draws,
        chunk: Chunk,
        customer_id: int,
        since: int,
        state: str,
    ) -> list[Car]:
        """Draw the customer's cars; the row text is finished after the visits."""
        count = VEHICLE_COUNTS.pick(rng)
        self.summary.count("vehicles_per_customer", str(count))
        cars = []
        for position in range(count):
            cars.append(self._vehicle(rng, customer_id, since, state, position == 0))
        return cars

    def _vehicle(
        self, rng: Draws, customer_id: int, since: int, state: str, primary: bool
    ) -> Car:
        random_ = rng.random
        year = rng.between(2010, self.model_year)
        make = self.makes.pick(rng)
        models = self.models_by_year[make.name, year]
        model = rng.pick(models)
        trim = rng.pick(model.trims)
        vehicle_id = self.next_vehicle
        self.next_vehicle += 1
        vds = model.vds + "ABCDEFGHJ"[rng.below(9)]
        vin = make_vin(model.wmi, vds, year, vehicle_id)

        on_sale = date(year - 1, 9, 1).toordinal()
        in_service = min(on_sale + rng.below(365), self.today - 1)
        from_us = random_() < 0.5
        earliest = max(in_service, since) if from_us else in_service
        purchase = rng.between(earliest, self.today - 1)
        status = "active"
        if not primary:
            status = LATER_CAR_STATUSES.pick(rng)
        self.summary.count("vehicle_status", status)
        if from_us:
            self.summary.purchased_from_us += 1
        car = Car(
            id=vehicle_id,
            in_service=in_service,
            purchase=purchase,
            first_visit=max(purchase, since),
            annual_miles=rng.between(10_000, 15_000),
            active=status == "active",
            has_history=random_() < self.history_share,
        )
        letters = rng.pick(PLATE_LETTERS) + rng.pick(PLATE_LETTERS)
        plate = f"{letters} {rng.between(10000, 99999)}"
        color = self.colors.pick(rng)
        car.row_head = (
            f"{vehicle_id}\t{customer_id}\t{vin}\t{year}\t{make.name}\t{model.name}\t"
            f"{trim}\t{color}\t{plate}\t{state}\t"
        )
        car.row_tail = f"{_flag(primary)}\t{status}\t{self.iso[purchase]} 16:00:00+00\t"
        car.from_us = from_us
        return car

    def _finish_vehicles(self, rng: Draws, chunk: Chunk, cars: list[Car]) -> None:
        """Add legacy visits, write the history rows and the vehicle rows."""
        for car in cars:
            if car.has_history and not any(v.booking for v in car.visits):
                self._legacy_visits(rng, car, rng.between(1, 3))
            elif car.has_history and rng.random() < 0.3:
                self._legacy_visits(rng, car, 1)
            car.visits.sort(key=lambda visit: visit.ordinal)
            service_columns = self._history(rng, chunk, car)
            mileage_day = car.visits[-1].ordinal if car.visits else car.purchase
            mileage = f"{car.miles_on(mileage_day)}\t{self.iso[mileage_day]}\t"
            updated = f"{self.iso[mileage_day]} 16:00:00+00"
            chunk.vehicles.append(
                f"{car.row_head}{mileage}{self.iso[car.purchase]}\t"
                f"{_flag(car.from_us)}\t{service_columns}\t{car.row_tail}{updated}\n"
            )
            if car.visits:
                self.summary.vehicles_with_history += 1

    def _legacy_visits(self, rng: Draws, car: Car, count: int) -> None:
        """Visits from before the appointment book: history without a booking."""
        first = self.calendar.index_at_or_after(car.first_visit)
        if first >= self.today_index:
            return
        days = self.calendar.days
        for _ in range(count):
            day = days[rng.between(first, self.today_index - 1)]
            service = self._service(rng)
            low, high = service.cents
            car.visits.append(
                Visit(
                    day.ordinal,
                    service,
                    cost_cents=rng.between(low, high),
                    technician=rng.pick(self.technician_ids),
                )
            )

    def _service(self, rng: Draws) -> ServiceInfo:
        return self.service_mix.pick(rng)

    # -- service history ---------------------------------------------------

    def _history(self, rng: Draws, chunk: Chunk, car: Car) -> str:
        """Write one history row per visit; return the vehicle's service columns."""
        columns = f"{NULL}\t{NULL}\t{NULL}\t{NULL}"
        for visit in car.visits:
            columns = self._history_row(rng, chunk, car, visit)
        return columns

    def _history_row(self, rng: Draws, chunk: Chunk, car: Car, visit: Visit) -> str:
        service = visit.service
        mileage = car.miles_on(visit.ordinal)
        performed = [service.key]
        if service.key == "oil_change" and rng.random() < 0.3:
            performed.append("tire_rotation")
        if service.category != "inspection" and rng.random() < 0.4:
            performed.append("multi_point_inspection")
        parts = [part for key in performed for part in self.by_key[key].parts]
        follow = service if service.days or service.miles else self.follow_up
        due_day = self.iso[visit.ordinal + follow.days] if follow.days else NULL
        due_miles = str(mileage + follow.miles) if follow.miles else NULL
        history_id = self.next_history
        self.next_history += 1
        appointment = (
            NULL if visit.appointment_id is None else str(visit.appointment_id)
        )
        day = self.iso[visit.ordinal]
        chunk.service_history.append(
            f"{history_id}\t{car.id}\t{appointment}\t{day}\t{mileage}\t"
            f"{_json_list(performed)}\t{_json_list(parts)}\t{_money(visit.cost_cents)}\t"
            f"{visit.technician}\t{follow.key}\t{due_day}\t{due_miles}\t{NULL}\t"
            f"{day} 23:00:00+00\t{day} 23:00:00+00\n"
        )
        self.summary.service_history += 1
        return f"{day}\t{mileage}\t{due_miles}\t{due_day}"

    # -- appointments ------------------------------------------------------

    def _appointments(
        self,
        rng: Draws,
        chunk: Chunk,
        customer_id: int,
        since: int,
        cars: list[Car],
    ) -> None:
        if rng.random() >= self.appointment_share:
            return
        active = [car for car in cars if car.active]
        if not active:
            return
        count = APPOINTMENT_COUNTS.pick(rng)
        for _ in range(count):
            car = rng.pick(active)
            self._appointment(rng, chunk, customer_id, car)

    def _appointment(
        self, rng: Draws, chunk: Chunk, customer_id: int, car: Car
    ) -> None:
        status = APPOINTMENT_STATUSES.pick(rng)
        upcoming = status in ("scheduled", "confirmed") or (
            status == "cancelled" and rng.random() < 0.35
        )
        service = self._service(rng)
        calendar = self.calendar
        quanta = service.minutes // calendar.quantum
        if upcoming:
            first, last = self.upcoming_first, self.upcoming_last
        else:
            first = calendar.index_at_or_after(car.first_visit)
            last = self.today_index
        booking = calendar.book(rng, first, last, quanta, hold=status != "cancelled")
        if booking is None:
            self.summary.appointments_not_placed += 1
            return
        appointment_id = self.next_appointment
        self.next_appointment += 1
        self.summary.count("appointment_status", status)
        low, high = service.cents
        estimate = rng.between(low, high)
        actual = NULL
        if status == "completed":
            # From 10% under to 20% over the estimate.
            cents = round(estimate * rng.uniform(0.90, 1.20))
            actual = _money(cents)
            car.has_history = True
            car.visits.append(
                Visit(
                    booking.day.ordinal,
                    service,
                    booking,
                    appointment_id,
                    cents,
                    self.technician_ids[booking.technician],
                )
            )
        chunk.appointments.append(
            self._appointment_row(
                rng,
                appointment_id,
                customer_id,
                car,
                service,
                status,
                booking,
                _money(estimate),
                actual,
            )
        )

    def _clock(self, day: OpenDay, quanta: int) -> str:
        minutes = quanta * self.calendar.quantum
        return f"{day.iso} {minutes // 60:02d}:{minutes % 60:02d}:00{day.offset}"

    def _appointment_row(
        self,
        rng: Draws,
        appointment_id: int,
        customer_id: int,
        car: Car,
        service: ServiceInfo,
        status: str,
        booking: Booking,
        estimate: str,
        actual: str,
    ) -> str:
        random_ = rng.random
        day = booking.day
        start = self._clock(day, booking.start)
        end = self._clock(day, booking.end)
        upcoming = day.ordinal > self.today
        booked_on = (
            self.today - rng.between(1, 20)
            if upcoming
            else day.ordinal - rng.between(1, 21)
        )
        created = f"{self.iso[booked_on]} 15:{rng.below(60):02d}:00+00"
        updated = created
        concerns = catalog.CONCERNS.get(service.key)
        if concerns is None and random_() < 0.15:
            concerns = catalog.GENERAL_CONCERNS
        concern = rng.pick(concerns) if concerns else NULL
        recommended = "[]"
        if status == "completed" and random_() < 0.3:
            recommended = _json_list([self._service(rng).key])
        reason = cancelled_at = completed_at = NULL
        if status == "cancelled":
            reason = rng.pick(catalog.CANCELLATION_REASONS)
            cancelled_on = rng.between(booked_on, min(day.ordinal, self.today) - 1)
            cancelled_at = updated = (
                f"{self.iso[cancelled_on]} 19:{rng.below(60):02d}:00+00"
            )
        elif status == "completed":
            completed_at = updated = self._clock(day, booking.end + rng.below(3))
        confirmed = status in ("confirmed", "completed", "no_show") or (
            status == "cancelled" and random_() < 0.5
        )
        reminded = not upcoming or day.ordinal - self.today <= 1
        method = BOOKING_METHODS.pick(rng)
        self.summary.count("booking_method", method)
        advisers = self.shop.advisers
        booked_by = {
            "phone": rng.pick(advisers),
            "walk_in": rng.pick(advisers),
            "online": "customer (web)",
            "ai_voice": "voice agent",
        }[method]
        event = NULL if status == "cancelled" else f"evt_{rng.getrandbits(48):012x}"
        notes = rng.pick(catalog.APPOINTMENT_NOTES) if random_() < 0.1 else NULL
        return (
            f"{appointment_id}\t{customer_id}\t{car.id}\t{start}\t{end}\t{service.key}\t"
            f"{service.category}\t{status}\t{concern}\t{recommended}\t{estimate}\t"
            f"{actual}\t{reason}\t{cancelled_at}\t{_flag(confirmed)}\t{_flag(reminded)}\t"
            f"{completed_at}\t{self.technician_ids[booking.technician]}\t"
            f"{booking.bay + 1}\t{method}\t{booked_by}\t{NULL}\t{event}\t{notes}\t"
            f"{created}\t{updated}\n"
        )

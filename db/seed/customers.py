"""Customer rows: a household's home, the person, and how they like contact."""

from __future__ import annotations

from dataclasses import dataclass

from db.seed import catalog
from db.seed.context import MAX_TENURE_DAYS, MIN_TENURE_DAYS, SeedContext
from db.seed.draws import Draws, Weighted
from db.seed.names import email_part
from db.seed.rows import NULL, Chunk, flag

HOUSEHOLD_SHARE = 0.03
CUSTOMER_TYPES = Weighted({"retail": 85, "fleet": 5, "referral": 10})
CONTACTS = Weighted({"phone": 70, "email": 20, "sms": 10})
PARTS_OF_DAY = Weighted({"morning": 45, "afternoon": 35, "evening": 10, NULL: 10})


@dataclass(frozen=True)
class Home:
    """What the next customer shares when the two form a household."""

    last_name: str
    street: str
    city: str
    state: str
    zip_code: str
    phone: str


@dataclass(frozen=True)
class Customer:
    id: int
    home: Home
    since: int  # date ordinal of customer_since


@dataclass(frozen=True)
class Profile:
    """The columns of a customer that say who they are to the shop."""

    kind: str
    contact: str
    email: str
    referral: str
    adviser: str
    part_of_day: str
    notes: str


def write_customer(
    ctx: SeedContext, rng: Draws, chunk: Chunk, customer_id: int, previous: Home | None
) -> Customer:
    """Append one customer row; return what their cars and the next customer need."""
    home = _household_home(ctx, rng, previous)
    locale = ctx.locale
    names = locale.female_first if rng.random() < 0.5 else locale.male_first
    first_name = names.pick(rng)
    birth, since = _birth_and_since(ctx, rng)
    profile = _profile(ctx, rng, first_name, home.last_name)
    contact_day = rng.between(since, ctx.today - 1)
    hour, minute = rng.between(13, 23), rng.below(60)
    last_contact = f"{ctx.iso[contact_day]} {hour}:{minute:02d}:00+00"
    chunk.customers.append(
        _row(
            ctx, rng, customer_id, first_name, home, profile, birth, since, last_contact
        )
    )
    return Customer(customer_id, home, since)


def _household_home(ctx: SeedContext, rng: Draws, previous: Home | None) -> Home:
    if previous is not None and rng.random() < HOUSEHOLD_SHARE:
        ctx.summary.household_members += 1
        return previous
    return _home(ctx, rng)


def _home(ctx: SeedContext, rng: Draws) -> Home:
    locale = ctx.locale
    last_name = locale.last.pick(rng)
    street = _street(ctx, rng)
    city = _city(ctx, rng)
    state = ctx.states.pick(rng)
    low, high = locale.zip_ranges[state]
    zip_code = f"{rng.between(low, high):05d}"
    return Home(last_name, street, city, state, zip_code, ctx.take_phone())


def _street(ctx: SeedContext, rng: Draws) -> str:
    locale = ctx.locale
    base = locale.last if rng.random() < 0.5 else locale.male_first
    street = (
        f"{rng.between(1, 9999)} {base.pick(rng)} {rng.pick(locale.street_suffixes)}"
    )
    if rng.random() < 0.12:
        unit = "Apt." if rng.random() < 0.8 else "Suite"
        street += f" {unit} {rng.between(1, 999)}"
    return street


def _city(ctx: SeedContext, rng: Draws) -> str:
    locale = ctx.locale
    names = locale.female_first if rng.random() < 0.5 else locale.last
    name = names.pick(rng)
    if rng.random() < 0.3:
        return f"{rng.pick(locale.city_prefixes)} {name}"
    return f"{name}{rng.pick(locale.city_suffixes)}"


def _birth_and_since(ctx: SeedContext, rng: Draws) -> tuple[int, int]:
    birth = rng.between(ctx.oldest_birth, ctx.youngest_birth)
    # Nobody becomes a customer before 16, the age of a first licence.
    longest = min(MAX_TENURE_DAYS, ctx.today - birth - 16 * 365)
    since = ctx.today - rng.between(MIN_TENURE_DAYS, max(MIN_TENURE_DAYS, longest))
    return birth, since


def _profile(ctx: SeedContext, rng: Draws, first_name: str, last_name: str) -> Profile:
    kind = CUSTOMER_TYPES.pick(rng)
    ctx.summary.count("customer_type", kind)
    contact = CONTACTS.pick(rng)
    ctx.summary.count("preferred_contact", contact)
    email = NULL
    if contact == "email" or rng.random() < 0.85:
        email = _email(rng, first_name, last_name)
    referral = rng.pick(catalog.REFERRAL_SOURCES) if kind == "referral" else NULL
    advisers = ctx.shop.advisers
    adviser = rng.pick(advisers) if kind == "fleet" or rng.random() < 0.3 else NULL
    part_of_day = PARTS_OF_DAY.pick(rng)
    notes = _notes(rng, kind, last_name)
    return Profile(kind, contact, email, referral, adviser, part_of_day, notes)


def _email(rng: Draws, first_name: str, last_name: str) -> str:
    number = "" if rng.random() < 0.5 else str(rng.between(1, 99))
    domain = catalog.EMAIL_DOMAINS[rng.below(3)]
    return f"{email_part(first_name)}.{email_part(last_name)}{number}@{domain}"


def _notes(rng: Draws, kind: str, last_name: str) -> str:
    if kind == "fleet":
        suffix = rng.pick(catalog.FLEET_SUFFIXES)
        return f"Fleet account: {last_name} {suffix}; invoice monthly"
    if rng.random() < 0.06:
        return rng.pick(catalog.CUSTOMER_NOTES)
    return NULL


def _row(
    ctx: SeedContext,
    rng: Draws,
    customer_id: int,
    first_name: str,
    home: Home,
    profile: Profile,
    birth: int,
    since: int,
    last_contact: str,
) -> str:
    language = "es" if rng.random() < 0.08 else "en"
    reminders, promotions = flag(rng.random() < 0.85), flag(rng.random() < 0.4)
    p, iso = profile, ctx.iso
    return (
        f"{customer_id}\t{first_name}\t{home.last_name}\t{home.phone}\t{p.email}\t"
        f"{p.contact}\t{language}\t{iso[birth]}\t{home.street}\t{home.city}\t"
        f"{home.state}\t{home.zip_code}\t{iso[since]}\t{p.kind}\t{p.referral}\t"
        f"{p.adviser}\t{reminders}\t{promotions}\t{p.part_of_day}\t{last_contact}\t"
        f"{p.notes}\t{iso[since]} 15:00:00+00\t{last_contact}\n"
    )

"""The generated CRM: distributions, fictional contacts, VINs and the calendar.

Most tests read the default 10,000-customer CRM (``default_crm_url``), seeded
once per run with seed 42 as of ``AS_OF``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import asyncpg
import phonenumbers
import pytest
from vininfo import Vin

from db.databases import create_database, drop_database
from db.dealership import load_dealership
from db.errors import SeedRefused
from db.migrate import upgrade
from db.seed import seed_database
from db.seed.catalog import MAKES
from tests.conftest import AS_OF, unique_name


def fetch(url: str, query: str, *args: Any) -> list[asyncpg.Record]:
    async def run() -> list[asyncpg.Record]:
        connection = await asyncpg.connect(url)
        try:
            return list(await connection.fetch(query, *args))
        finally:
            await connection.close()

    return asyncio.run(run())


def value(url: str, query: str, *args: Any) -> Any:
    return fetch(url, query, *args)[0][0]


def shares(url: str, table: str, column: str) -> dict[str, float]:
    rows = fetch(
        url,
        f"SELECT {column}::text AS v, count(*)::float / sum(count(*)) OVER () AS s "
        f"FROM {table} GROUP BY 1",
    )
    return {row["v"]: row["s"] for row in rows}


def test_seed_writes_the_default_counts(default_crm_url: str) -> None:
    assert value(default_crm_url, "SELECT count(*) FROM customers") == 10_000
    vehicles = value(default_crm_url, "SELECT count(*) FROM vehicles")
    assert 14_000 <= vehicles <= 15_000  # 1.45 a customer
    customers_booking = value(
        default_crm_url, "SELECT count(DISTINCT customer_id) FROM appointments"
    )
    assert 0.45 <= customers_booking / 10_000 <= 0.52


def test_seed_customer_mix_matches_the_issue(default_crm_url: str) -> None:
    kinds = shares(default_crm_url, "customers", "customer_type")
    assert kinds["retail"] == pytest.approx(0.85, abs=0.015)
    assert kinds["fleet"] == pytest.approx(0.05, abs=0.01)
    assert kinds["referral"] == pytest.approx(0.10, abs=0.01)
    contact = shares(default_crm_url, "customers", "preferred_contact")
    assert contact["phone"] == pytest.approx(0.70, abs=0.015)
    assert contact["email"] == pytest.approx(0.20, abs=0.015)
    assert contact["sms"] == pytest.approx(0.10, abs=0.01)
    mismatched = value(
        default_crm_url,
        "SELECT count(*) FROM customers "
        "WHERE (customer_type = 'referral') <> (referral_source IS NOT NULL)",
    )
    assert mismatched == 0


def test_seed_ages_and_tenure_lie_in_range(default_crm_url: str) -> None:
    row = fetch(
        default_crm_url,
        "SELECT min(date_part('year', age($1, date_of_birth))) AS youngest, "
        "max(date_part('year', age($1, date_of_birth))) AS oldest, "
        "min($1::date - customer_since) AS shortest, "
        "max($1::date - customer_since) AS longest "
        "FROM customers",
        AS_OF,
    )[0]
    assert (row["youngest"], row["oldest"]) == (18, 75)
    assert row["shortest"] >= 182
    assert row["longest"] <= 5 * 366


def test_seed_vehicle_mix_matches_the_issue(default_crm_url: str) -> None:
    per_customer = fetch(
        default_crm_url,
        "SELECT n, count(*)::float / sum(count(*)) OVER () AS s FROM "
        "(SELECT count(*) AS n FROM vehicles GROUP BY customer_id) c GROUP BY n",
    )
    mix = {row["n"]: row["s"] for row in per_customer}
    assert mix[1] == pytest.approx(0.65, abs=0.02)
    assert mix[2] == pytest.approx(0.25, abs=0.02)
    assert mix[3] == pytest.approx(0.10, abs=0.015)
    assert shares(default_crm_url, "vehicles", "purchased_from_us")[
        "true"
    ] == pytest.approx(0.5, abs=0.02)
    status = shares(default_crm_url, "vehicles", "status")
    assert 0.01 <= status["sold"] + status["totaled"] <= 0.08
    with_history = value(
        default_crm_url,
        "SELECT avg((EXISTS (SELECT 1 FROM service_history h "
        "WHERE h.vehicle_id = v.id))::int) FROM vehicles v",
    )
    assert float(with_history) == pytest.approx(0.60, abs=0.04)


def test_seed_first_vehicle_is_the_only_primary(default_crm_url: str) -> None:
    wrong = value(
        default_crm_url,
        "SELECT count(*) FROM vehicles v WHERE is_primary <> (id = "
        "(SELECT min(id) FROM vehicles w WHERE w.customer_id = v.customer_id))",
    )
    assert wrong == 0


def test_seed_years_and_mileage_follow_the_car_age(default_crm_url: str) -> None:
    row = fetch(
        default_crm_url,
        "SELECT min(year) AS first, max(year) AS last FROM vehicles",
    )[0]
    assert (row["first"], row["last"]) == (2010, 2027)
    # 10,000 to 15,000 miles a year since the car went into service, which is
    # within a year after its model year went on sale (1 September before).
    rows = fetch(
        default_crm_url,
        "SELECT current_mileage AS miles, "
        "mileage_updated_on - make_date(year - 1, 9, 1) AS days FROM vehicles",
    )
    for row in rows:
        miles, days = row["miles"], row["days"]
        assert miles <= 15_000 * days / 365 + 1, row
        assert miles >= 10_000 * (days - 365) / 365 - 1, row


def test_seed_vins_carry_wmi_year_code_and_check_digit(default_crm_url: str) -> None:
    wmis = {make.name: {model.wmi for model in make.models} for make in MAKES}
    rows = fetch(default_crm_url, "SELECT vin, make, year FROM vehicles")
    for row in rows:
        vin = row["vin"]
        assert len(vin) == 17 and not set(vin) & set("IOQ"), vin
        assert vin[:3] in wmis[row["make"]], vin
        assert vin[9] == year_code(row["year"]), vin
        assert Vin(vin).verify_checksum(), vin
        assert row["year"] in Vin(vin).years, vin
    assert len({row["vin"] for row in rows}) == len(rows)


def year_code(year: int) -> str:
    return "ABCDEFGHJKLMNPRSTVWXY123456789"[(year - 2010) % 30]


def test_seed_phones_are_valid_fictional_us_numbers(default_crm_url: str) -> None:
    phones = [row[0] for row in fetch(default_crm_url, "SELECT phone FROM customers")]
    for phone in phones:
        number = phonenumbers.parse(phone)
        assert phonenumbers.is_valid_number(number), phone
        assert phonenumbers.region_code_for_number(number) == "US", phone
        assert phone[5:8] == "555" and 100 <= int(phone[8:]) <= 199, phone
    shared = len(phones) - len(set(phones))
    assert 0.01 <= shared / len(phones) <= 0.06  # households


def test_seed_emails_use_reserved_example_domains(default_crm_url: str) -> None:
    domains = fetch(
        default_crm_url,
        "SELECT DISTINCT split_part(email, '@', 2) FROM customers "
        "WHERE email IS NOT NULL",
    )
    assert {row[0] for row in domains} <= {"example.com", "example.net", "example.org"}
    missing = value(
        default_crm_url,
        "SELECT count(*) FROM customers WHERE preferred_contact = 'email' "
        "AND email IS NULL",
    )
    assert missing == 0


def test_seed_appointment_mix_matches_the_issue(default_crm_url: str) -> None:
    status = shares(default_crm_url, "appointments", "status")
    assert status["completed"] == pytest.approx(0.70, abs=0.03)
    assert status["scheduled"] + status["confirmed"] == pytest.approx(0.15, abs=0.02)
    assert status["cancelled"] + status["no_show"] == pytest.approx(0.15, abs=0.02)
    methods = shares(default_crm_url, "appointments", "booking_method")
    assert set(methods) == {"phone", "online", "walk_in", "ai_voice"}
    when = fetch(
        default_crm_url,
        "SELECT status, bool_and(start_at::date > $1) AS future, "
        "bool_and(start_at::date < $1) AS past FROM appointments GROUP BY status",
        AS_OF,
    )
    by_status = {row["status"]: row for row in when}
    assert by_status["scheduled"]["future"] and by_status["confirmed"]["future"]
    assert by_status["completed"]["past"] and by_status["no_show"]["past"]


def test_seed_appointments_lie_inside_opening_hours(default_crm_url: str) -> None:
    shop = load_dealership()
    technicians = {technician.id for technician in shop.technicians}
    rows = fetch(
        default_crm_url,
        "SELECT start_at, end_at, technician, service_bay FROM appointments",
    )
    for row in rows:
        start, end = (
            row["start_at"].astimezone(shop.tz),
            row["end_at"].astimezone(shop.tz),
        )
        hours = shop.hours_on(start.date())
        assert hours is not None, start
        assert hours[0] <= start.time() and end.time() <= hours[1], (start, end)
        assert end.date() == start.date()
        assert row["technician"] in technicians
        assert 1 <= row["service_bay"] <= shop.bays


@pytest.mark.parametrize("resource", ["service_bay", "technician"])
def test_seed_appointments_never_overlap(default_crm_url: str, resource: str) -> None:
    overlaps = value(
        default_crm_url,
        f"SELECT count(*) FROM (SELECT start_at, lag(end_at) OVER "
        f"(PARTITION BY {resource} ORDER BY start_at) AS previous_end "
        f"FROM appointments WHERE status <> 'cancelled') a "
        f"WHERE previous_end > start_at",
    )
    assert overlaps == 0


def test_seed_costs_follow_the_catalog(default_crm_url: str) -> None:
    shop = load_dealership()
    rows = fetch(
        default_crm_url,
        "SELECT service_type, service_category, estimated_cost, actual_cost, status "
        "FROM appointments",
    )
    for row in rows:
        service = shop.services[row["service_type"]]
        low, high = service.price
        assert row["service_category"] == service.category.value
        assert low <= row["estimated_cost"] <= high, row
        if row["status"] != "completed":
            assert row["actual_cost"] is None
            continue
        estimate = row["estimated_cost"]
        assert estimate * Decimal("0.9") - Decimal("0.01") <= row["actual_cost"]
        assert row["actual_cost"] <= estimate * Decimal("1.2") + Decimal("0.01")


def test_seed_history_follows_each_completed_visit(default_crm_url: str) -> None:
    unmatched = value(
        default_crm_url,
        "SELECT count(*) FROM appointments a LEFT JOIN service_history h "
        "ON h.appointment_id = a.id WHERE a.status = 'completed' AND "
        "(h.id IS NULL OR h.service_date <> (a.start_at AT TIME ZONE $1)::date "
        "OR h.total_cost <> a.actual_cost OR h.vehicle_id <> a.vehicle_id)",
        load_dealership().time_zone,
    )
    assert unmatched == 0
    shop = load_dealership()
    rows = fetch(
        default_crm_url,
        "SELECT services_performed, parts_replaced, next_service_type "
        "FROM service_history LIMIT 2000",
    )
    for row in rows:
        performed = json.loads(row["services_performed"])
        parts = json.loads(row["parts_replaced"])
        expected = [part for key in performed for part in shop.services[key].parts]
        assert parts == expected
        assert row["next_service_type"] in shop.services


def test_seed_vehicles_carry_their_last_visit(default_crm_url: str) -> None:
    wrong = value(
        default_crm_url,
        "SELECT count(*) FROM vehicles v LEFT JOIN LATERAL (SELECT service_date, "
        "mileage, next_service_due_date FROM service_history h "
        "WHERE h.vehicle_id = v.id ORDER BY service_date DESC, id DESC LIMIT 1) h "
        "ON true WHERE v.last_service_date IS DISTINCT FROM h.service_date "
        "OR v.last_service_mileage IS DISTINCT FROM h.mileage "
        "OR v.next_service_due_date IS DISTINCT FROM h.next_service_due_date",
    )
    assert wrong == 0


def test_seed_records_seed_and_reference_date(default_crm_url: str) -> None:
    row = fetch(default_crm_url, "SELECT seed, customers, as_of FROM seed_runs")
    assert [tuple(r) for r in row] == [(42, 10_000, AS_OF)]
    next_id = value(default_crm_url, "SELECT nextval('customers_id_seq')")
    assert next_id == 10_001


@pytest.fixture
def scratch_url(server_url: str) -> Iterator[str]:
    name = unique_name("scratch")
    url = asyncio.run(create_database(server_url, name))
    upgrade(url)
    yield url
    asyncio.run(drop_database(server_url, name))


DIGEST = """
SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
    SELECT (SELECT string_agg(c::text, '|' ORDER BY id) FROM customers c) AS t
    UNION ALL SELECT (SELECT string_agg(v::text, '|' ORDER BY id) FROM vehicles v)
    UNION ALL SELECT (SELECT string_agg(a::text, '|' ORDER BY id) FROM appointments a)
    UNION ALL SELECT (SELECT string_agg(h::text, '|' ORDER BY id)
                      FROM service_history h)
) tables
"""


def test_seed_same_seed_and_date_give_identical_rows(scratch_url: str) -> None:
    # Over one chunk, so the forked producer path is the one compared.
    customers = 6_000
    seed_database(scratch_url, customers=customers, seed=7, as_of=AS_OF)
    first = value(scratch_url, DIGEST)
    seed_database(scratch_url, customers=customers, seed=7, as_of=AS_OF, reset=True)
    assert value(scratch_url, DIGEST) == first
    seed_database(scratch_url, customers=customers, seed=8, as_of=AS_OF, reset=True)
    assert value(scratch_url, DIGEST) != first
    later = AS_OF + timedelta(days=1)
    seed_database(scratch_url, customers=customers, seed=7, as_of=later, reset=True)
    assert value(scratch_url, DIGEST) != first


def test_seed_refuses_a_database_with_data(scratch_url: str) -> None:
    seed_database(scratch_url, customers=50, seed=1, as_of=AS_OF)
    with pytest.raises(SeedRefused, match="--reset"):
        seed_database(scratch_url, customers=60, seed=2, as_of=AS_OF)
    assert value(scratch_url, "SELECT count(*) FROM customers") == 50


def test_seed_reset_replaces_everything(scratch_url: str) -> None:
    seed_database(scratch_url, customers=50, seed=1, as_of=AS_OF)
    summary = seed_database(scratch_url, customers=30, seed=2, as_of=AS_OF, reset=True)
    assert value(scratch_url, "SELECT count(*) FROM customers") == 30
    assert value(scratch_url, "SELECT min(id) FROM customers") == 1
    assert value(scratch_url, "SELECT count(*) FROM seed_runs") == 1
    assert summary.customers == 30
    rendered = summary.render()
    assert "Seeded 30 customers" in rendered
    assert "customer type" in rendered and "booking method" in rendered


def test_seed_as_of_defaults_to_today_at_the_dealership(scratch_url: str) -> None:
    summary = seed_database(scratch_url, customers=20, seed=3)
    assert summary.as_of == load_dealership().now().date()
    assert value(scratch_url, "SELECT as_of FROM seed_runs") == summary.as_of
    assert isinstance(summary.as_of, date)

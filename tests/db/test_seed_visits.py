"""A vehicle's visits in the generated CRM read like a real car's history.

All tests read the default 10,000-customer CRM (``default_crm_url``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from itertools import pairwise

from db.dealership import load_dealership
from tests.db.test_seed import fetch, value

MIN_VISIT_GAP_DAYS = 60
REPEAT_SHARE = 0.6


def visits_by_vehicle(url: str) -> dict[int, list[tuple[date, int, list[str]]]]:
    rows = fetch(
        url,
        "SELECT vehicle_id, service_date, mileage, services_performed "
        "FROM service_history ORDER BY vehicle_id, service_date, id",
    )
    visits: dict[int, list[tuple[date, int, list[str]]]] = defaultdict(list)
    for row in rows:
        keys = json.loads(row["services_performed"])
        visits[row["vehicle_id"]].append((row["service_date"], row["mileage"], keys))
    return visits


def test_seed_never_repeats_a_service_within_30_days(default_crm_url: str) -> None:
    repeats = value(
        default_crm_url,
        "SELECT count(*) FROM service_history a JOIN service_history b "
        "ON a.vehicle_id = b.vehicle_id AND a.id < b.id "
        "AND abs(a.service_date - b.service_date) < 30 "
        "AND a.services_performed::jsonb ?| "
        "ARRAY(SELECT jsonb_array_elements_text(b.services_performed::jsonb))",
    )
    assert repeats == 0


def test_seed_visits_of_a_vehicle_are_two_months_apart(default_crm_url: str) -> None:
    close = value(
        default_crm_url,
        "SELECT count(*) FROM (SELECT service_date - lag(service_date) OVER "
        "(PARTITION BY vehicle_id ORDER BY service_date) AS gap "
        "FROM service_history) h WHERE gap < $1",
        MIN_VISIT_GAP_DAYS,
    )
    assert close == 0


def test_seed_services_repeat_after_a_share_of_their_interval(
    default_crm_url: str,
) -> None:
    shop = load_dealership()
    checked = 0
    for visits in visits_by_vehicle(default_crm_url).values():
        last: dict[str, tuple[date, int]] = {}
        for day, miles, performed in visits:
            for key in performed:
                interval = shop.services[key].interval
                if key in last and interval is not None:
                    before_day, before_miles = last[key]
                    months_ok = (
                        interval.months is not None
                        and (day - before_day).days
                        >= REPEAT_SHARE * interval.months * 30.4 - 1
                    )
                    miles_ok = interval.miles is not None and (
                        miles - before_miles >= REPEAT_SHARE * interval.miles - 50
                    )
                    assert months_ok or miles_ok, (key, last[key], day, miles)
                    checked += 1
                last[key] = (day, miles)
    assert checked > 500


def test_seed_mileage_grows_with_each_visit(default_crm_url: str) -> None:
    for vehicle, visits in visits_by_vehicle(default_crm_url).items():
        for (day, miles, _), (later, later_miles, _) in pairwise(visits):
            per_year = (later_miles - miles) * 365 / (later - day).days
            assert 9_900 <= per_year <= 15_100, (vehicle, day, miles, later)


def test_seed_mileage_at_purchase_fits_the_car_age(default_crm_url: str) -> None:
    rows = fetch(
        default_crm_url,
        "SELECT v.id, v.year, v.purchase_date, h.service_date, h.mileage "
        "FROM vehicles v JOIN LATERAL (SELECT service_date, mileage "
        "FROM service_history WHERE vehicle_id = v.id "
        "ORDER BY service_date LIMIT 1) h ON true",
    )
    for row in rows:
        on_sale = date(row["year"] - 1, 9, 1)
        since_purchase = (row["service_date"] - row["purchase_date"]).days
        at_purchase = row["mileage"] - 15_000 * since_purchase / 365
        age = (row["purchase_date"] - on_sale).days
        # A car is sold used only after a year on the road: younger, it is new.
        limit = 15_000 * age / 365 + 1 if age >= 365 else 1
        assert at_purchase <= limit, dict(row)


def test_seed_new_cars_are_bought_at_zero_miles(default_crm_url: str) -> None:
    wrong = value(
        default_crm_url,
        "SELECT count(*) FROM vehicles WHERE "
        "purchase_date - make_date(year - 1, 9, 1) < 365 "
        "AND mileage_updated_on = purchase_date AND current_mileage <> 0",
    )
    assert wrong == 0


def test_seed_vehicle_mileage_and_due_follow_the_latest_visit(
    default_crm_url: str,
) -> None:
    wrong = value(
        default_crm_url,
        "SELECT count(*) FROM vehicles v JOIN LATERAL (SELECT * FROM "
        "service_history h WHERE h.vehicle_id = v.id "
        "ORDER BY service_date DESC LIMIT 1) h ON true "
        "WHERE v.current_mileage <> h.mileage "
        "OR v.mileage_updated_on <> h.service_date "
        "OR v.next_service_due_mileage IS DISTINCT FROM h.next_service_due_mileage "
        "OR v.next_service_due_date IS DISTINCT FROM h.next_service_due_date",
    )
    assert wrong == 0

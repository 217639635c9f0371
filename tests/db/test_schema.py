"""The constraints the database itself enforces, whatever the application does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import pytest

CHICAGO = ZoneInfo("America/Chicago")
START = datetime(2027, 1, 12, 9, 0, tzinfo=CHICAGO)  # a Tuesday in winter


@pytest.fixture
async def connection(migrated_url: str) -> AsyncIterator[asyncpg.Connection]:
    """A transaction on the run's empty database with one customer and car.

    Rolled back afterwards, so every test starts from the same two rows.
    """
    connection = await asyncpg.connect(migrated_url)
    transaction = connection.transaction()
    await transaction.start()
    await connection.execute(
        """
        INSERT INTO customers (id, first_name, last_name, phone, preferred_contact,
            preferred_language, date_of_birth, street_address, city, state, zip_code,
            customer_since, customer_type, receive_reminders, receive_promotions)
        VALUES (1, 'Ada', 'Stone', '+13125550142', 'phone', 'en', '1980-04-02',
            '12 Elm Street', 'Chicago', 'IL', '60607', '2022-01-01', 'retail',
            true, false);
        INSERT INTO vehicles (id, customer_id, vin, year, make, model,
            current_mileage, purchased_from_us, is_primary, status)
        VALUES (1, 1, '1HGCV1F27JA395062', 2018, 'Honda', 'Accord', 40000, true,
            true, 'active');
        """
    )
    yield connection
    await transaction.rollback()
    await connection.close()


async def book(
    connection: asyncpg.Connection,
    *,
    start: datetime = START,
    minutes: int = 60,
    bay: int = 1,
    technician: str = "T1",
    status: str = "scheduled",
) -> Any:
    return await connection.fetchval(
        """
        INSERT INTO appointments (customer_id, vehicle_id, start_at, end_at,
            service_type, service_category, status, confirmation_sent,
            reminder_sent, technician, service_bay, booking_method)
        VALUES (1, 1, $1, $2, 'oil_change', 'maintenance', $3, false, false, $4,
            $5, 'phone')
        RETURNING id
        """,
        start,
        start + timedelta(minutes=minutes),
        status,
        technician,
        bay,
    )


async def test_appointments_refuse_an_overlap_on_one_bay(
    connection: asyncpg.Connection,
) -> None:
    await book(connection, bay=3, technician="T1")
    with pytest.raises(asyncpg.ExclusionViolationError):
        await book(
            connection, start=START + timedelta(minutes=30), bay=3, technician="T2"
        )


async def test_appointments_refuse_an_overlap_for_one_technician(
    connection: asyncpg.Connection,
) -> None:
    await book(connection, bay=1, technician="T4")
    with pytest.raises(asyncpg.ExclusionViolationError):
        await book(
            connection, start=START + timedelta(minutes=59), bay=2, technician="T4"
        )


async def test_appointments_allow_back_to_back_and_over_a_cancelled_one(
    connection: asyncpg.Connection,
) -> None:
    await book(connection, status="cancelled")
    await book(connection)  # same bay, technician and time as the cancelled one
    await book(connection, start=START + timedelta(minutes=60))  # starts at the end
    assert await connection.fetchval("SELECT count(*) FROM appointments") == 3


async def test_appointments_store_nine_in_chicago_winter_as_fifteen_utc(
    connection: asyncpg.Connection,
) -> None:
    appointment = await book(connection)
    stored = await connection.fetchval(
        "SELECT start_at FROM appointments WHERE id = $1", appointment
    )
    assert stored == datetime(2027, 1, 12, 15, 0, tzinfo=UTC)
    assert stored.astimezone(CHICAGO).hour == 9
    utc_text = await connection.fetchval(
        "SELECT to_char(start_at AT TIME ZONE 'UTC', 'HH24:MI') FROM appointments"
    )
    assert utc_text == "15:00"


@pytest.mark.parametrize(
    ("statement", "error"),
    [
        (
            "UPDATE customers SET customer_type = 'vip'",
            asyncpg.CheckViolationError,
        ),
        (
            "UPDATE customers SET referral_source = 'Yelp'",  # retail customer
            asyncpg.CheckViolationError,
        ),
        ("UPDATE customers SET phone = '312-555-0142'", asyncpg.CheckViolationError),
        ("UPDATE vehicles SET status = 'stolen'", asyncpg.CheckViolationError),
        ("UPDATE vehicles SET vin = 'SHORT'", asyncpg.CheckViolationError),
        ("UPDATE vehicles SET customer_id = 99", asyncpg.ForeignKeyViolationError),
    ],
)
async def test_schema_refuses_a_value_outside_its_rules(
    connection: asyncpg.Connection, statement: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        await connection.execute(statement)


async def test_appointments_refuse_an_unknown_status(
    connection: asyncpg.Connection,
) -> None:
    with pytest.raises(asyncpg.CheckViolationError):
        await book(connection, status="maybe")


async def test_appointments_refuse_a_car_of_another_customer(
    connection: asyncpg.Connection,
) -> None:
    await connection.execute(
        """
        INSERT INTO customers (id, first_name, last_name, phone, preferred_contact,
            preferred_language, date_of_birth, street_address, city, state, zip_code,
            customer_since, customer_type, receive_reminders, receive_promotions)
        VALUES (2, 'Bo', 'Lee', '+13125550143', 'sms', 'en', $1, '3 Oak Ave',
            'Chicago', 'IL', '60601', '2023-05-01', 'retail', true, false)
        """,
        date(1990, 1, 1),
    )
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await connection.execute(
            """
            INSERT INTO appointments (customer_id, vehicle_id, start_at, end_at,
                service_type, service_category, status, confirmation_sent,
                reminder_sent, technician, service_bay, booking_method)
            VALUES (2, 1, $1, $2, 'oil_change', 'maintenance', 'scheduled', false,
                false, 'T1', 1, 'phone')
            """,
            START,
            START + timedelta(hours=1),
        )

"""Fifty verified callers book one start through two server processes at once."""

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import asyncpg
import httpx
import pytest

from db.dealership import load_dealership
from tests.agent_tools.conftest import Known, fetch
from tests.agent_tools.test_booking import OVERLAPS

CALLERS = 50


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def two_servers(crm: tuple[str, Known]) -> Iterator[list[str]]:
    env = {**os.environ, "DATABASE_URL": crm[0], "AGENT_TOOLS_LOG_LEVEL": "WARNING"}
    env.pop("AGENT_TOOLS_API_KEY", None)
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "agent_tools", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_until_up(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(15)


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start")


def open_day() -> date:
    dealership = load_dealership()
    day = datetime.now(dealership.tz).date() + timedelta(days=2)
    while dealership.hours_on(day) is None or day.weekday() == 5:
        day += timedelta(days=1)
    return day


async def add_customers(url: str) -> list[tuple[int, int]]:
    connection = await asyncpg.connect(url)
    pairs = []
    try:
        for n in range(CALLERS):
            customer = await connection.fetchval(
                "INSERT INTO customers (first_name, last_name, phone, "
                "date_of_birth, street_address, city, state, zip_code, "
                "customer_since, preferred_contact, customer_type, "
                "preferred_language, receive_reminders, receive_promotions) "
                "VALUES ('Caller', $1, '+13125550100', '1980-01-01', '1 Main St', "
                "'Chicago', 'IL', '60601', '2020-01-01', 'phone', 'retail', 'en', "
                "true, false) RETURNING id",
                f"Number{n}",
            )
            vehicle = await connection.fetchval(
                "INSERT INTO vehicles (customer_id, vin, year, make, model, "
                "current_mileage, purchased_from_us, is_primary, status) "
                "VALUES ($1, $2, 2020, 'Toyota', 'Corolla', 20000, false, true, "
                "'active') RETURNING id",
                customer,
                f"TESTVIN{n:010d}",
            )
            pairs.append((customer, vehicle))
    finally:
        await connection.close()
    return pairs


async def book_all(
    urls: list[str], pairs: list[tuple[int, int]], start: str
) -> list[dict]:
    async with httpx.AsyncClient(timeout=30) as client:

        async def one(n: int, customer: int, vehicle: int) -> dict:
            url, headers = urls[n % 2], {"X-Call-Id": f"many-{n}"}
            verified = await client.post(
                f"{url}/tools/verify_identity",
                headers=headers,
                json={
                    "customer_id": customer,
                    "date_of_birth": "1980-01-01",
                    "street_address": None,
                    "zip_code": None,
                },
            )
            assert verified.json()["data"]["verified"], verified.text
            return {
                "headers": headers,
                "url": url,
                "customer": customer,
                "vehicle": vehicle,
            }

        calls = await asyncio.gather(*(one(n, *pair) for n, pair in enumerate(pairs)))
        answers = await asyncio.gather(
            *(
                client.post(
                    f"{call['url']}/tools/book_appointment",
                    headers=call["headers"],
                    json={
                        "customer_id": call["customer"],
                        "vehicle_id": call["vehicle"],
                        "service_type": "oil_change",
                        "start": start,
                        "customer_concerns": None,
                    },
                )
                for call in calls
            )
        )
    return [answer.json() for answer in answers]


async def test_fifty_callers_book_one_start_from_two_processes(
    crm: tuple[str, Known], two_servers: list[str]
) -> None:
    dealership = load_dealership()
    pairs = await add_customers(crm[0])
    start = datetime.combine(
        open_day(), datetime.min.time().replace(hour=10), tzinfo=dealership.tz
    )

    answers = await book_all(two_servers, pairs, start.isoformat())

    codes = ["ok" if a["ok"] else a["error"]["code"] for a in answers]
    free_pairs = min(dealership.bays, len(dealership.technicians))
    assert codes.count("ok") == free_pairs
    assert codes.count("slot_unavailable") == CALLERS - free_pairs
    overlaps = await fetch(crm[0], OVERLAPS)
    assert overlaps[0][0] == 0
    booked = await fetch(
        crm[0], "SELECT count(*) FROM appointments WHERE start_at = $1", start
    )
    assert booked[0][0] == free_pairs

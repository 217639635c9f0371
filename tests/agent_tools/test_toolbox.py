"""The dispatcher under a stalled database and a burst of calls."""

import asyncio
import time

import asyncpg

from agent_tools.database import Database
from agent_tools.toolbox import Toolbox
from db.settings import DatabaseSettings
from tests.agent_tools.conftest import NOW, Caller


async def test_a_stalled_database_answers_timeout_within_the_deadline(crm) -> None:
    database = Database.from_url(crm[0], statement_timeout_ms=900)
    box = Toolbox(database, clock=lambda: NOW, deadline=1.0)
    blocker = await asyncpg.connect(crm[0])
    transaction = blocker.transaction()
    await transaction.start()
    await blocker.execute("LOCK TABLE appointments IN ACCESS EXCLUSIVE MODE")
    try:
        started = time.monotonic()
        answer = await Caller(box, "stall", None)(
            "find_open_slots",
            service_type="oil_change",
            date_from=None,
            date_to=None,
            part_of_day=None,
            limit=None,
        )
        elapsed = time.monotonic() - started
    finally:
        await transaction.rollback()
        await blocker.close()

    assert answer["error"]["code"] == "timeout"
    assert "try the same request again" in answer["error"]["message"]
    assert elapsed < 1.8
    assert database.pool_status()["checked_out"] == 0
    await database.close()


async def test_a_burst_beyond_the_pool_gets_a_fast_busy_answer(crm) -> None:
    settings = DatabaseSettings(pool_size=2, pool_timeout=0.2)
    database = Database.from_url(crm[0], settings, statement_timeout_ms=1500)
    box = Toolbox(database, clock=lambda: NOW, deadline=2.0)
    blocker = await asyncpg.connect(crm[0])
    transaction = blocker.transaction()
    await transaction.start()
    await blocker.execute("LOCK TABLE appointments IN ACCESS EXCLUSIVE MODE")
    try:
        started = time.monotonic()
        calls = [
            Caller(box, f"burst-{n}", None)(
                "find_open_slots",
                service_type="oil_change",
                date_from=None,
                date_to=None,
                part_of_day=None,
                limit=None,
            )
            for n in range(40)
        ]
        answers = await asyncio.wait_for(asyncio.gather(*calls), timeout=10)
        elapsed = time.monotonic() - started
    finally:
        await transaction.rollback()
        await blocker.close()

    codes = [a["error"]["code"] for a in answers]
    assert codes.count("busy") >= 30
    assert set(codes) <= {"busy", "timeout"}
    assert elapsed < 3
    assert database.pool_status()["checked_out"] == 0
    await database.close()

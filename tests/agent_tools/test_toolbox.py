"""The dispatcher under a stalled database and a burst of calls."""

import asyncio
import time

import asyncpg

from agent_tools.database import Database
from agent_tools.toolbox import Toolbox
from db.settings import DatabaseSettings
from tests.agent_tools.conftest import NOW, Caller, Known


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


async def test_tool_calls_run_together_never_share_a_connection(
    crm, known: Known
) -> None:
    database = Database.from_url(crm[0])
    box = Toolbox(database, clock=lambda: NOW)
    caller = Caller(box, "two-at-once", "+13125550147")
    blocker = await asyncpg.connect(crm[0])
    # Activity statistics are a snapshot per transaction: watch from outside.
    watcher = await asyncpg.connect(crm[0])
    transaction = blocker.transaction()
    await transaction.start()
    await blocker.execute("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE")
    try:
        batch = asyncio.gather(
            caller("lookup_by_phone", phone=None),
            caller(
                "verify_identity",
                customer_id=known.dana,
                date_of_birth="1985-03-05",
                street_address=None,
                zip_code=None,
            ),
        )
        waiting = await wait_for_waiters(watcher, 2)
    finally:
        await transaction.rollback()
        await blocker.close()
        await watcher.close()
    answers = await batch

    assert waiting == 2
    assert all(answer["ok"] for answer in answers)
    await database.close()


async def wait_for_waiters(connection: asyncpg.Connection, count: int) -> int:
    """Return how many of our sessions wait on a lock, once ``count`` do."""
    waiting = 0
    for _ in range(100):
        waiting = await connection.fetchval(
            "SELECT count(DISTINCT pid) FROM pg_stat_activity "
            "WHERE application_name = 'agent-tools' AND wait_event_type = 'Lock'"
        )
        if waiting >= count:
            break
        await asyncio.sleep(0.02)
    return int(waiting)

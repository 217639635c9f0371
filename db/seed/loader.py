"""Stream generated rows into PostgreSQL in one transaction.

Everything happens on one connection inside one transaction: the emptiness
check, the truncation, every COPY, the index rebuild and the seed record. An
error or a Ctrl-C anywhere rolls all of it back, so a database is either
seeded completely or left as it was.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import date

import asyncpg

from db.errors import DatabaseError, SeedRefused
from db.seed.rows import COLUMNS, EncodedChunk
from db.seed.summary import SeedSummary

GENERATOR_VERSION = "agent-tools seed 1"
LOADED_TABLES = ("customers", "vehicles", "appointments", "service_history")
# Every table the CRM's data lives in: all must be empty before a seed, and
# --reset empties all of them.
CRM_TABLES = (
    *LOADED_TABLES,
    "call_logs",
    "verification_attempts",
    "tool_results",
    "seed_runs",
)


@dataclass(frozen=True)
class Definition:
    """An index or constraint, dropped before the load and rebuilt after."""

    table: str
    name: str
    kind: str  # p, u, f for constraints; i for a plain index
    sql: str  # constraint definition or the whole CREATE INDEX statement

    def drop_sql(self) -> str:
        if self.kind == "i":
            return f"DROP INDEX {_ident(self.name)}"
        return f"ALTER TABLE {self.table} DROP CONSTRAINT {_ident(self.name)}"

    def create_sql(self) -> str:
        if self.kind == "i":
            return self.sql
        return f"ALTER TABLE {self.table} ADD CONSTRAINT {_ident(self.name)} {self.sql}"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class SeedRun:
    """What the seed_runs table records about one run."""

    seed: int
    customers: int
    as_of: date


async def load(
    url: str,
    chunks: Iterator[EncodedChunk],
    *,
    run: SeedRun,
    summary: Callable[[], SeedSummary],
    reset: bool,
    advance: Callable[[int], None],
) -> None:
    """Seed the database at ``url`` with ``chunks`` in one transaction.

    ``summary`` is called after the last chunk for the closing counts.
    """
    connection = await _connect(url)
    loop = asyncio.get_running_loop()
    try:
        async with connection.transaction():
            await _prepare(connection, reset=reset)
            # Building each B-tree index once at the end beats maintaining it
            # row by row, even at 10,000 customers. The exclusion constraints
            # stay: checking them costs the same either way, and during the
            # load PostgreSQL does it while the generator is still busy.
            deferred = await _drop_indexes(connection)
            while True:
                # The next chunk may still be generating: wait off the loop.
                chunk = await loop.run_in_executor(None, next, chunks, None)
                if chunk is None:
                    break
                await _copy(connection, chunk)
                advance(chunk.size)
            await _rebuild(connection, deferred)
            # Fresh tables have no statistics: without them the planner scans
            # every vehicle for a lookup by phone until autovacuum catches up.
            await connection.execute(
                "ANALYZE customers, vehicles, appointments, service_history"
            )
            await _finish(connection, run, summary())
    except asyncpg.UndefinedTableError as exc:
        raise DatabaseError(
            "the database has no CRM tables; run `agent-tools db upgrade` first"
        ) from exc
    except asyncpg.PostgresError as exc:
        raise DatabaseError(f"the seed failed and nothing was written: {exc}") from exc
    finally:
        await connection.close(timeout=5)


async def _connect(url: str) -> asyncpg.Connection:
    try:
        connection: asyncpg.Connection = await asyncpg.connect(url, timeout=10)
    except (TimeoutError, OSError, asyncpg.PostgresError) as exc:
        first_line = (str(exc).strip() or type(exc).__name__).splitlines()[0]
        raise DatabaseError(f"cannot connect to the database: {first_line}") from exc
    except asyncpg.InterfaceError as exc:
        raise DatabaseError(f"cannot connect to the database: {exc}") from exc
    return connection


async def _prepare(connection: asyncpg.Connection, *, reset: bool) -> None:
    """Refuse a database with data unless ``reset``; then empty every table."""
    await connection.execute(
        # A server process holding a lock would otherwise make us wait forever.
        "SET LOCAL lock_timeout = '10s';"
        "SET LOCAL synchronous_commit = off;"
        "SET LOCAL maintenance_work_mem = '256MB'"
    )
    if not reset:
        holding = [
            table
            for table in CRM_TABLES
            if await connection.fetchval(f"SELECT EXISTS (SELECT 1 FROM {table})")
        ]
        if holding:
            raise SeedRefused(
                f"the database already holds data (in {', '.join(holding)}); "
                "pass --reset to replace it"
            )
    # Truncating inside this transaction also lets COPY ... FREEZE write the
    # rows already frozen, sparing the first reads a rewrite of every page.
    await connection.execute(
        f"TRUNCATE {', '.join(CRM_TABLES)} RESTART IDENTITY CASCADE"
    )


async def _drop_indexes(connection: asyncpg.Connection) -> list[Definition]:
    """Drop the loaded tables' indexes and keys; return how to rebuild them."""
    rows = await connection.fetch(
        """
        SELECT c.conrelid::regclass::text AS table, c.conname AS name,
               c.contype::text AS kind, pg_get_constraintdef(c.oid) AS sql
        FROM pg_constraint c
        WHERE c.contype IN ('p', 'u', 'f')
          AND (c.conrelid = ANY($1::regclass[]) OR c.confrelid = ANY($1::regclass[]))
        UNION ALL
        SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, 'i',
               pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY($1::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        list(LOADED_TABLES),
    )
    definitions = [Definition(**row) for row in rows]
    order = "fipu"  # foreign keys go first: they depend on the keys
    for definition in sorted(definitions, key=lambda d: order.index(d.kind)):
        await connection.execute(definition.drop_sql())
    return definitions


async def _rebuild(
    connection: asyncpg.Connection, definitions: list[Definition]
) -> None:
    """Recreate what ``_drop_indexes`` dropped, keys first, foreign keys last.

    Rebuilding checks every row again (keys unique, foreign keys present), so
    the guarantees at commit are the same as with row-by-row maintenance.
    """
    order = "puif"
    for definition in sorted(definitions, key=lambda d: order.index(d.kind)):
        await connection.execute(definition.create_sql())


async def _copy(connection: asyncpg.Connection, chunk: EncodedChunk) -> None:
    for table, payload in chunk.payloads:
        await connection.copy_to_table(
            table,
            source=_bytes(payload),
            columns=COLUMNS[table],
            format="text",
            freeze=True,
        )


async def _bytes(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def _finish(
    connection: asyncpg.Connection, run: SeedRun, summary: SeedSummary
) -> None:
    """Move the id sequences past the rows and record the run."""
    counts = {
        "customers": summary.customers,
        "vehicles": summary.vehicles,
        "appointments": summary.appointments,
        "service_history": summary.service_history,
    }
    for table, count in counts.items():
        await connection.execute(
            "SELECT setval(pg_get_serial_sequence($1, 'id'), $2, $3)",
            table,
            max(count, 1),
            count > 0,
        )
    await connection.execute(
        "INSERT INTO seed_runs (seed, customers, as_of, generator) "
        "VALUES ($1, $2, $3, $4)",
        run.seed,
        run.customers,
        run.as_of,
        GENERATOR_VERSION,
    )

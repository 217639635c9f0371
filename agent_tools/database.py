"""Connections for the tools: the pooled engine, handing out asyncpg connections.

The tools speak SQL to asyncpg directly: a read tool is a few indexed queries,
and the ORM's per-statement cost would dominate them. SQLAlchemy still owns the
pool, so its size, bounded wait and disposal stay in one place.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncEngine

from agent_tools.errors import UnavailableError
from db.engine import make_engine
from db.settings import DatabaseSettings


class Database:
    """The tools' view of PostgreSQL: a pool of asyncpg connections."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._deferred: set[asyncio.Task[None]] = set()

    @classmethod
    def from_url(
        cls,
        url: str,
        settings: DatabaseSettings | None = None,
        *,
        statement_timeout_ms: int | None = None,
    ) -> Database:
        """Open a pool on ``url``; the server cancels statements past the timeout.

        Its sessions commit without waiting for the disk; tools that must be
        durable turn that back on in their own transaction.
        """
        server_settings = {"synchronous_commit": "off"}
        if statement_timeout_ms is not None:
            server_settings["statement_timeout"] = str(statement_timeout_ms)
        return cls(make_engine(url, settings, server_settings=server_settings))

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        """Check out one connection, or answer "busy" after a bounded wait."""
        try:
            async with self.engine.connect() as connection:
                raw = await connection.get_raw_connection()
                driver: Any = raw.driver_connection
                yield driver
        except sa_exc.TimeoutError as exc:
            raise UnavailableError(
                "The system is busy right now. Wait a moment, then try the same "
                "request again.",
                code="busy",
            ) from exc

    def pool_status(self) -> dict[str, int]:
        pool: Any = self.engine.pool
        return {
            "size": pool.size(),
            "checked_out": pool.checkedout(),
            "overflow": pool.overflow(),
        }

    def defer(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` in the background; ``drain`` and ``close`` wait for it."""
        task = asyncio.get_running_loop().create_task(work)
        self._deferred.add(task)
        task.add_done_callback(self._deferred.discard)

    async def drain(self) -> None:
        """Wait for every deferred write to finish."""
        while self._deferred:
            await asyncio.gather(*self._deferred, return_exceptions=True)

    async def close(self) -> None:
        await self.drain()
        await self.engine.dispose()

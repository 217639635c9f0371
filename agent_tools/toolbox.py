"""The one dispatcher every transport calls: name + raw arguments -> answer.

It decodes and validates the arguments, runs the tool on a connection of its
own under a deadline (in one transaction unless the tool only reads),
replays repeated writes, records the call, and turns every failure into
``{"ok": false, "error": ...}``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import asyncpg

from agent_tools import calls
from agent_tools.arguments import decode, validate
from agent_tools.context import CallContext
from agent_tools.database import Database
from agent_tools.errors import ToolError, UnavailableError
from agent_tools.logs import call_id_var
from agent_tools.tools import TOOLS, Tool, ToolRun
from agent_tools.tools.base import Answer, CallChanges
from db.dealership import Dealership, load_dealership

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Envelope = dict[str, Any]
# Sees every answered call: (tool name, call, answer, seconds taken).
Observer = Callable[[str, CallContext, Envelope, float], None]


def utc_now() -> datetime:
    return datetime.now(UTC)


def refusal(error: ToolError) -> Envelope:
    return {"ok": False, "error": error.to_error()}


class Toolbox:
    """Runs tools by name for any transport."""

    def __init__(
        self,
        database: Database,
        *,
        dealership: Dealership | None = None,
        clock: Clock = utc_now,
        deadline: float = 2.0,
    ) -> None:
        self.database = database
        self.dealership = dealership or load_dealership()
        self.clock = clock
        self.deadline = deadline
        self.tools: dict[str, Tool[Any]] = dict(TOOLS)
        self.observers: list[Observer] = []

    async def call(self, name: str, arguments: object, call: CallContext) -> Envelope:
        """Run tool ``name`` with ``arguments`` (a dict or a JSON string)."""
        token = call_id_var.set(call.call_id)
        started = time.perf_counter()
        try:
            envelope = await self._call(name, arguments, call)
            # Reported before the reset so the log line carries the call id.
            self._report(name, call, envelope, time.perf_counter() - started)
            return envelope
        finally:
            call_id_var.reset(token)

    def _report(
        self, name: str, call: CallContext, envelope: Envelope, elapsed: float
    ) -> None:
        code = "ok" if envelope["ok"] else envelope["error"]["code"]
        logger.info(
            "tool %s answered %s in %.1f ms",
            name[:64],
            code,
            elapsed * 1000,
            extra={"tool": name[:64], "result": code, "platform": call.platform},
        )
        for observe in self.observers:
            observe(name, call, envelope, elapsed)

    async def _call(self, name: str, arguments: object, call: CallContext) -> Envelope:
        started = time.perf_counter()
        tool = self.tools.get(name)
        try:
            if tool is None:
                raise ToolError(
                    f"There is no tool named {name[:64]!r}. Available tools: "
                    f"{', '.join(self.tools)}.",
                    code="unknown_tool",
                )
            args = validate(tool.arguments, decode(arguments))
        except ToolError as error:
            await self._record_only(call, name, error.code, started)
            return refusal(error)
        try:
            async with asyncio.timeout(self.deadline):
                return await self._run(tool, args, call)
        except TimeoutError:
            return refusal(_timeout())
        except ToolError as error:
            return refusal(error)

    async def _run(self, tool: Tool[Any], args: Any, call: CallContext) -> Envelope:
        started = time.perf_counter()
        now = self.clock().astimezone(self.dealership.tz)
        async with self.database.connection() as connection:
            try:
                if tool.read_only:
                    run, envelope = await self._execute(
                        connection, tool, args, call, now
                    )
                else:
                    async with connection.transaction():
                        if tool.writes:
                            # The pool's sessions commit without waiting for
                            # the disk; a booking the caller hears confirmed
                            # must be on disk, with its call-log line, first.
                            await connection.execute(
                                "SET LOCAL synchronous_commit = on"
                            )
                        run, envelope = await self._execute(
                            connection, tool, args, call, now
                        )
                        await self._record(connection, run, tool, envelope, started)
                        return envelope
            except (ToolError, TimeoutError, asyncio.CancelledError):
                raise
            except asyncpg.QueryCanceledError:
                raise _timeout() from None
            except Exception:
                logger.exception("tool %s failed", tool.name)
                await self._record_only(call, tool.name, "internal_error", started)
                return refusal(
                    ToolError(
                        "Something went wrong on our side. Apologise and offer to "
                        "transfer the caller to a service adviser.",
                        code="internal_error",
                    )
                )
        # A read tool's call-log line is written after the answer has left:
        # the caller on the phone never waits for our bookkeeping.
        self._after_answer(run, tool, envelope, started)
        return envelope

    async def _execute(
        self,
        connection: asyncpg.Connection,
        tool: Tool[Any],
        args: Any,
        call: CallContext,
        now: datetime,
    ) -> tuple[ToolRun, Envelope]:
        run = ToolRun(
            connection=connection, call=call, dealership=self.dealership, now=now
        )
        digest = _digest(tool.name, args) if tool.writes else None
        envelope = await self._replayed(connection, call, tool.name, digest)
        if envelope is None:
            envelope = await _answer(tool, run, args)
            if digest is not None and envelope["ok"]:
                await _remember(connection, call, tool.name, digest, envelope)
        return run, envelope

    async def _record(
        self,
        connection: asyncpg.Connection,
        run: ToolRun,
        tool: Tool[Any],
        envelope: Envelope,
        started: float,
    ) -> None:
        code = "ok" if envelope["ok"] else envelope["error"]["code"]
        entry = _entry(tool.name, code, started, run.now)
        await calls.record(connection, run.call, run.changes, entry, run.now)

    def _after_answer(
        self, run: ToolRun, tool: Tool[Any], envelope: Envelope, started: float
    ) -> None:
        async def record() -> None:
            try:
                async with asyncio.timeout(self.deadline):
                    async with self.database.connection() as connection:
                        await self._record(connection, run, tool, envelope, started)
            except (ToolError, TimeoutError, asyncpg.PostgresError, OSError):
                logger.warning("could not record a %s call in the call log", tool.name)

        self.database.defer(record())

    async def _replayed(
        self,
        connection: asyncpg.Connection,
        call: CallContext,
        tool: str,
        digest: str | None,
    ) -> Envelope | None:
        if digest is None:
            return None
        # The same write arriving twice at once (a platform retry) waits here
        # for the first to finish, then gets its answer.
        await connection.execute(
            "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
            call.call_id,
            digest,
        )
        stored: Envelope | None = await connection.fetchval(
            "SELECT answer FROM tool_results "
            "WHERE call_id = $1 AND tool = $2 AND arguments_digest = $3",
            call.call_id,
            tool,
            digest,
        )
        return stored

    async def _record_only(
        self, call: CallContext, tool: str, code: str, started: float
    ) -> None:
        """Log a refused call in its own short transaction, best effort."""
        now = self.clock().astimezone(self.dealership.tz)
        entry = _entry(tool, code, started, now)
        try:
            async with asyncio.timeout(self.deadline):
                async with self.database.connection() as connection:
                    await calls.record(connection, call, CallChanges(), entry, now)
        except (ToolError, TimeoutError, asyncpg.PostgresError, OSError):
            logger.warning("could not record a %s answer in the call log", code)


async def _answer(tool: Tool[Any], run: ToolRun, args: Any) -> Envelope:
    try:
        data: Answer = await tool.run(run, args)
    except ToolError as error:
        return refusal(error)
    return {"ok": True, "data": data.model_dump(mode="json", exclude_none=True)}


async def _remember(
    connection: asyncpg.Connection,
    call: CallContext,
    tool: str,
    digest: str,
    envelope: Envelope,
) -> None:
    await connection.execute(
        "INSERT INTO tool_results (call_id, tool, arguments_digest, answer) "
        "VALUES ($1, $2, $3, $4)",
        call.call_id,
        tool,
        digest,
        json.dumps(envelope),
    )


def _digest(tool: str, args: Any) -> str:
    canonical = json.dumps(
        [tool, args.model_dump(mode="json")], sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _entry(tool: str, code: str, started: float, now: datetime) -> dict[str, object]:
    return {
        "tool": tool[:64],
        "result": code,
        "ms": round((time.perf_counter() - started) * 1000, 2),
        "at": now.isoformat(timespec="seconds"),
    }


def _timeout() -> UnavailableError:
    return UnavailableError(
        "The system took too long to answer. Tell the caller you are checking, "
        "then try the same request again.",
        code="timeout",
    )

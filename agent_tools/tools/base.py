"""What a tool is, and what it is handed when it runs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

import asyncpg
from pydantic import BaseModel, ConfigDict

from agent_tools.context import CallContext
from agent_tools.errors import BusinessRuleError
from db.dealership import Dealership

ArgsT = TypeVar("ArgsT", bound=BaseModel)


class Arguments(BaseModel):
    """Base of every tool's arguments: unknown keys are refused, by name."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Answer(BaseModel):
    """Base of every tool's answer data."""


@dataclass
class CallChanges:
    """What a tool learnt about the call, written to its ``call_logs`` row."""

    customer_id: int | None = None
    verified_method: str | None = None
    failed_verification: bool = False
    appointment_id: int | None = None
    appointment_action: str | None = None


_UNKNOWN = -1


@dataclass
class ToolRun:
    """Everything a tool may use: one connection, the call, the dealership."""

    connection: asyncpg.Connection
    call: CallContext
    dealership: Dealership
    now: datetime
    changes: CallChanges = field(default_factory=CallChanges)
    # Read from call_logs on first use: tools that never ask save the query.
    _verified: int | None = _UNKNOWN

    async def verified_id(self) -> int | None:
        """Return the customer verified on this call, if any."""
        if self._verified == _UNKNOWN:
            self._verified = await self.connection.fetchval(
                "SELECT customer_id FROM call_logs WHERE call_id = $1 AND verified",
                self.call.call_id,
            )
        return self._verified

    def mark_verified(self, customer_id: int) -> None:
        self._verified = customer_id

    async def require_verified(self, customer_id: int) -> None:
        """Refuse unless ``customer_id`` passed verify_identity in this call."""
        if await self.verified_id() != customer_id:
            raise not_verified()

    async def verified_customer(self) -> int:
        """Return the verified customer's id, or refuse."""
        customer_id = await self.verified_id()
        if customer_id is None:
            raise not_verified()
        return customer_id


def not_verified() -> BusinessRuleError:
    return BusinessRuleError(
        "This customer is not verified on this call. Ask for their date of birth "
        "(or street address and ZIP) and call verify_identity first.",
        code="verification_required",
    )


@dataclass(frozen=True)
class Tool(Generic[ArgsT]):
    """One function the LLM can call."""

    name: str
    description: str
    arguments: type[ArgsT]
    run: Callable[[ToolRun, ArgsT], Awaitable[Answer]]
    # A write is replayed, not repeated, when the same call sends it again,
    # and is on disk before it is answered.
    writes: bool = False
    # A read-only tool runs outside a transaction; the others run in one.
    read_only: bool = False


TOOLS: dict[str, Tool[Any]] = {}


def tool(
    name: str,
    arguments: type[ArgsT],
    *,
    writes: bool = False,
    read_only: bool = False,
) -> Callable[
    [Callable[[ToolRun, ArgsT], Awaitable[Answer]]],
    Callable[[ToolRun, ArgsT], Awaitable[Answer]],
]:
    """Register the decorated function as tool ``name``; its docstring is the
    description the LLM reads."""

    def register(
        function: Callable[[ToolRun, ArgsT], Awaitable[Answer]],
    ) -> Callable[[ToolRun, ArgsT], Awaitable[Answer]]:
        description = " ".join((function.__doc__ or "").split())
        TOOLS[name] = Tool(name, description, arguments, function, writes, read_only)
        return function

    return register

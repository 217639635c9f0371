"""Play one scenario on one database and judge it."""

from __future__ import annotations

import json
import logging
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock_time
from typing import Any

import asyncpg
import openai
from openai import AsyncOpenAI

from agent_tools.calls import caller_e164
from agent_tools.context import CallContext
from agent_tools.database import Database
from agent_tools.harness.conversation import CallRecord, Conversation, SimulatedCaller
from agent_tools.harness.expectations import check_call, check_database, snapshot
from agent_tools.harness.roles import Facts, NoCustomerForRole, cast
from agent_tools.harness.scenario import CallerId, MissingFact, Scenario, Setup, fill
from agent_tools.prompting import render_system_prompt
from agent_tools.toolbox import Clock, Toolbox, utc_now
from db.dealership import Dealership, load_dealership

logger = logging.getLogger(__name__)
PLATFORM = "eval"


@dataclass
class RunSettings:
    """The agent under test, and the model that plays persona callers."""

    client: AsyncOpenAI
    model: str
    caller_model: str | None = None
    clock: Clock = utc_now
    dealership: Dealership = field(default_factory=load_dealership)


@dataclass
class RunResult:
    scenario: str
    run: int
    model: str
    failures: list[str]
    call: CallRecord
    seconds: float
    facts: Facts = field(default_factory=dict)
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "run": self.run,
            "model": self.model,
            "passed": self.passed,
            "failures": self.failures,
            "error": self.error,
            "seconds": round(self.seconds, 3),
            "latency_ms": _latency(self.call),
            "facts": {k: _jsonable(v) for k, v in self.facts.items()},
            **self.call.to_json(),
        }


async def run_scenario(
    scenario: Scenario, url: str, settings: RunSettings, run: int = 1
) -> RunResult:
    """Play ``scenario`` against the CRM at ``url`` (which it may change)."""
    started = time.perf_counter()
    call_id = f"eval-{scenario.name}-{run}-{uuid.uuid4().hex[:8]}"
    result = RunResult(scenario.name, run, settings.model, [], CallRecord(call_id), 0)
    database = Database.from_url(url)
    try:
        await _play_and_judge(scenario, url, database, settings, result)
    except (NoCustomerForRole, MissingFact) as exc:
        result.error = f"scenario cannot be cast: {exc}"
    except openai.OpenAIError as exc:
        result.error = f"model endpoint failed: {type(exc).__name__}: {exc}"
    finally:
        await database.close()
    if result.error:
        result.failures.append(result.error)
    result.seconds = time.perf_counter() - started
    return result


async def _play_and_judge(
    scenario: Scenario,
    url: str,
    database: Database,
    settings: RunSettings,
    result: RunResult,
) -> None:
    shop = settings.dealership
    now = settings.clock().astimezone(shop.tz)
    connection = await asyncpg.connect(url)
    try:
        result.facts = await cast(connection, scenario.caller.role, shop, now)
        await apply_setup(connection, scenario.setup, result.facts, shop)
        untouched = fill(scenario.expect.database.untouched, result.facts)
        before = await snapshot(connection, untouched)

        conversation = _conversation(scenario, database, settings, result, now)
        result.call = conversation.record
        hung_up = await _play(scenario, conversation, result.facts, settings)

        result.failures += check_call(
            scenario.expect, result.facts, result.call, hung_up=hung_up
        )
        result.failures += await check_database(
            connection,
            scenario.expect.database,
            result.facts,
            result.call.call_id,
            shop.tz,
            before,
        )
        await save_call_log(connection, conversation, now, _summary(result))
    finally:
        await connection.close()


def _conversation(
    scenario: Scenario,
    database: Database,
    settings: RunSettings,
    result: RunResult,
    now: datetime,
) -> Conversation:
    phone = {
        CallerId.CUSTOMER: result.facts.get("customer.phone"),
        CallerId.UNKNOWN: result.facts["unknown.phone"],
        CallerId.NONE: None,
    }[scenario.caller.caller_id]
    context = CallContext.create(result.call.call_id, phone, platform=PLATFORM)
    toolbox = Toolbox(database, dealership=settings.dealership, clock=settings.clock)
    return Conversation(
        settings.client,
        settings.model,
        toolbox,
        context,
        render_system_prompt(settings.dealership, now, phone),
        greeting=settings.dealership.greeting,
    )


async def _play(
    scenario: Scenario, conversation: Conversation, facts: Facts, settings: RunSettings
) -> bool:
    """Play the caller's side; return whether the caller ended the call."""
    record = conversation.record
    if scenario.turns is not None:
        for line in fill(scenario.turns, facts):
            await conversation.reply(line)
            if record.tool_loop:
                return False
        return True

    assert scenario.persona is not None
    persona = fill(scenario.persona.model_dump(), facts)
    caller = SimulatedCaller(
        settings.client, settings.caller_model or settings.model, **persona
    )
    while not record.tool_loop:
        line = await caller.next_line(record)
        if line is None:
            return True
        if record.turns >= scenario.expect.max_turns:
            return False
        await conversation.reply(line)
    return False


async def apply_setup(
    connection: asyncpg.Connection, setup: Setup, facts: Facts, shop: Dealership
) -> None:
    """Prepare the CRM for the scenario: fill the times it wants taken."""
    for busy in fill([b.model_dump() for b in setup.busy], facts):
        start = shop.local(busy["day"], clock_time.fromisoformat(busy["at"]))
        await _make_busy(connection, shop, start)


async def _make_busy(
    connection: asyncpg.Connection, shop: Dealership, start: datetime
) -> None:
    # Any service starting at ``start`` (the longest takes two hours) must
    # overlap one of these, so every technician is taken then.
    low, high = start - timedelta(hours=2), start + timedelta(hours=2)
    await connection.execute(
        "UPDATE appointments SET status = 'cancelled' WHERE start_at < $2 "
        "AND end_at > $1 AND status IN ('scheduled', 'confirmed')",
        low,
        high,
    )
    # One car per technician: a car cannot be in two bays at once.
    vehicles = await connection.fetch(
        "SELECT id, customer_id FROM vehicles WHERE status = 'active' "
        "ORDER BY id DESC LIMIT $1",
        len(shop.technicians),
    )
    assert len(vehicles) == len(shop.technicians)
    for bay, (technician, vehicle) in enumerate(
        zip(shop.technicians, vehicles, strict=True), start=1
    ):
        await connection.execute(
            "INSERT INTO appointments (customer_id, vehicle_id, start_at, end_at, "
            "service_type, service_category, status, technician, service_bay, "
            "booking_method, confirmation_sent, reminder_sent, recommended_services) "
            "VALUES ($1, $2, $3, $4, 'brake_service', 'repair', 'scheduled', $5, $6, "
            "'phone', false, false, '[]')",
            vehicle["customer_id"],
            vehicle["id"],
            low,
            high,
            technician.id,
            bay,
        )


async def save_call_log(
    connection: asyncpg.Connection,
    conversation: Conversation,
    started: datetime,
    summary: str,
) -> None:
    """Write the call's transcript and summary on its ``call_logs`` row."""
    record = conversation.record
    context = conversation.context
    ended = started + timedelta(seconds=sum(r.ms for r in record.requests) / 1000)
    await connection.execute(
        """
        INSERT INTO call_logs AS log (call_id, platform, direction, from_number,
          started_at, ended_at, duration_seconds, status, verified,
          failed_verification_attempts, transcript, summary)
        VALUES ($1, $2, 'inbound', $3, $4, $5, 0, 'completed', false, 0, $6::jsonb, $7)
        ON CONFLICT (call_id) DO UPDATE SET
          transcript = EXCLUDED.transcript, summary = EXCLUDED.summary,
          status = 'completed', ended_at = greatest(log.ended_at, EXCLUDED.ended_at),
          updated_at = now()
        """,
        context.call_id,
        context.platform,
        caller_e164(context.caller_phone),
        started,
        ended,
        json.dumps(record.transcript()),
        summary,
    )


def _summary(result: RunResult) -> str:
    tools = ", ".join(call.name for call in result.call.tool_calls) or "none"
    verdict = "passed" if result.passed else "failed: " + "; ".join(result.failures)
    return (
        f"Eval scenario {result.scenario} (run {result.run}, model {result.model}): "
        f"{result.call.turns} caller turns; tools: {tools}. {verdict}"
    )


def _latency(call: CallRecord) -> dict[str, float]:
    agent = sorted(r.ms for r in call.requests if r.purpose == "agent")
    tools = [c.ms for c in call.tool_calls]
    return {
        "agent_requests": len(agent),
        "agent_ms_total": round(sum(agent), 2),
        "agent_ms_max": max(agent, default=0.0),
        "tools_ms_total": round(sum(tools), 2),
    }


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value

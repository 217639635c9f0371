"""Prometheus metrics: tool calls, latency, verification, database pool.

With several worker processes set ``PROMETHEUS_MULTIPROC_DIR`` to an empty
directory shared by the workers (before they start); ``/metrics`` then sums
every worker's numbers instead of showing the one process that answered.
"""

from __future__ import annotations

import os
from weakref import WeakSet

from fastapi import FastAPI, Request, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from agent_tools.context import CallContext
from agent_tools.toolbox import Envelope, Observer, Toolbox
from agent_tools.tools import TOOLS

TOOL_CALLS = Counter(
    "agent_tools_tool_calls",
    "Tool calls answered, by tool, result code and platform.",
    ["tool", "result", "platform"],
)
TOOL_SECONDS = Histogram(
    "agent_tools_tool_call_seconds",
    "Time to answer a tool call, database included.",
    ["tool", "platform"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5),
)
VERIFICATION_FAILURES = Counter(
    "agent_tools_verification_failures",
    "verify_identity answers that did not verify the caller.",
)
VERIFICATION_LOCKS = Counter(
    "agent_tools_verification_locks",
    "verify_identity refusals because a customer or call is locked out.",
)
POOL_CONNECTIONS = Gauge(
    "agent_tools_db_pool_connections",
    "Database pool connections by state, summed over live workers.",
    ["state"],
    multiprocess_mode="livesum",
)
_watched: WeakSet[Toolbox] = WeakSet()


def observer(toolbox: Toolbox) -> Observer:
    """Return the toolbox observer that records every answered call."""

    def observe(
        name: str, call: CallContext, envelope: Envelope, elapsed: float
    ) -> None:
        # Unknown names come from the LLM: one label for all of them keeps
        # the number of series bounded.
        tool = name if name in TOOLS else "unknown"
        code = "ok" if envelope["ok"] else str(envelope["error"].get("code"))
        TOOL_CALLS.labels(tool, code, call.platform).inc()
        TOOL_SECONDS.labels(tool, call.platform).observe(elapsed)
        if tool == "verify_identity":
            _count_verification(envelope, code)
        record_pool(toolbox)

    return observe


def _count_verification(envelope: Envelope, code: str) -> None:
    if code == "verification_locked":
        VERIFICATION_LOCKS.inc()
    elif envelope["ok"] and envelope["data"].get("verified") is False:
        VERIFICATION_FAILURES.inc()


def record_pool(toolbox: Toolbox) -> None:
    status = toolbox.database.pool_status()
    POOL_CONNECTIONS.labels("checked_out").set(status["checked_out"])
    POOL_CONNECTIONS.labels("size").set(status["size"])
    POOL_CONNECTIONS.labels("overflow").set(status["overflow"])


def watch(toolbox: Toolbox) -> None:
    """Attach the metrics observer once, however many apps share a toolbox."""
    if toolbox not in _watched:
        _watched.add(toolbox)
        toolbox.observers.append(observer(toolbox))


def forget_this_process() -> None:
    """Drop this worker's live gauges when it exits (multi-process mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(os.getpid())


def _registry() -> CollectorRegistry:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def register(app: FastAPI) -> None:
    @app.get("/metrics", tags=["health"], include_in_schema=False)
    async def metrics(request: Request) -> Response:
        """Prometheus metrics in the text exposition format."""
        record_pool(request.app.state.toolbox)
        return Response(generate_latest(_registry()), media_type=CONTENT_TYPE_LATEST)

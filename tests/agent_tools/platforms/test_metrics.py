"""/metrics and the JSON log lines of calls that come through a platform."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

import httpx
import pytest

from agent_tools.logs import CallIdFilter, JsonFormatter
from agent_tools.platforms.common import mask_phone
from tests.agent_tools.conftest import DANA, Known
from tests.agent_tools.platforms.conftest import VAPI_SECRET, LiveServer


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in a Prometheus text exposition, 0 if absent."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith(f"{name}{{{wanted}}} ") or line.startswith(f"{name} "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def vapi_call(known: Known, dob: str) -> dict[str, object]:
    arguments = {
        "customer_id": known.dana,
        "date_of_birth": dob,
        "street_address": None,
        "zip_code": None,
    }
    return {
        "message": {
            "type": "tool-calls",
            "call": {"id": f"metrics-{dob}"},
            "customer": {"number": DANA["phone"]},
            "toolCallList": [
                {
                    "id": "t1",
                    "function": {"name": "verify_identity", "arguments": arguments},
                },
                {"id": "t2", "function": {"name": "no_such_tool", "arguments": {}}},
            ],
        }
    }


async def test_metrics_count_calls_by_tool_result_and_platform(
    serve: Callable[..., LiveServer], known: Known
):
    server = serve()
    async with httpx.AsyncClient(base_url=server.url) as client:
        before = (await client.get("/metrics")).text
        await client.post(
            "/vapi/tool-calls",
            json=vapi_call(known, "1999-01-01"),
            headers={"X-Vapi-Secret": VAPI_SECRET},
        )
        after = (await client.get("/metrics")).text

    def grew(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    ok = {"tool": "verify_identity", "result": "ok", "platform": "vapi"}
    unknown = {"tool": "unknown", "result": "unknown_tool", "platform": "vapi"}
    assert grew("agent_tools_tool_calls_total", **ok) == 1
    assert grew("agent_tools_tool_calls_total", **unknown) == 1
    assert grew("agent_tools_verification_failures_total") == 1
    assert "agent_tools_tool_call_seconds_bucket" in after
    assert 'agent_tools_db_pool_connections{state="size"}' in after


async def test_tool_call_log_lines_carry_the_call_id_and_no_phone(
    serve: Callable[..., LiveServer], known: Known, caplog: pytest.LogCaptureFixture
):
    server = serve()
    caplog.handler.addFilter(CallIdFilter())
    with caplog.at_level(logging.INFO, logger="agent_tools"):
        async with httpx.AsyncClient(base_url=server.url) as client:
            await client.post(
                "/vapi/tool-calls",
                json=vapi_call(known, "1985-03-05"),
                headers={"X-Vapi-Secret": VAPI_SECRET},
            )

    lines = [
        json.loads(JsonFormatter().format(r))
        for r in caplog.records
        if r.name == "agent_tools.toolbox"
    ]
    assert lines and all(line["call_id"] == "metrics-1985-03-05" for line in lines)
    assert not any(DANA["phone"][2:] in json.dumps(line) for line in lines)


def test_mask_phone_keeps_only_the_last_two_digits():
    assert mask_phone("+1 (312) 555-0147") == "*********47"

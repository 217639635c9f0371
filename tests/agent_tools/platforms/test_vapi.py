"""Vapi tool-calls webhook over a real loopback HTTP connection."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from tests.agent_tools.conftest import DANA
from tests.agent_tools.platforms.conftest import VAPI_SECRET, LiveServer, assert_golden

AUTH = {"X-Vapi-Secret": VAPI_SECRET}


def message(*tool_calls: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "message": {
            "type": "tool-calls",
            "call": {"id": "vapi-call-1"},
            "customer": {"number": DANA["phone"]},
            "toolCallList": list(tool_calls),
            **extra,
        }
    }


def lookup(call_id: str = "call_lookup") -> dict[str, Any]:
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": "lookup_by_phone", "arguments": {"phone": None}},
    }


async def post(server: LiveServer, body: Any, **headers: str) -> httpx.Response:
    async with httpx.AsyncClient(base_url=server.url) as client:
        return await client.post("/vapi/tool-calls", json=body, headers=headers)


async def test_vapi_tool_calls_answers_one_call(serve: Callable[..., LiveServer]):
    response = await post(serve(), message(lookup()), **AUTH)

    assert response.status_code == 200
    assert_golden("vapi_one_call", response.json())


async def test_vapi_tool_calls_answers_several_in_order_with_failures(
    serve: Callable[..., LiveServer],
):
    unknown = {
        "id": "call_unknown",
        "type": "function",
        "function": {"name": "order_pizza", "arguments": "{}"},
    }
    bad = {"id": "call_bad", "name": "get_service_due", "arguments": '{"vehicle_id'}

    response = await post(serve(), message(lookup(), unknown, bad), **AUTH)

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["toolCallId"] for r in results] == [
        "call_lookup",
        "call_unknown",
        "call_bad",
    ]
    assert "result" in results[0] and "error" in results[1] and "error" in results[2]
    assert all("\n" not in value for r in results for value in r.values())
    assert_golden("vapi_several_calls", response.json())


async def test_vapi_tool_calls_reads_tool_with_tool_call_list_and_string_arguments(
    serve: Callable[..., LiveServer],
):
    wrapped = {
        "type": "function",
        "function": {"name": "lookup_by_phone"},
        "toolCall": {
            "id": "call_wrapped",
            "type": "function",
            "function": {
                "name": "lookup_by_phone",
                "arguments": json.dumps({"phone": "312 555 0147"}),
            },
        },
    }
    body = message(toolWithToolCallList=[wrapped])
    del body["message"]["toolCallList"]

    response = await post(serve(), body, authorization=f"Bearer {VAPI_SECRET}")

    assert response.status_code == 200
    assert_golden("vapi_tool_with_tool_call_list", response.json())


async def test_vapi_tool_calls_refuses_a_missing_or_wrong_secret(
    serve: Callable[..., LiveServer],
):
    server = serve()

    missing = await post(server, message(lookup()))
    wrong = await post(server, message(lookup()), **{"X-Vapi-Secret": "guess"})

    assert (missing.status_code, wrong.status_code) == (401, 401)


async def test_vapi_tool_calls_answers_200_to_an_unreadable_body(
    serve: Callable[..., LiveServer],
):
    async with httpx.AsyncClient(base_url=serve().url) as client:
        response = await client.post(
            "/vapi/tool-calls", content=b"{not json", headers=AUTH
        )

    assert (response.status_code, response.json()) == (200, {"results": []})

"""Retell custom-function webhook over a real loopback HTTP connection."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from agent_tools.platforms.retell import sign, signature_ok
from tests.agent_tools.conftest import DANA
from tests.agent_tools.platforms.conftest import RETELL_KEY, LiveServer, assert_golden

CALL = {
    "call_id": "retell-call-1",
    "agent_id": "agent-1",
    "from_number": DANA["phone"],
    "to_number": "+13125550100",
    "transcript": "User: hi, it's Dana",
}


def now_ms() -> int:
    return int(time.time() * 1000)


async def post(
    server: LiveServer, body: bytes, signature: str | None, query: str = ""
) -> httpx.Response:
    headers = {"content-type": "application/json"}
    if signature is not None:
        headers["X-Retell-Signature"] = signature
    async with httpx.AsyncClient(base_url=server.url) as client:
        return await client.post(
            f"/retell/functions{query}", content=body, headers=headers
        )


def body(name: str, args: Any) -> bytes:
    return json.dumps({"name": name, "args": args, "call": CALL}).encode()


async def test_retell_function_runs_a_signed_call_as_the_caller(
    serve: Callable[..., LiveServer],
):
    raw = body("lookup_by_phone", {"phone": None})

    response = await post(serve(), raw, sign(raw, RETELL_KEY, now_ms()))

    assert response.status_code == 200
    assert_golden("retell_lookup", response.json())


async def test_retell_function_keeps_one_call_across_requests(
    serve: Callable[..., LiveServer],
):
    server = serve()
    verify = body(
        "verify_identity",
        {
            "customer_id": 1,
            "date_of_birth": "March 5th 1985",
            "street_address": None,
            "zip_code": None,
        },
    )
    due = body("get_service_due", {"vehicle_id": 1, "current_mileage": None})

    verified = await post(server, verify, sign(verify, RETELL_KEY, now_ms()))
    answer = await post(server, due, sign(due, RETELL_KEY, now_ms()))

    assert verified.json()["data"]["verified"] is True
    assert answer.json()["ok"] is True


async def test_retell_function_reads_an_args_only_body(
    serve: Callable[..., LiveServer],
):
    raw = json.dumps({"phone": "(312) 555-0147"}).encode()

    response = await post(
        serve(),
        raw,
        sign(raw, RETELL_KEY, now_ms()),
        "?name=lookup_by_phone&args_only=true",
    )

    assert response.status_code == 200
    assert response.json()["data"]["customers"][0]["first_name"] == "Dana"


async def test_retell_function_answers_an_unknown_tool_as_a_refusal(
    serve: Callable[..., LiveServer],
):
    raw = body("order_pizza", {})

    response = await post(serve(), raw, sign(raw, RETELL_KEY, now_ms()))

    assert response.status_code == 200
    assert response.json()["error"]["code"] == "unknown_tool"


BAD_SIGNATURES: dict[str, Callable[[bytes], str | None]] = {
    "missing": lambda raw: None,
    "empty": lambda raw: "",
    "malformed": lambda raw: "v=123,d=abc",
    "other-body": lambda raw: sign(raw + b" ", RETELL_KEY, now_ms()),
    "other-key": lambda raw: sign(raw, "another-key", now_ms()),
    "stale": lambda raw: sign(raw, RETELL_KEY, now_ms() - 6 * 60 * 1000),
    "future": lambda raw: sign(raw, RETELL_KEY, now_ms() + 6 * 60 * 1000),
}


@pytest.mark.parametrize("case", BAD_SIGNATURES)
async def test_retell_function_refuses_a_bad_signature(
    serve: Callable[..., LiveServer], case: str
):
    raw = body("lookup_by_phone", {"phone": None})

    response = await post(serve(), raw, BAD_SIGNATURES[case](raw))

    assert response.status_code == 401


async def test_retell_function_refuses_everything_without_a_key(
    serve: Callable[..., LiveServer],
):
    raw = body("lookup_by_phone", {"phone": None})

    response = await post(serve(retell_api_key=None), raw, sign(raw, "", now_ms()))

    assert response.status_code == 401


def test_signature_ok_accepts_its_window_edges():
    raw = b'{"name":"x"}'
    at = 1_800_000_000_000

    inside = signature_ok(raw, sign(raw, RETELL_KEY, at), RETELL_KEY, at + 300_000)
    outside = signature_ok(raw, sign(raw, RETELL_KEY, at), RETELL_KEY, at + 300_001)

    assert (inside, outside) == (True, False)

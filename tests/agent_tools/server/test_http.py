"""The HTTP server over a real loopback connection."""

import json
import socket
import subprocess
import sys

import httpx

from tests.agent_tools.conftest import DANA, Known


def test_http_lists_definitions_in_each_format(serve) -> None:
    server = serve()

    for fmt in ("openai", "responses", "realtime", "deepgram", "mcp"):
        answer = httpx.get(f"{server.url}/tools", params={"format": fmt})
        assert answer.status_code == 200
        assert len(answer.json()) == 7
    assert (
        httpx.get(f"{server.url}/tools", params={"format": "soap"}).status_code == 422
    )


def test_http_runs_a_tool_with_the_call_context_from_headers(
    serve, known: Known
) -> None:
    server = serve()

    answer = httpx.post(
        f"{server.url}/tools/lookup_by_phone",
        json={"phone": None},
        headers={"X-Call-Id": "http-1", "X-Caller-Phone": DANA["phone"]},
    )

    assert answer.status_code == 200
    assert answer.json()["data"]["customers"][0]["id"] == known.dana


def test_http_verification_carries_over_within_one_call_id(serve, known: Known) -> None:
    server = serve()
    headers = {"X-Call-Id": "http-carry"}
    verify = {
        "customer_id": known.dana,
        "date_of_birth": "3/5/1985",
        "street_address": None,
        "zip_code": None,
    }
    due = {"vehicle_id": known.dana_camry, "current_mileage": None}

    httpx.post(f"{server.url}/tools/verify_identity", json=verify, headers=headers)
    same_call = httpx.post(
        f"{server.url}/tools/get_service_due", json=due, headers=headers
    )
    no_call_id = httpx.post(f"{server.url}/tools/get_service_due", json=due)

    assert same_call.json()["ok"] is True
    assert no_call_id.json()["error"]["code"] == "verification_required"


def test_http_answers_malformed_bodies_with_200_and_an_error(serve) -> None:
    server = serve()

    cut = httpx.post(f"{server.url}/tools/lookup_by_phone", content=b'{"phone": "312')
    unknown = httpx.post(f"{server.url}/tools/nope", json={})

    assert cut.status_code == unknown.status_code == 200
    assert cut.json()["error"]["code"] == "unreadable_arguments"
    assert unknown.json()["error"]["code"] == "unknown_tool"


def test_http_openai_batch_answers_in_request_order(serve, known: Known) -> None:
    server = serve()
    httpx.post(
        f"{server.url}/tools/verify_identity",
        json={
            "customer_id": known.dana,
            "date_of_birth": "1985-03-05",
            "street_address": None,
            "zip_code": None,
        },
        headers={"X-Call-Id": "batch-1"},
    )
    body = {
        "tool_calls": [
            {
                "id": "call_a",
                "type": "function",
                "function": {
                    "name": "lookup_by_phone",
                    "arguments": json.dumps({"phone": DANA["phone"]}),
                },
            },
            {
                "id": "call_b",
                "type": "function",
                "function": {
                    "name": "get_service_due",
                    "arguments": json.dumps(
                        {"vehicle_id": known.dana_camry, "current_mileage": "45,000"}
                    ),
                },
            },
            {
                "id": "call_c",
                "type": "function",
                "function": {
                    "name": "book_appointment",
                    "arguments": '{"customer_id": 1, "start": "2026-',
                },
            },
        ]
    }

    answer = httpx.post(
        f"{server.url}/openai/tool-calls", json=body, headers={"X-Call-Id": "batch-1"}
    )

    messages = answer.json()["messages"]
    assert [m["tool_call_id"] for m in messages] == ["call_a", "call_b", "call_c"]
    assert all(m["role"] == "tool" for m in messages)
    contents = [json.loads(m["content"]) for m in messages]
    assert contents[0]["data"]["customers"][0]["id"] == known.dana
    assert contents[1]["data"]["mileage"] == 45000
    assert contents[2]["error"]["code"] == "unreadable_arguments"


def test_http_openai_batch_refuses_a_body_without_tool_calls(serve) -> None:
    server = serve()

    answer = httpx.post(f"{server.url}/openai/tool-calls", json={"calls": []})

    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_body"


def test_http_api_key_guards_every_route_but_health(serve) -> None:
    server = serve(api_key="s3cret-key")

    bare = httpx.get(f"{server.url}/tools")
    wrong = httpx.get(f"{server.url}/tools", headers={"Authorization": "Bearer nope"})
    right = httpx.get(
        f"{server.url}/tools", headers={"Authorization": "Bearer s3cret-key"}
    )
    health = httpx.get(f"{server.url}/healthz")

    assert (bare.status_code, wrong.status_code, right.status_code) == (401, 401, 200)
    assert health.json() == {"ok": True, "database": "up"}


def test_serve_refuses_a_taken_port_in_one_line() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "agent_tools", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert result.returncode == 1
    assert result.stderr == (
        f"agent-tools: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    )

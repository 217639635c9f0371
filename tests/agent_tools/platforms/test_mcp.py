"""The MCP server over Streamable HTTP, driven by the official mcp client."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

from agent_tools.schema import definitions
from tests.agent_tools.conftest import DANA
from tests.agent_tools.platforms.conftest import LiveServer, assert_golden


@asynccontextmanager
async def connect(server: LiveServer, **headers: str) -> AsyncIterator[Client]:
    async with create_mcp_http_client(headers=headers) as http:
        transport = streamable_http_client(f"{server.url}/mcp", http_client=http)
        async with Client(transport) as client:
            yield client


def dumped(result: Any) -> dict[str, Any]:
    out: dict[str, Any] = result.model_dump(by_alias=True, exclude_none=True)
    return out


async def test_mcp_lists_our_tools_with_their_strict_schemas(
    serve: Callable[..., LiveServer],
):
    async with connect(serve()) as client:
        listed = await client.list_tools()

    tools = [dumped(tool) for tool in listed.tools]
    assert [
        {k: t[k] for k in ("name", "description", "inputSchema")} for t in tools
    ] == definitions("mcp")


async def test_mcp_call_tool_takes_the_call_context_from_headers(
    serve: Callable[..., LiveServer],
):
    headers = {"X-Call-Id": "mcp-call-1", "X-Caller-Phone": DANA["phone"]}
    async with connect(serve(), **headers) as client:
        result = await client.call_tool("lookup_by_phone", {"phone": None})

    assert result.is_error is False
    assert json.loads(result.content[0].text) == result.structured_content
    assert_golden("mcp_lookup", dumped(result))


async def test_mcp_call_tool_answers_refusals_as_error_results(
    serve: Callable[..., LiveServer],
):
    async with connect(serve()) as client:
        unknown = await client.call_tool("order_pizza", {})
        unverified = await client.call_tool(
            "get_service_due", {"vehicle_id": 1, "current_mileage": None}
        )

    assert unknown.is_error and unverified.is_error
    assert_golden("mcp_refusals", [dumped(unknown), dumped(unverified)])


async def test_mcp_is_behind_the_bearer_token_when_one_is_set(
    serve: Callable[..., LiveServer],
):
    server = serve(api_key="server-key")

    async with connect(server, authorization="Bearer server-key") as client:
        listed = await client.list_tools()

    assert len(listed.tools) == len(definitions("mcp"))

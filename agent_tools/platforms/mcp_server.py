"""Our tools as a Model Context Protocol server over Streamable HTTP at /mcp.

Stateless with JSON responses, so any worker process can answer any request.
Tools are listed with the same strict schemas as every other format; the call
context comes from the X-Call-Id / X-Caller-Phone headers (never from the
LLM), and a refusal is a tool result with ``isError: true``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import mcp_types as types
from fastapi import FastAPI
from mcp.server import Server, ServerRequestContext
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp
from mcp.server.transport_security import TransportSecuritySettings
from starlette.routing import Route

from agent_tools.context import CallContext
from agent_tools.platforms.common import answer_text
from agent_tools.schema import definitions
from agent_tools.toolbox import Toolbox

PATH = "/mcp"


def build_server(app: FastAPI) -> Server[Any]:
    """An MCP server whose tool calls go to ``app``'s toolbox."""

    async def list_tools(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return types.ListToolsResult(
            tools=[types.Tool.model_validate(tool) for tool in definitions("mcp")]
        )

    async def call_tool(
        ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        box: Toolbox = app.state.toolbox
        envelope = await box.call(params.name, params.arguments or {}, _context(ctx))
        return types.CallToolResult(
            content=[types.TextContent(type="text", text=answer_text(envelope))],
            structured_content=envelope,
            is_error=not envelope["ok"],
        )

    return Server(
        "agent-tools",
        version="0.1.0",
        instructions="Tools for a car dealership's service line: look up the "
        "caller, verify identity, check service due, find and book times.",
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )


def _context(ctx: ServerRequestContext[Any]) -> CallContext:
    headers: Mapping[str, str] = getattr(ctx.request, "headers", None) or {}
    return CallContext.create(
        headers.get("x-call-id"), headers.get("x-caller-phone"), platform="mcp"
    )


def register(app: FastAPI) -> None:
    """Serve MCP at /mcp; ``running(app)`` must wrap the app's lifespan."""
    server = build_server(app)
    # The host check guards unauthenticated servers on a developer's machine;
    # this one sits behind the bearer-token guard and a reverse proxy whose
    # host name we cannot know, so it is off.
    server.streamable_http_app(
        streamable_http_path=PATH,
        stateless_http=True,
        json_response=True,
        transport_security=TransportSecuritySettings(
            enable_dns_rebinding_protection=False
        ),
    )
    manager = server.session_manager
    app.state.mcp_session_manager = manager
    # A plain route, not a mount: a mount would redirect /mcp to /mcp/.
    app.router.routes.append(
        Route(PATH, StreamableHTTPASGIApp(manager), methods=["GET", "POST", "DELETE"])
    )


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[None]:
    """Run the MCP session manager for as long as the app serves."""
    async with app.state.mcp_session_manager.run():
        yield

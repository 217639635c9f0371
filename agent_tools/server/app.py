"""The HTTP tool server: definitions, tool calls, OpenAI batches, health."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import FastAPI, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from agent_tools import platforms
from agent_tools.context import CallContext
from agent_tools.database import Database
from agent_tools.errors import ArgumentError
from agent_tools.schema import FORMATS, definitions
from agent_tools.settings import Settings, get_settings
from agent_tools.toolbox import Envelope, Toolbox, refusal
from db.engine import database_url

MAX_BODY_BYTES = 4 * 1024 * 1024
OPEN_PATHS = {"/healthz"}

CallIdHeader = Annotated[str | None, Header(alias="X-Call-Id")]
CallerHeader = Annotated[str | None, Header(alias="X-Caller-Phone")]


def create_app(
    settings: Settings | None = None, toolbox: Toolbox | None = None
) -> FastAPI:
    """Build the app; without a toolbox it opens the configured database."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if toolbox is not None:
            app.state.toolbox = toolbox
            async with platforms.running(app):
                yield
            return
        database = Database.from_url(
            database_url(settings),
            settings,
            statement_timeout_ms=int(settings.tool_deadline_seconds * 1000) - 100,
        )
        app.state.toolbox = Toolbox(database, deadline=settings.tool_deadline_seconds)
        try:
            async with platforms.running(app):
                yield
        finally:
            await database.close()

    app = FastAPI(
        title="agent-tools",
        summary="Tools a car dealership's phone voice agent calls during a call.",
        version="0.1.0",
        lifespan=lifespan,
    )
    key = settings.api_key.get_secret_value() if settings.api_key else None
    app.add_middleware(Guard, key=key)
    _routes(app)
    platforms.register(app, settings)
    return app


class Guard:
    """Refuse an unauthorised or oversized HTTP request before any route runs.

    Plain ASGI rather than ``app.middleware("http")``, which costs a task
    group per request.
    """

    def __init__(self, app: ASGIApp, key: str | None) -> None:
        self.app = app
        self.key = key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            refused = self._refusal(scope)
            if refused is not None:
                await refused(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _refusal(self, scope: Scope) -> Response | None:
        headers = Headers(scope=scope)
        if self.key and not _open(scope["path"]) and not _authorised(headers, self.key):
            return JSONResponse(
                {
                    "ok": False,
                    "error": {
                        "code": "unauthorized",
                        "message": "Missing or wrong bearer token.",
                    },
                },
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY_BYTES:
            return JSONResponse(
                refusal(
                    ArgumentError("The request body is too large.", code="too_large")
                ),
                status_code=413,
            )
        return None


def _open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(platforms.SELF_AUTHENTICATED)


def _authorised(headers: Headers, key: str) -> bool:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and secrets.compare_digest(
        token.strip().encode(), key.encode()
    )


def toolbox_of(request: Request) -> Toolbox:
    box: Toolbox = request.app.state.toolbox
    return box


def _routes(app: FastAPI) -> None:
    @app.get("/tools", tags=["tools"])
    async def list_tools(
        fmt: Annotated[
            str, Query(alias="format", pattern="^(" + "|".join(FORMATS) + ")$")
        ] = "openai",
    ) -> list[dict[str, Any]]:
        """List the tool definitions in one platform's format."""
        return definitions(fmt)

    @app.post("/tools/{name}", tags=["tools"])
    async def call_tool(
        name: str,
        request: Request,
        call_id: CallIdHeader = None,
        caller: CallerHeader = None,
    ) -> Envelope:
        """Run one tool; the body is its arguments object. Always HTTP 200."""
        context = CallContext.create(call_id, caller, platform="http")
        return await toolbox_of(request).call(name, await request.body(), context)

    @app.post("/openai/tool-calls", tags=["openai"])
    async def openai_tool_calls(
        request: Request,
        call_id: CallIdHeader = None,
        caller: CallerHeader = None,
    ) -> Response:
        """Run every tool call of an OpenAI assistant message, answered in order."""
        try:
            tool_calls = _tool_calls(await request.body())
        except ArgumentError as error:
            return JSONResponse(refusal(error), status_code=400)
        context = CallContext.create(call_id, caller, platform="openai")
        box = toolbox_of(request)
        answers = await asyncio.gather(
            *(box.call(_name(item), _arguments(item), context) for item in tool_calls)
        )
        messages = [
            {
                "role": "tool",
                "tool_call_id": str(item.get("id", "")),
                "content": json.dumps(answer, separators=(",", ":")),
            }
            for item, answer in zip(tool_calls, answers, strict=True)
        ]
        return JSONResponse({"messages": messages})

    @app.get("/healthz", tags=["health"])
    async def healthz(request: Request) -> Response:
        """Liveness and database reachability."""
        box = toolbox_of(request)
        try:
            async with asyncio.timeout(2):
                async with box.database.connection() as connection:
                    await connection.fetchval("SELECT 1")
        except Exception:
            return JSONResponse(
                {"ok": False, "database": "unreachable"}, status_code=503
            )
        return JSONResponse({"ok": True, "database": "up"})


def _tool_calls(body: bytes) -> list[dict[str, Any]]:
    try:
        payload = json.loads(body or b"null")
    except json.JSONDecodeError:
        raise ArgumentError(
            "The body is not valid JSON.", code="unreadable_body"
        ) from None
    calls = payload.get("tool_calls") if isinstance(payload, dict) else None
    if not isinstance(calls, list) or not all(isinstance(c, dict) for c in calls):
        raise ArgumentError(
            'The body must be {"tool_calls": [...]} as in an OpenAI assistant message.',
            code="invalid_body",
        )
    return calls


def _name(item: dict[str, Any]) -> str:
    function = item.get("function")
    name = function.get("name") if isinstance(function, dict) else None
    return name if isinstance(name, str) else ""


def _arguments(item: dict[str, Any]) -> object:
    function = item.get("function")
    return function.get("arguments") if isinstance(function, dict) else None

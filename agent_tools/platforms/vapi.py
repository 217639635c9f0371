"""Vapi server-URL tools: ``POST /vapi/tool-calls``.

Vapi posts ``{"message": {"type": "tool-calls", "toolCallList": [...], ...}}``
and ignores any status but 200, so every answer (refusals and unreadable
bodies included) is HTTP 200 with one ``results`` entry per tool call, in the
order of the request. Only a failed authentication is a 401.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from agent_tools.context import CallContext
from agent_tools.platforms.common import (
    answer_text,
    bearer_token,
    first_text,
    member,
    same_secret,
    toolbox_of,
)
from agent_tools.settings import Settings

logger = logging.getLogger(__name__)

PATH = "/vapi/tool-calls"


def register(app: FastAPI, settings: Settings) -> None:
    secret = _secret(settings)
    header = settings.vapi_secret_header

    @app.post(PATH, tags=["vapi"])
    async def vapi_tool_calls(request: Request) -> Response:
        """Run every tool call of a Vapi tool-calls message; always HTTP 200."""
        if secret and not _authorised(request, header, secret):
            return JSONResponse(
                {"error": "Missing or wrong Vapi credential."}, status_code=401
            )
        message = _message(await request.body())
        calls = _tool_calls(message)
        context = CallContext.create(
            first_text(member(member(message, "call"), "id")),
            first_text(member(member(message, "customer"), "number")),
            platform="vapi",
        )
        box = toolbox_of(request)
        answers = await asyncio.gather(
            *(box.call(_name(item), _arguments(item), context) for item in calls)
        )
        results = [
            _result(item, answer) for item, answer in zip(calls, answers, strict=True)
        ]
        return JSONResponse({"results": results})


def _secret(settings: Settings) -> str | None:
    """The Vapi credential, else the server's API key, else none (open)."""
    for value in (settings.vapi_secret, settings.api_key):
        if value is not None and value.get_secret_value():
            return value.get_secret_value()
    return None


def _authorised(request: Request, header: str, secret: str) -> bool:
    # A Vapi Bearer credential may send its token under a custom header name,
    # with or without the "Bearer " prefix (the legacy X-Vapi-Secret has none).
    custom = request.headers.get(header, "").strip()
    if custom.lower().startswith("bearer "):
        custom = custom[7:].strip()
    given = [bearer_token(request), custom]
    return any(value and same_secret(value, secret) for value in given)


def _message(body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError):
        logger.warning("vapi sent a body that is not JSON")
        return {}
    message = member(payload, "message")
    return message if isinstance(message, dict) else {}


def _tool_calls(message: dict[str, Any]) -> list[dict[str, Any]]:
    """Read toolCallList, else the toolCall of each toolWithToolCallList item."""
    calls = message.get("toolCallList")
    if not isinstance(calls, list):
        wrapped = message.get("toolWithToolCallList")
        items = wrapped if isinstance(wrapped, list) else []
        calls = [member(item, "toolCall") for item in items]
    return [call for call in calls if isinstance(call, dict)]


def _name(call: dict[str, Any]) -> str:
    return first_text(member(call.get("function"), "name"), call.get("name")) or ""


def _arguments(call: dict[str, Any]) -> object:
    """Take the arguments wherever this shape of the payload puts them."""
    function = call.get("function")
    for source, key in ((function, "arguments"), (call, "arguments")):
        value = member(source, key)
        if value is not None:
            return value
    return call.get("parameters")


def _result(call: dict[str, Any], envelope: dict[str, Any]) -> dict[str, str]:
    key = "result" if envelope["ok"] else "error"
    return {
        "toolCallId": str(call.get("id", "")),
        "name": _name(call),
        key: answer_text(envelope),
    }

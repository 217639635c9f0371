"""Retell custom functions: ``POST /retell/functions``.

Retell posts ``{"name", "args", "call"}`` and signs the raw body in
``X-Retell-Signature: v=<unix ms>,d=<hex>`` with HMAC-SHA256 keyed by the
Retell API key over ``body + str(unix ms)``. A function configured with
"Payload: args only" posts the bare arguments instead; point it at
``/retell/functions?name=<tool>&args_only=true`` so we know which tool it is.
The answer is our JSON envelope, HTTP 200; Retell hands it to the LLM as text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from typing import Annotated

from fastapi import FastAPI, Header, Query, Request, Response
from fastapi.responses import JSONResponse

from agent_tools.context import CallContext
from agent_tools.errors import ArgumentError
from agent_tools.platforms.common import first_text, member, toolbox_of
from agent_tools.settings import Settings
from agent_tools.toolbox import refusal

PATH = "/retell/functions"
# Retell's window; it also bounds how long a captured request can be replayed.
MAX_SKEW_MS = 5 * 60 * 1000
_SIGNATURE = re.compile(r"v=(\d{1,15}),d=([0-9a-fA-F]{64})")


def register(app: FastAPI, settings: Settings) -> None:
    key = settings.retell_api_key.get_secret_value() if settings.retell_api_key else ""

    @app.post(PATH, tags=["retell"])
    async def retell_function(
        request: Request,
        signature: Annotated[str | None, Header(alias="X-Retell-Signature")] = None,
        name: Annotated[str | None, Query(max_length=64)] = None,
        args_only: Annotated[bool, Query()] = False,
    ) -> Response:
        """Run one Retell custom function after checking its signature."""
        body = await request.body()
        if not key or not signature_ok(body, signature or "", key):
            return JSONResponse(
                {"error": "Missing, wrong or expired X-Retell-Signature."},
                status_code=401,
            )
        try:
            payload = json.loads(body or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError):
            return JSONResponse(refusal(_unreadable()))
        if args_only:
            tool, arguments, call = name or "", payload, None
        else:
            tool = first_text(member(payload, "name"), name) or ""
            arguments, call = member(payload, "args"), member(payload, "call")
        context = CallContext.create(
            first_text(member(call, "call_id"), request.headers.get("x-call-id")),
            first_text(
                member(call, "from_number"), request.headers.get("x-caller-phone")
            ),
            platform="retell",
        )
        return JSONResponse(await toolbox_of(request).call(tool, arguments, context))


def sign(body: bytes, key: str, timestamp_ms: int) -> str:
    """Return the X-Retell-Signature value Retell sends for ``body``."""
    digest = hmac.new(key.encode(), body + str(timestamp_ms).encode(), hashlib.sha256)
    return f"v={timestamp_ms},d={digest.hexdigest()}"


def signature_ok(body: bytes, header: str, key: str, now_ms: int | None = None) -> bool:
    match = _SIGNATURE.fullmatch(header.strip())
    if match is None:
        return False
    timestamp = int(match[1])
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    if abs(now_ms - timestamp) > MAX_SKEW_MS:
        return False
    expected = sign(body, key, timestamp).encode()
    return hmac.compare_digest(expected, f"v={timestamp},d={match[2].lower()}".encode())


def _unreadable() -> ArgumentError:
    return ArgumentError("The request body is not valid JSON.", code="unreadable_body")

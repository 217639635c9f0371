"""Twilio Media Streams in front of the Deepgram bridge: ``/twilio/media``.

Point a TwiML ``<Connect><Stream url="wss://HOST/twilio/media">`` at this
route and pass the caller's number as a stream parameter
(``<Parameter name="caller" value="{{From}}"/>``). Twilio sends ``connected``,
``start`` (call SID, custom parameters), then ``media`` frames of base64 8 kHz
mu-law and finally ``stop``; we send the agent's audio back as ``media``
frames and a ``clear`` when the caller starts talking over the agent.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, WebSocket, WebSocketDisconnect

from agent_tools.context import CallContext
from agent_tools.platforms import deepgram
from agent_tools.platforms.common import first_text, mask_phone, member, same_secret
from agent_tools.settings import Settings
from agent_tools.toolbox import Toolbox

logger = logging.getLogger(__name__)

PATH = "/twilio/media"
# Names a TwiML author plausibly gives the caller's number parameter.
CALLER_KEYS = ("caller", "from", "From", "caller_phone", "callerPhone")


def register(app: FastAPI, settings: Settings) -> None:
    @app.websocket(PATH)
    async def twilio_media(websocket: WebSocket) -> None:
        await websocket.accept()
        start = await _start_event(websocket)
        if start is None or not _token_ok(start, settings):
            await websocket.close(code=1008)
            return
        await _bridge(websocket, start, settings, websocket.app.state.toolbox)


def call_context(start: dict[str, Any]) -> CallContext:
    """Call id from the call SID, caller from the stream's custom parameters."""
    parameters = member(start, "customParameters") or {}
    caller = first_text(*(member(parameters, key) for key in CALLER_KEYS))
    call_id = first_text(member(start, "callSid"), member(start, "streamSid"))
    return CallContext.create(call_id, caller, platform="deepgram")


async def _start_event(websocket: WebSocket) -> dict[str, Any] | None:
    """Read up to the ``start`` event; None when the stream ends before it."""
    try:
        while True:
            message = _json(await websocket.receive_text())
            if message.get("event") == "start":
                start = message.get("start")
                if isinstance(start, dict):
                    start.setdefault("streamSid", message.get("streamSid"))
                    return start
            if message.get("event") == "stop":
                return None
    except WebSocketDisconnect:
        return None


def _token_ok(start: dict[str, Any], settings: Settings) -> bool:
    # Twilio cannot add headers to the stream, so with an API key set the
    # TwiML passes it as a stream parameter named "token".
    if settings.api_key is None:
        return True
    token = member(member(start, "customParameters"), "token")
    expected = settings.api_key.get_secret_value()
    return isinstance(token, str) and same_secret(token, expected)


async def _bridge(
    websocket: WebSocket, start: dict[str, Any], settings: Settings, toolbox: Toolbox
) -> None:
    context = call_context(start)
    stream_sid = str(start.get("streamSid") or "")
    logger.info("twilio stream started for %s", mask_phone(context.caller_phone))

    async def to_twilio(chunk: bytes) -> None:
        payload = base64.b64encode(chunk).decode()
        await websocket.send_json(
            {"event": "media", "streamSid": stream_sid, "media": {"payload": payload}}
        )

    async def on_event(kind: str) -> None:
        # The caller talked over the agent: drop the audio Twilio still buffers.
        if kind == "UserStartedSpeaking":
            await websocket.send_json({"event": "clear", "streamSid": stream_sid})

    message = deepgram.settings_message(settings, caller_phone=context.caller_phone)
    bridge = deepgram.DeepgramBridge(
        toolbox, context, message, deepgram.client(settings)
    )
    await bridge.run(_caller_audio(websocket), to_twilio, on_event)
    if websocket.client_state.name == "CONNECTED":
        await websocket.close()


async def _caller_audio(websocket: WebSocket) -> AsyncIterator[bytes]:
    """The caller's mu-law audio, exactly as Twilio sent it, until ``stop``."""
    try:
        while True:
            message = _json(await websocket.receive_text())
            event = message.get("event")
            if event == "stop":
                return
            media = message.get("media")
            if event != "media" or not isinstance(media, dict):
                continue
            if media.get("track", "inbound") not in {"inbound", "inbound_track"}:
                continue
            chunk = _decode(media.get("payload"))
            if chunk:
                yield chunk
    except WebSocketDisconnect:
        return


def _decode(payload: object) -> bytes:
    if not isinstance(payload, str):
        return b""
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return b""


def _json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}

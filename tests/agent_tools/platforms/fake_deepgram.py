"""A local websocket server that plays Deepgram's agent side of the protocol.

It greets, takes the Settings, applies them, exchanges one audio frame each
way, then sends a scripted set of function-call messages and records every
FunctionCallResponse until the expected ids are answered.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

AGENT_AUDIO = bytes(range(256)) * 4
# How long to keep listening after the expected answers, for stray ones.
LINGER_SECONDS = 0.3


class FakeAgent:
    def __init__(self, script: list[dict[str, Any]], expected_ids: set[str]) -> None:
        self.script = script
        self.expected_ids = expected_ids
        self.authorization: str | None = None
        self.settings: dict[str, Any] = {}
        self.caller_audio: bytes = b""
        self.responses: list[dict[str, Any]] = []
        self.url = ""

    async def handle(self, ws: ServerConnection) -> None:
        self.authorization = ws.request.headers.get("Authorization")
        await ws.send(json.dumps({"type": "Welcome", "request_id": "req-1"}))
        self.settings = json.loads(await ws.recv())
        await ws.send(json.dumps({"type": "SettingsApplied"}))
        audio = await ws.recv()
        self.caller_audio = audio if isinstance(audio, bytes) else b""
        await ws.send(AGENT_AUDIO)
        await ws.send(json.dumps({"type": "UserStartedSpeaking"}))
        for message in self.script:
            await ws.send(json.dumps(message))
        await self._collect(ws)

    async def _collect(self, ws: ServerConnection) -> None:
        with contextlib.suppress(TimeoutError, ConnectionClosed):
            async with asyncio.timeout(10):
                while not self.expected_ids <= self.answered():
                    await self._receive(ws)
        with contextlib.suppress(TimeoutError, ConnectionClosed):
            async with asyncio.timeout(LINGER_SECONDS):
                while True:
                    await self._receive(ws)

    async def _receive(self, ws: ServerConnection) -> None:
        frame = await ws.recv()
        if isinstance(frame, str):
            self.responses.append(json.loads(frame))

    def answered(self) -> set[str]:
        return {r.get("id", "") for r in self.responses}


@asynccontextmanager
async def running(agent: FakeAgent) -> AsyncIterator[FakeAgent]:
    async with serve(agent.handle, "127.0.0.1", 0) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        agent.url = f"ws://127.0.0.1:{port}"
        yield agent

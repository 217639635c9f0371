"""A Twilio media stream through our websocket route to a local agent server."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.agent_tools.conftest import DANA
from tests.agent_tools.platforms.conftest import LiveServer, assert_golden
from tests.agent_tools.platforms.fake_deepgram import AGENT_AUDIO, FakeAgent, running

CALLER_AUDIO = bytes([0xFF, 0x7F, 0x00, 0x10]) * 40
STREAM = "MZ00000000000000000000000000000001"
CALL_SID = "CA00000000000000000000000000000001"


def twilio_messages(**parameters: str) -> list[dict[str, Any]]:
    media = {"track": "inbound", "chunk": "1", "timestamp": "5"}
    return [
        {"event": "connected", "protocol": "Call", "version": "1.0.0"},
        {
            "event": "start",
            "sequenceNumber": "1",
            "start": {
                "accountSid": "AC00000000000000000000000000000001",
                "streamSid": STREAM,
                "callSid": CALL_SID,
                "tracks": ["inbound"],
                "mediaFormat": {
                    "encoding": "audio/x-mulaw",
                    "sampleRate": 8000,
                    "channels": 1,
                },
                "customParameters": parameters,
            },
            "streamSid": STREAM,
        },
        {
            "event": "media",
            "sequenceNumber": "2",
            "media": {**media, "payload": base64.b64encode(CALLER_AUDIO).decode()},
            "streamSid": STREAM,
        },
    ]


async def until_answered(agent: FakeAgent, ids: set[str]) -> None:
    async with asyncio.timeout(10):
        while not ids <= agent.answered():
            await asyncio.sleep(0.02)


async def received(ws: ClientConnection, count: int) -> list[dict[str, Any]]:
    return [json.loads(await ws.recv()) for _ in range(count)]


async def test_twilio_media_relays_audio_and_answers_tools_as_the_caller(
    serve: Callable[..., LiveServer],
):
    lookup = {"id": "fc_1", "name": "lookup_by_phone", "client_side": True}
    request = {
        "type": "FunctionCallRequest",
        "functions": [{**lookup, "arguments": '{"phone": null}'}],
    }
    agent = FakeAgent([request], expected_ids={"fc_1"})

    async with running(agent):
        server = serve(deepgram_agent_url=agent.url)
        async with connect(f"{server.ws_url}/twilio/media") as ws:
            for message in twilio_messages(caller=DANA["phone"]):
                await ws.send(json.dumps(message))
            to_twilio = await received(ws, 2)
            await until_answered(agent, {"fc_1"})
            await ws.send(json.dumps({"event": "stop", "streamSid": STREAM}))
            with pytest.raises(ConnectionClosed):
                await asyncio.wait_for(ws.recv(), 5)

    assert agent.caller_audio == CALLER_AUDIO
    assert agent.settings["audio"]["input"] == {
        "encoding": "mulaw",
        "sample_rate": 8000,
    }
    assert to_twilio == [
        {
            "event": "media",
            "streamSid": STREAM,
            "media": {"payload": base64.b64encode(AGENT_AUDIO).decode()},
        },
        {"event": "clear", "streamSid": STREAM},
    ]
    assert_golden("twilio_function_responses", agent.responses)


async def test_twilio_media_refuses_a_stream_without_the_token(
    serve: Callable[..., LiveServer],
):
    server = serve(api_key="server-key")

    async with connect(f"{server.ws_url}/twilio/media") as ws:
        for message in twilio_messages(caller=DANA["phone"], token="guess")[:2]:
            await ws.send(json.dumps(message))
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 5)

    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008

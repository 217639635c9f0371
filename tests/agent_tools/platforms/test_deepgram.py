"""The Deepgram bridge on the real SDK against a local agent server."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from agent_tools.cli.main import app
from agent_tools.context import CallContext
from agent_tools.platforms import deepgram
from agent_tools.toolbox import Toolbox
from tests.agent_tools.conftest import DANA, Known
from tests.agent_tools.platforms.conftest import assert_golden, platform_settings
from tests.agent_tools.platforms.fake_deepgram import AGENT_AUDIO, FakeAgent, running

CALLER_AUDIO = b"\xff\x7f\x00caller audio\x80"


def function(fc_id: str, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": fc_id,
        "name": name,
        "arguments": json.dumps(arguments),
        "client_side": True,
    }


def script(known: Known) -> list[dict[str, Any]]:
    verify = {
        "customer_id": known.dana,
        "date_of_birth": "1985-03-05",
        "street_address": None,
        "zip_code": None,
    }
    return [
        {
            "type": "FunctionCallRequest",
            "functions": [
                function("fc_1", "lookup_by_phone", {"phone": None}),
                function("fc_2", "verify_identity", verify),
            ],
        },
        {
            "type": "FunctionCallRequest",
            "functions": [function("fc_3", "find_open_slots", {})],
        },
        {
            "type": "FunctionCallCancelled",
            "functions": [{"id": "fc_3", "name": "find_open_slots"}],
        },
    ]


async def caller_audio(done: asyncio.Event) -> AsyncIterator[bytes]:
    yield CALLER_AUDIO
    await done.wait()


async def test_deepgram_bridge_answers_each_function_and_drops_cancelled(
    crm: tuple[str, Known], toolbox: Toolbox
):
    agent = FakeAgent(script(crm[1]), expected_ids={"fc_1", "fc_2"})
    heard: list[bytes] = []
    events: list[str] = []

    async def hear(chunk: bytes) -> None:
        heard.append(chunk)

    async def note(kind: str) -> None:
        events.append(kind)

    async with running(agent):
        settings = platform_settings(crm[0], deepgram_agent_url=agent.url)
        message = deepgram.settings_message(settings, prompt="Test prompt.")
        context = CallContext.create("dg-call-1", DANA["phone"], platform="deepgram")
        bridge = deepgram.DeepgramBridge(
            toolbox, context, message, deepgram.client(settings)
        )
        await bridge.run(caller_audio(asyncio.Event()), hear, note)

    assert agent.authorization == "Token deepgram-test-key"
    assert agent.caller_audio == CALLER_AUDIO and heard == [AGENT_AUDIO]
    assert "UserStartedSpeaking" in events
    assert all(
        "endpoint" not in f for f in agent.settings["agent"]["think"]["functions"]
    )
    assert sorted(r["id"] for r in agent.responses) == ["fc_1", "fc_2"]
    assert_golden("deepgram_settings_sent", agent.settings)
    assert_golden(
        "deepgram_function_responses", sorted(agent.responses, key=lambda r: r["id"])
    )


def test_deepgram_settings_command_points_functions_at_the_server(
    tmp_path: Path, monkeypatch: Any
):
    prompt = tmp_path / "prompt.md"
    prompt.write_text("You answer the service line.", encoding="utf-8")
    monkeypatch.setenv("AGENT_TOOLS_API_KEY", "server-key")
    from agent_tools.settings import get_settings

    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(
            app,
            [
                "deepgram",
                "settings",
                "--server-url",
                "https://tools.example.com/",
                "--prompt-file",
                str(prompt),
            ],
        )
    finally:
        get_settings.cache_clear()

    assert result.exit_code == 0, result.output
    assert_golden("deepgram_settings_command", json.loads(result.output))

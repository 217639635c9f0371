"""Deepgram Voice Agent: the Settings message and a client-side function bridge.

Two ways to give a Deepgram agent our tools:

- server-side: ``settings_message(..., server_url=URL)`` puts an ``endpoint``
  on every function, and Deepgram POSTs each call to ``URL/tools/<name>``;
- client-side: ``DeepgramBridge`` holds the agent websocket itself (through
  the official SDK), answers every ``FunctionCallRequest`` through the
  Toolbox, and relays audio between a phone line and the agent untouched.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from deepgram import AsyncDeepgramClient, DeepgramClientEnvironment
from deepgram.agent.v1.types import AgentV1SendFunctionCallResponse, AgentV1Settings
from websockets.exceptions import ConnectionClosed

from agent_tools.context import CallContext
from agent_tools.platforms.common import answer_text, mask_phone
from agent_tools.schema import definitions
from agent_tools.settings import Settings
from agent_tools.toolbox import Toolbox
from db.dealership import Dealership, load_dealership

logger = logging.getLogger(__name__)

Message = dict[str, Any]
AudioSink = Callable[[bytes], Awaitable[None]]
EventSink = Callable[[str], Awaitable[None]]

PROMPT_FILE = Path(__file__).resolve().parents[2] / "prompts" / "system.md"
FALLBACK_PROMPT = (
    "You answer the phone for {name}'s service department. Be brief and warm. "
    "Use the tools to look the caller up, verify their identity before sharing "
    "or changing anything, check what service is due, and find and book times. "
    "Never guess a customer's data; never read out dates of birth or addresses."
)
# Twilio Media Streams carry 8 kHz mu-law both ways.
PHONE_AUDIO: Message = {
    "input": {"encoding": "mulaw", "sample_rate": 8000},
    "output": {"encoding": "mulaw", "sample_rate": 8000, "container": "none"},
}


def settings_message(
    settings: Settings,
    *,
    server_url: str | None = None,
    prompt: str | None = None,
    caller_phone: str | None = None,
    dealership: Dealership | None = None,
) -> Message:
    """Return a complete Settings message for a Deepgram agent."""
    dealership = dealership or load_dealership()
    return {
        "type": "Settings",
        "audio": PHONE_AUDIO,
        "agent": {
            "language": "en",
            "listen": {
                "provider": {
                    "type": "deepgram",
                    "model": settings.deepgram_listen_model,
                }
            },
            "think": {
                "provider": {
                    "type": settings.deepgram_think_provider,
                    "model": settings.deepgram_think_model,
                },
                "prompt": prompt or system_prompt(dealership, caller_phone),
                "functions": functions(settings, server_url),
            },
            "speak": {
                "provider": {"type": "deepgram", "model": settings.deepgram_speak_model}
            },
            "greeting": dealership.greeting,
        },
    }


def functions(settings: Settings, server_url: str | None = None) -> list[Message]:
    """Our tools in Deepgram's format; with a server URL, each gets an endpoint."""
    tools = definitions("deepgram")
    if server_url is None:
        return tools
    headers = {"content-type": "application/json"}
    if settings.api_key is not None:
        headers["authorization"] = f"Bearer {settings.api_key.get_secret_value()}"
    base = server_url.rstrip("/")
    return [
        {
            **tool,
            "endpoint": {
                "url": f"{base}/tools/{tool['name']}",
                "method": "POST",
                "headers": headers,
            },
        }
        for tool in tools
    ]


def system_prompt(dealership: Dealership, caller_phone: str | None = None) -> str:
    """The prompts/ system prompt, rendered when the renderer is available."""
    try:
        from agent_tools.prompting import render_system_prompt
    except ImportError:
        if PROMPT_FILE.exists():
            return PROMPT_FILE.read_text(encoding="utf-8")
        return FALLBACK_PROMPT.format(name=dealership.name)
    return render_system_prompt(dealership, datetime.now(UTC), caller_phone)


def client(settings: Settings) -> AsyncDeepgramClient:
    """An SDK client aimed at the configured agent URL (Deepgram's by default)."""
    agent = settings.deepgram_agent_url.rstrip("/")
    rest = agent.replace("wss://", "https://", 1).replace("ws://", "http://", 1)
    key = settings.deepgram_api_key
    return AsyncDeepgramClient(
        api_key=key.get_secret_value() if key else "",
        # Only the agent websocket is used; the other hosts point at it too so
        # a misconfiguration can never reach an unexpected host.
        environment=DeepgramClientEnvironment(
            base=rest, production=agent, agent=agent, agent_rest=rest
        ),
    )


class DeepgramBridge:
    """One phone call's agent connection: audio both ways, tools answered here."""

    def __init__(
        self,
        toolbox: Toolbox,
        context: CallContext,
        settings: Message,
        deepgram: AsyncDeepgramClient,
    ) -> None:
        self.toolbox = toolbox
        self.context = context
        self.settings = settings
        self.deepgram = deepgram
        self.cancelled: set[str] = set()
        self.answers: set[asyncio.Task[None]] = set()
        self.ready = asyncio.Event()

    async def run(
        self,
        audio_in: AsyncIterator[bytes],
        audio_out: AudioSink,
        events: EventSink | None = None,
    ) -> None:
        """Serve until the caller's audio ends or the agent hangs up."""
        logger.info(
            "deepgram agent call from %s",
            mask_phone(self.context.caller_phone),
            extra={"platform": "deepgram"},
        )
        async with self.deepgram.agent.v1.connect() as agent:
            listen = asyncio.create_task(self._listen(agent, audio_out, events))
            pump = asyncio.create_task(self._pump(agent, audio_in))
            await asyncio.wait({listen, pump}, return_when=asyncio.FIRST_COMPLETED)
            for task in (listen, pump):
                task.cancel()
            # A booking in flight when the caller hangs up still finishes; its
            # answer has nowhere to go.
            await asyncio.gather(listen, pump, *self.answers, return_exceptions=True)

    async def _pump(self, agent: Any, audio_in: AsyncIterator[bytes]) -> None:
        # Deepgram drops audio that arrives before the Settings are applied;
        # holding it back keeps the caller's first words.
        await self.ready.wait()
        async for chunk in audio_in:
            await agent.send_media(chunk)

    async def _listen(
        self, agent: Any, audio_out: AudioSink, events: EventSink | None
    ) -> None:
        async for message in agent:
            if isinstance(message, bytes):
                await audio_out(message)
                continue
            kind = getattr(message, "type", None)
            await self._handle(agent, kind, message)
            if events is not None and isinstance(kind, str):
                await events(kind)

    async def _handle(self, agent: Any, kind: object, message: Any) -> None:
        if kind == "Welcome":
            await agent.send_settings(AgentV1Settings.model_validate(self.settings))
        elif kind == "SettingsApplied":
            self.ready.set()
        elif kind == "FunctionCallRequest":
            for function in message.functions:
                if getattr(function, "client_side", True) is not False:
                    self._start_answer(agent, function)
        elif kind == "FunctionCallCancelled":
            self.cancelled.update(str(item.id) for item in message.functions)
        elif kind in {"Error", "Warning"}:
            logger.warning("deepgram %s: %s", kind, getattr(message, "description", ""))

    def _start_answer(self, agent: Any, function: Any) -> None:
        task = asyncio.create_task(self._answer(agent, function))
        self.answers.add(task)
        task.add_done_callback(self.answers.discard)

    async def _answer(self, agent: Any, function: Any) -> None:
        envelope = await self.toolbox.call(
            function.name, function.arguments, self.context
        )
        if function.id in self.cancelled:
            logger.info("dropped the answer to cancelled call %s", function.id)
            return
        response = AgentV1SendFunctionCallResponse(
            type="FunctionCallResponse",
            id=function.id,
            name=function.name,
            content=answer_text(envelope),
        )
        # The agent may have hung up while the tool ran.
        with contextlib.suppress(ConnectionClosed):
            await agent.send_function_call_response(response)

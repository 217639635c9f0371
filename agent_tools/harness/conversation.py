"""One phone call between a caller and the agent LLM, with the real tools.

The agent is any OpenAI-compatible Chat Completions endpoint reached through
the official ``openai`` client; its tool calls run in-process through the
same ``Toolbox`` every transport uses.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from openai import AsyncOpenAI

from agent_tools.context import CallContext
from agent_tools.schema import definitions
from agent_tools.toolbox import Toolbox

Message = dict[str, Any]
# More tool rounds than this in one agent turn means the model is looping.
MAX_TOOL_ROUNDS = 8


@dataclass
class ToolCallRecord:
    """One tool call the agent made, and the answer it was given."""

    turn: int
    id: str
    name: str
    arguments: str
    parsed: dict[str, Any] | None
    answer: dict[str, Any]
    ms: float


@dataclass
class RequestRecord:
    """One model request: how long it took and the tokens it used."""

    purpose: str
    ms: float
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass
class CallRecord:
    """Everything that happened on the call, saved with each run."""

    call_id: str
    messages: list[Message] = field(default_factory=list)
    tool_calls: list[ToolCallRecord] = field(default_factory=list)
    requests: list[RequestRecord] = field(default_factory=list)
    turns: int = 0
    tool_loop: bool = False

    def agent_text(self) -> str:
        """Everything the agent said aloud, one reply a line."""
        return "\n".join(
            m["content"]
            for m in self.messages
            if m["role"] == "assistant" and isinstance(m.get("content"), str)
        )

    def transcript(self) -> list[dict[str, str]]:
        """The spoken part of the call: who said what, in order."""
        speakers = {"user": "caller", "assistant": "agent"}
        return [
            {"speaker": speakers[m["role"]], "text": m["content"]}
            for m in self.messages
            if m["role"] in speakers and m.get("content")
        ]

    def usage(self) -> dict[str, int]:
        prompt = sum(r.prompt_tokens for r in self.requests)
        completion = sum(r.completion_tokens for r in self.requests)
        return {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["usage"] = self.usage()
        data["transcript"] = self.transcript()
        return data


ToolListener = Callable[[ToolCallRecord], None]


class Conversation:
    """The agent's side of a call: a system prompt, the tools, the model."""

    def __init__(
        self,
        client: AsyncOpenAI,
        model: str,
        toolbox: Toolbox,
        context: CallContext,
        system_prompt: str,
        *,
        greeting: str | None = None,
        on_tool: ToolListener | None = None,
    ) -> None:
        self.client = client
        self.model = model
        self.toolbox = toolbox
        self.context = context
        self.on_tool = on_tool
        self.tools = definitions("openai")
        self.record = CallRecord(call_id=context.call_id)
        self.record.messages.append({"role": "system", "content": system_prompt})
        if greeting:
            # The platform speaks the greeting before the model runs at all.
            self.record.messages.append({"role": "assistant", "content": greeting})

    async def reply(self, caller_text: str) -> str:
        """Play one caller turn; return what the agent says back."""
        self.record.turns += 1
        self.record.messages.append({"role": "user", "content": caller_text})
        for _ in range(MAX_TOOL_ROUNDS):
            message = await self._complete()
            self.record.messages.append(message)
            if not message.get("tool_calls"):
                return str(message.get("content") or "")
            for tool_call in message["tool_calls"]:
                await self._run_tool(tool_call)
        self.record.tool_loop = True
        return ""

    async def _complete(self) -> Message:
        started = time.perf_counter()
        response = await self.client.chat.completions.create(
            model=self.model,
            messages=self.record.messages,  # type: ignore[arg-type]
            tools=self.tools,  # type: ignore[arg-type]
        )
        self.record.requests.append(_request_record("agent", response, started))
        message = response.choices[0].message
        return message.model_dump(
            mode="json", exclude_none=True, include={"role", "content", "tool_calls"}
        ) | {"role": "assistant", "content": message.content}

    async def _run_tool(self, tool_call: Message) -> None:
        function = tool_call["function"]
        started = time.perf_counter()
        answer = await self.toolbox.call(
            function["name"], function["arguments"], self.context
        )
        record = ToolCallRecord(
            turn=self.record.turns,
            id=tool_call["id"],
            name=function["name"],
            arguments=function["arguments"],
            parsed=_parsed(function["arguments"]),
            answer=answer,
            ms=round((time.perf_counter() - started) * 1000, 2),
        )
        self.record.tool_calls.append(record)
        if self.on_tool is not None:
            self.on_tool(record)
        self.record.messages.append(
            {
                "role": "tool",
                "tool_call_id": tool_call["id"],
                "content": json.dumps(answer),
            }
        )


def _request_record(purpose: str, response: Any, started: float) -> RequestRecord:
    usage = response.usage
    return RequestRecord(
        purpose=purpose,
        ms=round((time.perf_counter() - started) * 1000, 2),
        prompt_tokens=usage.prompt_tokens if usage else 0,
        completion_tokens=usage.completion_tokens if usage else 0,
    )


def _parsed(arguments: str) -> dict[str, Any] | None:
    """The arguments as the checker compares them; None when unreadable."""
    try:
        value = json.loads(arguments)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


END_OF_CALL = "[END]"

CALLER_INSTRUCTIONS = """\
You are playing a person who phones the service desk of a car dealership.
You are the CALLER, not the agent. {who}
Your goal: {goal}
What you know and can give when asked: {knows}
Say one short, natural sentence or two at a time, as spoken on the phone.
Answer what the agent asks; do not volunteer everything at once.
When your goal is done, or the agent says it cannot be done and you have
said goodbye, reply with exactly {end} and nothing else."""


class SimulatedCaller:
    """A caller played by an LLM from a persona and a goal."""

    def __init__(
        self, client: AsyncOpenAI, model: str, who: str, goal: str, knows: list[str]
    ) -> None:
        self.client = client
        self.model = model
        self.instructions = CALLER_INSTRUCTIONS.format(
            who=who,
            goal=goal,
            knows="; ".join(knows) or "nothing special",
            end=END_OF_CALL,
        )

    async def next_line(self, record: CallRecord) -> str | None:
        """Return what the caller says next, or None when they hang up."""
        # Roles flip: to the caller model, the agent is the "user".
        flipped = {"assistant": "user", "user": "assistant"}
        history = [
            {"role": flipped[line["role"]], "content": line["content"]}
            for line in record.messages
            if line["role"] in flipped and line.get("content")
        ]
        if not history or history[0]["role"] != "user":
            history.insert(0, {"role": "user", "content": "(the phone rings)"})
        started = time.perf_counter()
        response = await self.client.chat.completions.create(
            model=self.model,
            messages=[{"role": "system", "content": self.instructions}, *history],  # type: ignore[list-item]
        )
        record.requests.append(_request_record("caller", response, started))
        text = (response.choices[0].message.content or "").strip()
        if not text or END_OF_CALL in text:
            return None
        return text

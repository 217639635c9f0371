"""A scripted OpenAI-compatible Chat Completions server on loopback.

It plays the peer the harness talks to over HTTP: each request pops the next
scripted step, which may read the conversation so far (a tool's answer, what
the caller said) to decide its reply, the way a deterministic agent would.
Requests with ``tools`` are the agent's; requests without are the simulated
caller's.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI, Request

Messages = list[dict[str, Any]]
Step = Callable[[Messages], dict[str, Any]]


class ScriptedLLM:
    """The scripts for the agent and the caller, and every request received."""

    def __init__(self) -> None:
        self.agent: list[Step] = []
        self.caller: list[Step] = []
        self.requests: list[dict[str, Any]] = []
        self._ids = 0

    def reset(self, agent: list[Step], caller: list[Step] | None = None) -> None:
        self.agent, self.caller, self.requests = list(agent), list(caller or []), []

    def respond(self, body: dict[str, Any]) -> dict[str, Any]:
        self.requests.append(body)
        queue = self.agent if body.get("tools") else self.caller
        fallback = say("Is there anything else?") if body.get("tools") else say("[END]")
        message = (queue.pop(0) if queue else fallback)(body["messages"])
        self._ids += 1
        calls = message.get("tool_calls")
        return {
            "id": f"chatcmpl-{self._ids}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "refusal": None, **message},
                    "logprobs": None,
                    "finish_reason": "tool_calls" if calls else "stop",
                }
            ],
            "usage": {
                "prompt_tokens": 100,
                "completion_tokens": 10,
                "total_tokens": 110,
            },
        }


def say(text: str) -> Step:
    return lambda messages: {"content": text}


def call(name: str, **arguments: Any) -> Step:
    """A tool call; an argument may be a function of the messages so far."""

    def step(messages: Messages) -> dict[str, Any]:
        values = {
            key: value(messages) if callable(value) else value
            for key, value in arguments.items()
        }
        return {
            "content": None,
            "tool_calls": [
                {
                    "id": f"call_{len(messages)}_{name}",
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps(values)},
                }
            ],
        }

    return step


def answer_of(
    tool: str, pick: Callable[[dict[str, Any]], Any]
) -> Callable[[Messages], Any]:
    """Read a value from the latest answer of ``tool`` in the conversation."""

    def read(messages: Messages) -> Any:
        ids = {
            c["id"]
            for m in messages
            for c in m.get("tool_calls") or []
            if c["function"]["name"] == tool
        }
        answers = [
            m for m in messages if m["role"] == "tool" and m["tool_call_id"] in ids
        ]
        return pick(json.loads(answers[-1]["content"]))

    return read


def caller_said(messages: Messages) -> str:
    return next(m["content"] for m in reversed(messages) if m["role"] == "user")


def app_for(script: ScriptedLLM) -> FastAPI:
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def completions(request: Request) -> dict[str, Any]:
        return script.respond(await request.json())

    return app


@contextmanager
def serve(script: ScriptedLLM) -> Iterator[str]:
    """Serve ``script`` on 127.0.0.1 in a thread; yield the /v1 base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app_for(script), log_level="warning"))
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()

"""A real uvicorn server on loopback, golden files, and platform settings."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from agent_tools.database import Database
from agent_tools.server.app import create_app
from agent_tools.settings import Settings
from agent_tools.toolbox import Toolbox
from tests.agent_tools.conftest import NOW, Known

GOLDEN = Path(__file__).parent / "golden"
VAPI_SECRET = "vapi-test-secret"
RETELL_KEY = "retell-test-key"


def assert_golden(name: str, value: Any) -> None:
    """Compare ``value`` with golden/<name>.json; UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / f"{name}.json"
    text = json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; run with UPDATE_GOLDEN=1"
    assert json.loads(path.read_text(encoding="utf-8")) == value


def platform_settings(url: str, **values: Any) -> Settings:
    defaults: dict[str, Any] = {
        "database_url": url,
        "api_key": None,
        "vapi_secret": VAPI_SECRET,
        "retell_api_key": RETELL_KEY,
        "deepgram_api_key": "deepgram-test-key",
        # Nothing in the tests may reach Deepgram: an unused loopback port.
        "deepgram_agent_url": "ws://127.0.0.1:9",
    }
    return Settings(**{**defaults, **values})


@dataclass
class LiveServer:
    url: str
    ws_url: str
    toolbox: Toolbox


def _listening_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture
def serve(
    crm: tuple[str, Known],
) -> Iterator[Callable[..., LiveServer]]:
    """Start create_app on a real uvicorn server in a thread of its own."""
    stops: list[Callable[[], None]] = []

    def start(**values: Any) -> LiveServer:
        settings = platform_settings(crm[0], **values)
        # The toolbox's pool is created lazily, so its connections belong to
        # the server thread's event loop, never the test's.
        database = Database.from_url(crm[0])
        toolbox = Toolbox(database, clock=lambda: NOW)
        app = create_app(settings, toolbox=toolbox)
        config = uvicorn.Config(
            app, log_config=None, lifespan="on", ws="websockets-sansio"
        )
        server = uvicorn.Server(config)
        sock = _listening_socket()
        port = sock.getsockname()[1]

        async def run() -> None:
            try:
                await server.serve(sockets=[sock])
            finally:
                await database.close()

        thread = threading.Thread(target=asyncio.run, args=(run(),), daemon=True)
        thread.start()
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the test server did not start")
            threading.Event().wait(0.01)

        def stop() -> None:
            server.should_exit = True
            thread.join(10)

        stops.append(stop)
        return LiveServer(f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}", toolbox)

    yield start
    for stop in stops:
        stop()

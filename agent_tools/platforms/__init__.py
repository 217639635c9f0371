"""Voice-platform adapters: thin transports around the one Toolbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from agent_tools import metrics
from agent_tools.settings import Settings

# Routes that authenticate on their own terms (a platform credential or a
# request signature) rather than with the server's bearer token.
SELF_AUTHENTICATED = ("/vapi/", "/retell/")


def register(app: FastAPI, settings: Settings) -> None:
    """Add every platform's routes, /metrics included, to ``app``."""
    from agent_tools.platforms import mcp_server, retell, twilio, vapi

    vapi.register(app, settings)
    retell.register(app, settings)
    mcp_server.register(app)
    twilio.register(app, settings)
    metrics.register(app)


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[None]:
    """What the platforms need while the app serves; wraps its lifespan."""
    from agent_tools.platforms import mcp_server

    metrics.watch(app.state.toolbox)
    try:
        async with mcp_server.running(app):
            yield
    finally:
        metrics.forget_this_process()

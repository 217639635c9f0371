"""``agent-tools serve``, ``schema`` and ``call``."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
from enum import StrEnum
from typing import Annotated

import asyncpg
import typer

from agent_tools.cli.common import clean_failures, fail
from agent_tools.context import CallContext
from agent_tools.database import Database
from agent_tools.logs import configure_logging
from agent_tools.schema import FORMATS, SERVER_FORMATS, definitions, server_definitions
from agent_tools.settings import get_settings
from agent_tools.toolbox import Toolbox
from db.engine import database_url
from db.migrate import upgrade

DEFAULT_CUSTOMERS = 10_000
DEFAULT_SEED = 42

Format = StrEnum(  # type: ignore[misc]
    "Format", {name: name for name in [*FORMATS, *SERVER_FORMATS]}
)


@clean_failures
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Migrate, seed the default CRM if the database is empty, and serve the tools."""
    import uvicorn

    _check_can_listen(host, port)
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    url = database_url(settings)
    upgrade(url)
    if asyncio.run(_is_empty(url)):
        from db.seed import seed_database

        typer.echo("empty database: seeding the default CRM", err=True)
        seed_database(url, customers=DEFAULT_CUSTOMERS, seed=DEFAULT_SEED)
    # Worker processes read the URL from the environment, so they share the
    # server this process started or was given.
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    # Uvicorn shuts down gracefully on SIGTERM, then raises the signal again;
    # exiting through Python lets the embedded PostgreSQL stop with us.
    signal.signal(signal.SIGTERM, _exit_cleanly)
    uvicorn.run(
        "agent_tools.server.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        timeout_graceful_shutdown=15,
    )


def _check_can_listen(host: str, port: int) -> None:
    """Refuse a taken or unknown address before starting anything."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        reason = os.strerror(exc.errno) if exc.errno else str(exc)
        raise fail(f"cannot listen on {host}:{port}: {reason}") from None


def _exit_cleanly(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


async def _is_empty(url: str) -> bool:
    connection = await asyncpg.connect(url)
    try:
        return not await connection.fetchval("SELECT EXISTS (SELECT 1 FROM customers)")
    finally:
        await connection.close()


def schema(
    fmt: Annotated[
        Format, typer.Option("--format", help="Which platform's format to print.")
    ] = Format["openai"],
    server_url: Annotated[
        str | None,
        typer.Option(help="Our server's public URL (vapi and retell need it)."),
    ] = None,
) -> None:
    """Print the tool definitions as JSON."""
    if fmt.value in SERVER_FORMATS:
        if not server_url:
            raise typer.BadParameter("--server-url is required", param_hint="--format")
        typer.echo(json.dumps(server_definitions(fmt.value, server_url), indent=2))
        return
    typer.echo(json.dumps(definitions(fmt.value), indent=2))


@clean_failures
def call(
    tool: Annotated[str, typer.Argument(help="The tool's name.")],
    arguments: Annotated[str, typer.Argument(help="The arguments as JSON.")] = "{}",
    call_id: Annotated[
        str | None, typer.Option(help="Same id across runs = same call.")
    ] = None,
    caller: Annotated[
        str | None, typer.Option(help="The caller's phone number.")
    ] = None,
) -> None:
    """Run one tool in-process and print its answer (exit 1 when it refuses)."""
    settings = get_settings()
    url = database_url(settings)
    upgrade(url)
    context = CallContext.create(call_id, caller, platform="cli")
    envelope = asyncio.run(_call_once(url, tool, arguments, context))
    typer.echo(json.dumps(envelope, indent=2))
    if not envelope["ok"]:
        raise typer.Exit(1)


async def _call_once(
    url: str, tool: str, arguments: str, context: CallContext
) -> dict[str, object]:
    settings = get_settings()
    database = Database.from_url(url, settings)
    try:
        toolbox = Toolbox(database, deadline=settings.tool_deadline_seconds)
        return await toolbox.call(tool, arguments, context)
    finally:
        await database.close()

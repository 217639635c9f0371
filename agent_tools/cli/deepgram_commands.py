"""``agent-tools deepgram settings`` and ``deepgram run``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from agent_tools.cli import tool_commands
from agent_tools.cli.common import fail
from agent_tools.platforms.deepgram import settings_message
from agent_tools.settings import get_settings

app = typer.Typer(help="Deepgram Voice Agent.", no_args_is_help=True)


@app.command("settings")
def settings(
    server_url: Annotated[
        str, typer.Option(help="Our server's public URL; functions call it.")
    ],
    prompt_file: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="Use this system prompt."),
    ] = None,
) -> None:
    """Print a Settings message whose functions call our server over HTTP."""
    prompt = prompt_file.read_text(encoding="utf-8") if prompt_file else None
    message = settings_message(get_settings(), server_url=server_url, prompt=prompt)
    typer.echo(json.dumps(message, indent=2, ensure_ascii=False))


@app.command("run")
def run(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Serve the tools and the Twilio media-stream bridge to a Deepgram agent."""
    if get_settings().deepgram_api_key is None:
        raise fail("set DEEPGRAM_API_KEY (or AGENT_TOOLS_DEEPGRAM_API_KEY) first")
    typer.echo(
        "Twilio: answer calls with <Connect><Stream "
        'url="wss://YOUR-HOST/twilio/media"><Parameter name="caller" '
        'value="{{From}}"/></Stream></Connect>',
        err=True,
    )
    tool_commands.serve(host=host, port=port, workers=workers)

"""Entry point of the ``agent-tools`` command."""

from __future__ import annotations

import typer

from agent_tools.cli import (
    db_commands,
    deepgram_commands,
    harness_commands,
    seed_command,
    tool_commands,
)

app = typer.Typer(
    help="Backend tools for a car dealership's phone voice agent.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(db_commands.app, name="db")
app.add_typer(deepgram_commands.app, name="deepgram")
app.command("serve")(tool_commands.serve)
app.command("schema")(tool_commands.schema)
app.command("call")(tool_commands.call)
seed_command.register(app)
app.add_typer(harness_commands.prompt_app, name="prompt")
app.command("eval")(harness_commands.evaluate)
app.command("chat")(harness_commands.chat)

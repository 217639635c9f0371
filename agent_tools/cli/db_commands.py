"""``agent-tools db``: the schema and the database in use."""

from __future__ import annotations

import typer

from agent_tools.cli.common import clean_failures
from db.engine import database_url
from db.migrate import upgrade as migrate_upgrade

app = typer.Typer(help="Database schema and connection.", no_args_is_help=True)


@app.command("upgrade")
@clean_failures
def upgrade() -> None:
    """Apply the schema migrations to the database in use."""
    migrate_upgrade(database_url())
    typer.echo("schema is up to date")


@app.command("url")
@clean_failures
def url() -> None:
    """Print the database URL in use (starting the embedded server if needed)."""
    typer.echo(database_url())

"""``agent-tools seed``: fill the database with the mock CRM."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Annotated, Any

import typer

# Typer ships its own copy of click and exports no UsageError of its own.
from typer._click.core import Context
from typer._click.exceptions import UsageError
from typer.core import TyperCommand

from agent_tools.cli.common import clean_failures
from db.engine import database_url
from db.migrate import upgrade
from db.seed import MAX_CUSTOMERS, seed_database


class SeedCommand(TyperCommand):
    """Report a usage mistake as one line on stderr, not a help panel."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:
            message = " ".join(exc.format_message().split())
            typer.echo(f"agent-tools seed: {message}", err=True)
            raise typer.Exit(2) from None


def _customers(value: int) -> int:
    if not 1 <= value <= MAX_CUSTOMERS:
        raise typer.BadParameter(
            f"{value:,} is outside 1..{MAX_CUSTOMERS:,}", param_hint="--customers"
        )
    return value


@clean_failures
def seed(
    customers: Annotated[
        int,
        typer.Option(help="How many customers to generate.", callback=_customers),
    ] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed; same seed, same rows.")] = 42,
    reset: Annotated[
        bool, typer.Option("--reset", help="Replace the data already there.")
    ] = False,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            help="Reference date YYYY-MM-DD (default: today at the dealership).",
        ),
    ] = None,
) -> None:
    """Migrate the database, then fill it with a reproducible mock CRM."""
    url = database_url()
    upgrade(url)
    summary = seed_database(
        url,
        customers=customers,
        seed=seed,
        reset=reset,
        as_of=as_of.date() if as_of else None,
        progress=sys.stderr.isatty(),
    )
    typer.echo(summary.render())


def register(app: Any) -> None:
    """Add the command to ``app`` (kept here so main.py needs one line)."""
    app.command("seed", cls=SeedCommand)(seed)

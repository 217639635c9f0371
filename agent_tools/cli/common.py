"""What every command shares: clean failures and the database URL."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from agent_tools.errors import ToolError
from db.errors import DatabaseError

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line on stderr and return the exit to raise."""
    typer.echo(f"agent-tools: {message}", err=True)
    return typer.Exit(code)


def clean_failures(command: Callable[P, R]) -> Callable[P, R]:
    """Turn expected failures into one line on stderr and a non-zero exit."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except DatabaseError as exc:
            raise fail(str(exc).splitlines()[0]) from None
        except ToolError as exc:
            raise fail(exc.message) from None
        except KeyboardInterrupt:
            raise fail("interrupted; nothing was written", 130) from None
        except OSError as exc:
            raise fail(f"{exc.strerror or exc}") from None

    return wrapper

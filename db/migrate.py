"""Bring a database's schema up to date with Alembic."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.exc import SQLAlchemyError

from db.errors import DatabaseError

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Apply every migration up to ``revision`` (blocking; not inside a loop)."""
    try:
        command.upgrade(alembic_config(url), revision)
    except (OSError, SQLAlchemyError) as exc:
        raise DatabaseError(f"cannot migrate the database: {exc}") from exc

"""Where the database is and how we talk to it, read from the environment."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """Return the embedded PostgreSQL's data directory when none is configured."""
    return platformdirs.user_data_path("agent-tools") / "postgres"


class DatabaseSettings(BaseSettings):
    """Database settings; every field has an environment variable."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL")
    )
    data_dir: Path = Field(
        default_factory=default_data_dir,
        validation_alias=AliasChoices("AGENT_TOOLS_DATA_DIR"),
    )
    pool_size: int = Field(
        default=10,
        ge=1,
        le=200,
        validation_alias=AliasChoices("AGENT_TOOLS_DB_POOL_SIZE"),
    )
    # A request that cannot get a connection within this many seconds answers
    # "busy" instead of queueing behind a burst.
    pool_timeout: float = Field(
        default=1.0, gt=0, validation_alias=AliasChoices("AGENT_TOOLS_DB_POOL_TIMEOUT")
    )
    # PgBouncer in transaction mode cannot keep prepared statements per client.
    pgbouncer: bool = Field(
        default=False, validation_alias=AliasChoices("AGENT_TOOLS_PGBOUNCER")
    )

"""The server's settings: one object, read from the environment."""

from __future__ import annotations

from functools import cache

from pydantic import AliasChoices, Field, SecretStr

from db.settings import DatabaseSettings


class Settings(DatabaseSettings):
    """Everything the tool server reads from its environment; no secret defaults."""

    api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("AGENT_TOOLS_API_KEY")
    )
    # A tool answers "timeout" rather than keep a caller waiting longer.
    tool_deadline_seconds: float = Field(
        default=2.0, gt=0, validation_alias=AliasChoices("AGENT_TOOLS_TOOL_DEADLINE")
    )
    log_format: str = Field(
        default="json", validation_alias=AliasChoices("AGENT_TOOLS_LOG_FORMAT")
    )
    log_level: str = Field(
        default="INFO", validation_alias=AliasChoices("AGENT_TOOLS_LOG_LEVEL")
    )


@cache
def get_settings() -> Settings:
    return Settings()

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
    # Voice platforms. Each secret is optional; a platform whose secret is
    # unset falls back to the API key (Vapi) or refuses every request (Retell).
    vapi_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("AGENT_TOOLS_VAPI_SECRET")
    )
    vapi_secret_header: str = Field(
        default="X-Vapi-Secret",
        validation_alias=AliasChoices("AGENT_TOOLS_VAPI_SECRET_HEADER"),
    )
    retell_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("AGENT_TOOLS_RETELL_API_KEY")
    )
    deepgram_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "AGENT_TOOLS_DEEPGRAM_API_KEY", "DEEPGRAM_API_KEY"
        ),
    )
    deepgram_agent_url: str = Field(
        default="wss://agent.deepgram.com",
        validation_alias=AliasChoices("AGENT_TOOLS_DEEPGRAM_AGENT_URL"),
    )
    deepgram_listen_model: str = Field(
        default="nova-3", validation_alias=AliasChoices("AGENT_TOOLS_DEEPGRAM_LISTEN")
    )
    deepgram_think_provider: str = Field(
        default="open_ai",
        validation_alias=AliasChoices("AGENT_TOOLS_DEEPGRAM_THINK_PROVIDER"),
    )
    deepgram_think_model: str = Field(
        default="gpt-4o-mini",
        validation_alias=AliasChoices("AGENT_TOOLS_DEEPGRAM_THINK_MODEL"),
    )
    deepgram_speak_model: str = Field(
        default="aura-2-thalia-en",
        validation_alias=AliasChoices("AGENT_TOOLS_DEEPGRAM_SPEAK"),
    )


@cache
def get_settings() -> Settings:
    return Settings()

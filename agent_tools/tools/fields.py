"""Argument types shared by the tools, forgiving where the LLM is sloppy."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from agent_tools.normalize import is_placeholder


def _text(value: Any) -> Any:
    # Models send numbers for phone numbers and ZIP codes; read them as the
    # digits they are. A boolean is never what a caller said.
    if isinstance(value, bool):
        raise ValueError("expected text, got true/false")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def _optional_text(value: Any) -> Any:
    # Strict schemas make the model fill optional fields; "", "null", "N/A"
    # and the like mean it had nothing to say.
    if isinstance(value, str) and is_placeholder(value):
        return None
    return _text(value)


def _id(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("expected a whole-number id, got true/false")
    return value


Short = Annotated[str, Field(min_length=1, max_length=300)]
Text = Annotated[Short, BeforeValidator(_text)]
OptionalText = Annotated[Short | None, BeforeValidator(_optional_text)]
LongText = Annotated[
    Annotated[str, Field(max_length=2000)] | None, BeforeValidator(_optional_text)
]
RecordId = Annotated[int, BeforeValidator(_id), Field(ge=1, le=2_147_483_647)]

"""Read a tool's arguments as the LLM or platform sent them, strictly."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from agent_tools.errors import ArgumentError

M = TypeVar("M", bound=BaseModel)


def decode(raw: object) -> dict[str, Any]:
    """Return the arguments object from a JSON string, bytes or a dict.

    A JSON string whose content is itself a JSON string is unwrapped exactly
    once; truncated JSON is refused, never repaired.
    """
    value: object = raw
    if value is None:
        return {}
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if isinstance(value, str):
        value = _loads(value)
        if isinstance(value, str):
            value = _loads(value)
    if not isinstance(value, dict):
        raise ArgumentError(
            f"The arguments must be a JSON object, not {_kind(value)}. Call the "
            "tool again with an object of its parameters.",
        )
    return value


def _loads(text: str) -> object:
    if not text.strip():
        return {}
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise ArgumentError(
            "The arguments could not be read: they are not complete JSON. Call "
            "the tool again with the full arguments object.",
            code="unreadable_arguments",
        ) from None


def _kind(value: object) -> str:
    return {list: "a list", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), "a string" if isinstance(value, str) else "that"
    )


def validate(model: type[M], arguments: dict[str, Any]) -> M:
    """Validate ``arguments`` with ``model``, naming every field at fault."""
    try:
        return model.model_validate(arguments)
    except ValidationError as exc:
        raise ArgumentError(
            _explain(model, exc), details={"fields": _fields(exc)}
        ) from None


def _fields(exc: ValidationError) -> list[dict[str, str]]:
    return [
        {
            "field": ".".join(str(p) for p in error["loc"]) or "(arguments)",
            "problem": error["type"],
        }
        for error in exc.errors()
    ]


def _explain(model: type[BaseModel], exc: ValidationError) -> str:
    missing, unknown, wrong = [], [], []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"])
        if error["type"] == "missing":
            missing.append(name)
        elif error["type"] == "extra_forbidden":
            unknown.append(name)
        elif error["type"] == "enum":
            # The whole list, or the model cannot pick the right value.
            wrong.append(f"{name} (must be one of {error['ctx']['expected']})")
        else:
            wrong.append(f"{name} ({_short(error['msg'])})")
    parts = []
    if missing:
        parts.append(f"Missing: {', '.join(missing)}.")
    if unknown:
        parts.append(f"Unknown: {', '.join(unknown)}.")
    if wrong:
        parts.append(f"Invalid: {'; '.join(wrong)}.")
    accepted = ", ".join(model.model_fields)
    return f"{' '.join(parts)} The parameters are: {accepted}. Call again with those."


def _short(message: str) -> str:
    return message[:160]

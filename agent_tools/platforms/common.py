"""What every platform adapter shares: answers as text, masked phones, auth."""

from __future__ import annotations

import json
import secrets
from typing import Any

from fastapi import Request

from agent_tools.toolbox import Envelope, Toolbox


def answer_text(envelope: Envelope) -> str:
    """Return the answer as one line of compact JSON, as every platform wants."""
    # json.dumps escapes newlines inside strings, so the text is one line.
    return json.dumps(envelope, separators=(",", ":"), ensure_ascii=False)


def mask_phone(phone: str | None) -> str | None:
    """Keep the last two digits only: enough to tell calls apart in logs."""
    if not phone:
        return None
    digits = [c for c in phone if c.isdigit()]
    return "*" * max(len(digits) - 2, 0) + "".join(digits[-2:])


def same_secret(given: str, expected: str) -> bool:
    return secrets.compare_digest(given.encode(), expected.encode())


def bearer_token(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def toolbox_of(request: Request) -> Toolbox:
    box: Toolbox = request.app.state.toolbox
    return box


def first_text(*values: Any) -> str | None:
    """Return the first value that is a non-empty string."""
    for value in values:
        if isinstance(value, str) and value.strip():
            return value
    return None


def member(value: Any, key: str) -> Any:
    """Return ``value[key]`` when value is a dict, else None."""
    return value.get(key) if isinstance(value, dict) else None

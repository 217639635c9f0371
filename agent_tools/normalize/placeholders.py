"""Recognise the filler a model sends when it has nothing to say.

Strict tool schemas force every field to be sent, so a model fills the ones
the caller never gave with "", "null", "N/A" and the like. Such a value means
"not given" and must never be compared against stored data: an empty address
would otherwise verify a customer whose stored address is empty too.
"""

from __future__ import annotations

_PLACEHOLDERS = frozenset(
    {
        "",
        "-",
        "--",
        "?",
        "n/a",
        "na",
        "n.a.",
        "none",
        "null",
        "nil",
        "undefined",
        "unknown",
        "not provided",
        "not given",
        "not available",
        "not applicable",
        "not specified",
    }
)


def is_placeholder(value: object) -> bool:
    """Tell whether value stands for "not given" rather than caller input."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    return " ".join(value.lower().split()) in _PLACEHOLDERS

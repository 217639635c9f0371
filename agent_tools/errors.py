"""Refusals a tool answers with, named for whose fault they are.

Every one of them becomes ``{"ok": false, "error": {"code", "message"}}``; the
message is written for the LLM on the call, telling it what to do next.
"""

from __future__ import annotations

from typing import Any


class ToolError(Exception):
    """A refusal the LLM can act on."""

    code = "error"

    def __init__(
        self, message: str, *, code: str | None = None, details: Any = None
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details

    def to_error(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details is not None:
            error["details"] = self.details
        return error


class ArgumentError(ToolError):
    """The LLM's arguments are malformed: wrong shape, type or keys."""

    code = "invalid_arguments"


class CallerInputError(ToolError):
    """What the caller said cannot be read safely: ask them again."""

    code = "unclear_input"


class NotFoundError(ToolError):
    """An id that does not exist, or that this caller may not see."""

    code = "not_found"


class BusinessRuleError(ToolError):
    """A dealership rule refuses the request (verification, hours, status)."""

    code = "not_allowed"


class UnavailableError(ToolError):
    """We could not answer in time; the same call is safe to retry."""

    code = "timeout"

"""The call a tool runs in, as the transport (never the LLM) describes it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class CallContext:
    """Who is calling, on which call, through which platform."""

    call_id: str
    caller_phone: str | None = None
    platform: str = "http"

    @classmethod
    def create(
        cls,
        call_id: str | None = None,
        caller_phone: str | None = None,
        platform: str = "http",
    ) -> CallContext:
        """Build a context; a request without a call id is a call of its own."""
        call_id = (call_id or "").strip()[:200] or f"call-{uuid.uuid4().hex}"
        phone = (caller_phone or "").strip()[:64] or None
        return cls(call_id=call_id, caller_phone=phone, platform=platform[:40])

"""Per-call state in ``call_logs``: who is verified, and what the tools did.

It lives in the database, keyed by the call id, so any number of server
processes can serve the turns of one call.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache

import asyncpg

from agent_tools.context import CallContext
from agent_tools.errors import ToolError
from agent_tools.normalize import parse_phone
from agent_tools.tools.base import CallChanges

RECORD = """
INSERT INTO call_logs AS log (
  call_id, platform, direction, from_number, started_at, ended_at,
  duration_seconds, status, verified, verification_method,
  failed_verification_attempts, customer_id, appointment_id,
  appointment_action, tools_used, transcript)
VALUES ($1, $2, 'inbound', $3, $4, $4, 0, 'in_progress', $5::varchar IS NOT NULL, $5,
  $6::int, $7, $8, $9, jsonb_build_array($10::jsonb), '[]')
ON CONFLICT (call_id) DO UPDATE SET
  ended_at = greatest(log.ended_at, EXCLUDED.ended_at),
  duration_seconds = extract(epoch FROM
    greatest(log.ended_at, EXCLUDED.ended_at) - log.started_at)::int,
  verified = log.verified OR EXCLUDED.verified,
  verification_method = coalesce(EXCLUDED.verification_method,
                                 log.verification_method),
  failed_verification_attempts = log.failed_verification_attempts
                                 + EXCLUDED.failed_verification_attempts,
  customer_id = CASE WHEN EXCLUDED.verified OR NOT log.verified
                     THEN coalesce(EXCLUDED.customer_id, log.customer_id)
                     ELSE log.customer_id END,
  appointment_id = coalesce(EXCLUDED.appointment_id, log.appointment_id),
  appointment_action = coalesce(EXCLUDED.appointment_action,
                                log.appointment_action),
  tools_used = log.tools_used || EXCLUDED.tools_used,
  updated_at = now()
"""


async def record(
    connection: asyncpg.Connection,
    call: CallContext,
    changes: CallChanges,
    entry: dict[str, object],
    at: datetime,
) -> None:
    """Add one tool use to the call's row, creating the row on first use."""
    await connection.execute(
        RECORD,
        call.call_id,
        call.platform,
        caller_e164(call.caller_phone),
        at,
        changes.verified_method,
        1 if changes.failed_verification else 0,
        changes.customer_id,
        changes.appointment_id,
        changes.appointment_action,
        json.dumps(entry),
    )


@lru_cache(maxsize=4096)
def caller_e164(phone: str | None) -> str | None:
    """Return the caller id in E.164, or None when it is missing or unreadable."""
    if not phone:
        return None
    try:
        return parse_phone(phone).e164
    except ToolError:  # an unreadable caller id is simply not stored
        return None

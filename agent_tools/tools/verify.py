"""verify_identity: prove the caller is the customer, without revealing anything."""

from __future__ import annotations

from datetime import date

import asyncpg
from pydantic import Field

from agent_tools.errors import ArgumentError, BusinessRuleError, NotFoundError
from agent_tools.normalize import (
    StreetAddress,
    parse_date_of_birth,
    parse_street_address,
    parse_zip,
    street_addresses_match,
)
from agent_tools.tools.base import Answer, Arguments, ToolRun, tool
from agent_tools.tools.fields import OptionalText, RecordId
from agent_tools.tools.speech import iso, spoken_time
from db.enums import VerificationMethod

PER_CALL_LIMIT = 3
PER_DAY_LIMIT = 5


class VerifyArguments(Arguments):
    customer_id: RecordId = Field(description="The customer's id from lookup_by_phone.")
    date_of_birth: OptionalText = Field(
        default=None,
        description=(
            "The date of birth as the caller said it, with the year (e.g. "
            "'March 5th 1985' or '3/5/1985', month first). null when verifying "
            "by address."
        ),
    )
    street_address: OptionalText = Field(
        default=None,
        description=(
            "The street address as the caller said it, with house number and "
            "any apartment or unit. null when verifying by date of birth."
        ),
    )
    zip_code: OptionalText = Field(
        default=None,
        description="The 5-digit ZIP code, with street_address; otherwise null.",
    )


class UpcomingAppointment(Answer):
    id: int
    service_type: str
    start: str
    spoken: str
    vehicle_id: int


class VerifyAnswer(Answer):
    verified: bool
    attempts_left: int
    message: str
    upcoming_appointments: list[UpcomingAppointment] | None = None
    understood: dict[str, str] | None = None


@tool("verify_identity", VerifyArguments)
async def verify_identity(run: ToolRun, args: VerifyArguments) -> VerifyAnswer:
    """Verify that the caller is the customer, by date of birth OR by street
    address (plus ZIP if they give it): one method per call, passing the
    caller's words as heard. Required before booking, changing or cancelling
    anything or discussing a vehicle's service. Never tell the caller which part
    did not match. After too many failures verification locks: then stop asking
    and offer to transfer the caller to a service adviser."""
    method = _method(args)
    await _lock_customer(run, args.customer_id)
    stored = await run.connection.fetchrow(
        "SELECT date_of_birth, street_address, zip_code FROM customers WHERE id = $1",
        args.customer_id,
    )
    if stored is None:
        raise NotFoundError(
            "No customer has that id. Use an id returned by lookup_by_phone.",
            code="customer_not_found",
        )
    failures = await _failures(run, args.customer_id)
    _refuse_if_locked(failures)

    matched, understood = _check(run, args, method, stored)
    await run.connection.execute(
        "INSERT INTO verification_attempts (call_id, customer_id, method, success) "
        "VALUES ($1, $2, $3, $4)",
        run.call.call_id,
        args.customer_id,
        method.value,
        matched,
    )
    if matched:
        return await _verified(run, args.customer_id, method, understood)
    run.changes.failed_verification = True
    return _not_verified(failures, understood)


def _method(args: VerifyArguments) -> VerificationMethod:
    if args.date_of_birth is not None and args.street_address is not None:
        raise ArgumentError(
            "Verify with one thing at a time: pass either date_of_birth, or "
            "street_address (with zip_code), and null for the other.",
            code="one_method_only",
        )
    if args.date_of_birth is not None:
        return VerificationMethod.DATE_OF_BIRTH
    if args.street_address is not None:
        return VerificationMethod.ADDRESS
    if args.zip_code is not None:
        raise ArgumentError(
            "A ZIP code alone cannot verify a caller. Ask for their street "
            "address as well, or their date of birth.",
            code="missing_verification",
        )
    raise ArgumentError(
        "Need a date of birth or a street address to verify. Ask the caller for "
        "their date of birth.",
        code="missing_verification",
    )


async def _lock_customer(run: ToolRun, customer_id: int) -> None:
    # Attempts for one customer run one at a time, so two parallel guesses
    # cannot both slip under the limit.
    await run.connection.execute(
        "SELECT pg_advisory_xact_lock(7410002, $1)", customer_id
    )


async def _failures(run: ToolRun, customer_id: int) -> tuple[int, int]:
    """Return failed attempts on this call (any customer) and on this customer
    in the last 24 hours (any call)."""
    row = await run.connection.fetchrow(
        """
        SELECT (SELECT count(*) FROM verification_attempts
                WHERE call_id = $2 AND NOT success) AS this_call,
               (SELECT count(*) FROM verification_attempts
                WHERE customer_id = $1 AND NOT success
                  AND attempted_at > now() - interval '24 hours') AS last_day
        """,
        customer_id,
        run.call.call_id,
    )
    assert row is not None
    return int(row["this_call"]), int(row["last_day"])


def _attempts_left(failures: tuple[int, int]) -> int:
    this_call, last_day = failures
    return max(0, min(PER_CALL_LIMIT - this_call, PER_DAY_LIMIT - last_day))


def _refuse_if_locked(failures: tuple[int, int]) -> None:
    if _attempts_left(failures) == 0:
        raise BusinessRuleError(
            "Verification is locked after too many failed attempts. Do not ask "
            "again; apologise and offer to transfer the caller to a service "
            "adviser.",
            code="verification_locked",
        )


def _check(
    run: ToolRun,
    args: VerifyArguments,
    method: VerificationMethod,
    stored: asyncpg.Record,
) -> tuple[bool, dict[str, str]]:
    """Compare what the caller said with the stored value; never say which."""
    if method is VerificationMethod.DATE_OF_BIRTH:
        assert args.date_of_birth is not None
        given: date = parse_date_of_birth(args.date_of_birth, run.now.date())
        return given == stored["date_of_birth"], {"date_of_birth": given.isoformat()}

    assert args.street_address is not None
    address = parse_street_address(args.street_address)
    understood = {"street_address": _render(address)}
    # An empty stored address must never be matched, even by another empty one.
    matched = bool(stored["street_address"]) and street_addresses_match(
        args.street_address, stored["street_address"]
    )
    if args.zip_code is not None:
        zip_code = parse_zip(args.zip_code)
        understood["zip_code"] = zip_code
        matched = matched and zip_code == stored["zip_code"]
    return matched, understood


def _render(address: StreetAddress) -> str:
    unit = f" #{address.unit}" if address.unit else ""
    return f"{address.house_number} {address.street}{unit}"


async def _verified(
    run: ToolRun,
    customer_id: int,
    method: VerificationMethod,
    understood: dict[str, str],
) -> VerifyAnswer:
    run.mark_verified(customer_id)
    run.changes.customer_id = customer_id
    run.changes.verified_method = method.value
    return VerifyAnswer(
        verified=True,
        attempts_left=PER_CALL_LIMIT,
        message="Verified. You may now help with this customer's vehicles and "
        "appointments.",
        upcoming_appointments=await upcoming_appointments(run, customer_id),
        understood=understood,
    )


def _not_verified(
    failures_before: tuple[int, int], understood: dict[str, str]
) -> VerifyAnswer:
    this_call, last_day = failures_before
    left = _attempts_left((this_call + 1, last_day + 1))
    if left == 0:
        raise BusinessRuleError(
            "That did not match our records, and verification is now locked. Do "
            "not ask again; apologise and offer to transfer the caller to a "
            "service adviser.",
            code="verification_locked",
        )
    return VerifyAnswer(
        verified=False,
        attempts_left=left,
        message="That did not match our records. Do not say which part; ask the "
        "caller to check and try again, or to verify another way.",
        understood=understood,
    )


async def upcoming_appointments(
    run: ToolRun, customer_id: int
) -> list[UpcomingAppointment]:
    rows = await run.connection.fetch(
        """
        SELECT id, service_type, start_at, vehicle_id FROM appointments
        WHERE customer_id = $1 AND status IN ('scheduled', 'confirmed')
          AND start_at > $2
        ORDER BY start_at LIMIT 10
        """,
        customer_id,
        run.now,
    )
    return [_upcoming(run, row) for row in rows]


def _upcoming(run: ToolRun, row: asyncpg.Record) -> UpcomingAppointment:
    local = row["start_at"].astimezone(run.dealership.tz)
    return UpcomingAppointment(
        id=row["id"],
        service_type=row["service_type"],
        start=iso(local),
        spoken=spoken_time(local),
        vehicle_id=row["vehicle_id"],
    )

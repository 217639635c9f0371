"""lookup_by_phone: who is calling, by phone number."""

from __future__ import annotations

from pydantic import Field

from agent_tools.errors import CallerInputError
from agent_tools.normalize import PhoneNumber, parse_phone
from agent_tools.tools.base import Answer, Arguments, ToolRun, tool
from agent_tools.tools.fields import OptionalText


class LookupArguments(Arguments):
    phone: OptionalText = Field(
        default=None,
        description=(
            "The phone number to look up, as the caller said it (digits or "
            "words). null to use the number the caller is calling from."
        ),
    )


class VehicleSummary(Answer):
    id: int
    year: int
    make: str
    model: str


class CustomerSummary(Answer):
    id: int
    first_name: str
    last_initial: str
    vehicles: list[VehicleSummary]
    verification_needed: bool


class LookupAnswer(Answer):
    phone_last_four: str
    extension: str | None
    customers: list[CustomerSummary]
    next_step: str
    understood: dict[str, str] | None = None


# One round trip: the customers, their active vehicles, and who (if anyone) is
# already verified on this call.
CUSTOMERS_BY_PHONE = """
SELECT c.id, c.first_name, left(c.last_name, 1) AS last_initial,
       (SELECT customer_id FROM call_logs WHERE call_id = $2 AND verified)
         AS verified_id,
       coalesce(
         json_agg(json_build_object('id', v.id, 'year', v.year, 'make', v.make,
                                    'model', v.model)
                  ORDER BY v.is_primary DESC, v.id)
           FILTER (WHERE v.id IS NOT NULL),
         '[]') AS vehicles
FROM customers c
LEFT JOIN vehicles v ON v.customer_id = c.id AND v.status = 'active'
WHERE c.phone = $1
GROUP BY c.id
ORDER BY c.id
"""


@tool("lookup_by_phone", LookupArguments, read_only=True)
async def lookup_by_phone(run: ToolRun, args: LookupArguments) -> LookupAnswer:
    """Find the customers on file for a phone number. Call this first on every
    call with phone null to use the caller id; if nobody is found, ask the caller
    for the number on their account and call it again with that number. A
    household can share one number, so several customers may come back: ask
    which one is calling. Returns only first names, last initials and vehicles;
    verify_identity is needed before anything else."""
    number = parse_phone(args.phone) if args.phone is not None else _caller_id(run)
    rows = await run.connection.fetch(CUSTOMERS_BY_PHONE, number.e164, run.call.call_id)
    customers = [
        CustomerSummary(
            id=row["id"],
            first_name=row["first_name"],
            last_initial=row["last_initial"],
            vehicles=[VehicleSummary(**vehicle) for vehicle in row["vehicles"]],
            verification_needed=row["id"] != row["verified_id"],
        )
        for row in rows
    ]
    if len(customers) == 1:
        run.changes.customer_id = customers[0].id
    return LookupAnswer(
        phone_last_four=number.e164[-4:],
        extension=number.extension,
        customers=customers,
        next_step=_next_step(customers),
        understood={"phone": number.e164} if number.spoken_input else None,
    )


def _caller_id(run: ToolRun) -> PhoneNumber:
    """Return the call's caller id; withheld or unreadable is the same as none."""
    try:
        if run.call.caller_phone is not None:
            return parse_phone(run.call.caller_phone)
    except CallerInputError:
        pass  # "anonymous", "restricted" or a carrier's placeholder digits
    raise CallerInputError(
        "There is no usable caller id on this call. Ask the caller for their "
        "10-digit phone number, area code first.",
        code="missing_phone",
    )


def _next_step(customers: list[CustomerSummary]) -> str:
    if not customers:
        return (
            "No customer has this number on file. Ask whether their account is "
            "under another number, or offer to book them as a new customer with "
            "a service adviser."
        )
    if len(customers) > 1:
        return (
            "Several people share this number. Ask the caller for their first "
            "name, then verify that customer."
        )
    if not customers[0].verification_needed:
        return "This customer is already verified on this call."
    return (
        "Greet the customer by first name and ask for their date of birth to "
        "verify them with verify_identity."
    )

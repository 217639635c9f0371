"""Closed sets of values, enforced in the database as CHECK constraints."""

from enum import StrEnum


class PreferredContact(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    SMS = "sms"


class CustomerType(StrEnum):
    RETAIL = "retail"
    FLEET = "fleet"
    REFERRAL = "referral"


class PartOfDay(StrEnum):
    MORNING = "morning"
    AFTERNOON = "afternoon"
    EVENING = "evening"


class VehicleStatus(StrEnum):
    ACTIVE = "active"
    SOLD = "sold"
    TOTALED = "totaled"


class ServiceCategory(StrEnum):
    MAINTENANCE = "maintenance"
    REPAIR = "repair"
    INSPECTION = "inspection"
    RECALL = "recall"


class AppointmentStatus(StrEnum):
    SCHEDULED = "scheduled"
    CONFIRMED = "confirmed"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class BookingMethod(StrEnum):
    PHONE = "phone"
    ONLINE = "online"
    WALK_IN = "walk_in"
    AI_VOICE = "ai_voice"


class CallDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class CallStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    TRANSFERRED = "transferred"
    ABANDONED = "abandoned"
    FAILED = "failed"


class VerificationMethod(StrEnum):
    DATE_OF_BIRTH = "date_of_birth"
    ADDRESS = "address"


class AppointmentAction(StrEnum):
    BOOKED = "booked"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"


def check_in(column: str, values: type[StrEnum], *, nullable: bool = False) -> str:
    """Return the SQL of a CHECK that keeps ``column`` inside ``values``."""
    quoted = ", ".join(f"'{member.value}'" for member in values)
    condition = f"{column} IN ({quoted})"
    return f"{column} IS NULL OR {condition}" if nullable else condition

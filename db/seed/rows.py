"""The four loaded tables in PostgreSQL's COPY text format: columns and chunks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

NULL = "\\N"

COLUMNS = {
    "customers": [
        "id",
        "first_name",
        "last_name",
        "phone",
        "email",
        "preferred_contact",
        "preferred_language",
        "date_of_birth",
        "street_address",
        "city",
        "state",
        "zip_code",
        "customer_since",
        "customer_type",
        "referral_source",
        "preferred_adviser",
        "receive_reminders",
        "receive_promotions",
        "preferred_appointment_time",
        "last_contact_at",
        "notes",
        "created_at",
        "updated_at",
    ],
    "vehicles": [
        "id",
        "customer_id",
        "vin",
        "year",
        "make",
        "model",
        "trim",
        "color",
        "license_plate",
        "license_state",
        "current_mileage",
        "mileage_updated_on",
        "purchase_date",
        "purchased_from_us",
        "last_service_date",
        "last_service_mileage",
        "next_service_due_mileage",
        "next_service_due_date",
        "is_primary",
        "status",
        "created_at",
        "updated_at",
    ],
    "appointments": [
        "id",
        "customer_id",
        "vehicle_id",
        "start_at",
        "end_at",
        "service_type",
        "service_category",
        "status",
        "customer_concerns",
        "recommended_services",
        "estimated_cost",
        "actual_cost",
        "cancellation_reason",
        "cancelled_at",
        "confirmation_sent",
        "reminder_sent",
        "completed_at",
        "technician",
        "service_bay",
        "booking_method",
        "booked_by",
        "call_id",
        "calendar_event_id",
        "notes",
        "created_at",
        "updated_at",
    ],
    "service_history": [
        "id",
        "vehicle_id",
        "appointment_id",
        "service_date",
        "mileage",
        "services_performed",
        "parts_replaced",
        "total_cost",
        "technician",
        "next_service_type",
        "next_service_due_date",
        "next_service_due_mileage",
        "notes",
        "created_at",
        "updated_at",
    ],
}


@dataclass
class Chunk:
    """COPY text lines of one chunk, per table, in foreign-key order."""

    customers: list[str] = field(default_factory=list)
    vehicles: list[str] = field(default_factory=list)
    appointments: list[str] = field(default_factory=list)
    service_history: list[str] = field(default_factory=list)
    size: int = 0

    def tables(self) -> Iterator[tuple[str, list[str]]]:
        yield "customers", self.customers
        yield "vehicles", self.vehicles
        yield "appointments", self.appointments
        yield "service_history", self.service_history

    def encode(self) -> EncodedChunk:
        """Return the chunk as COPY payloads, empty tables left out."""
        payloads = [
            (table, "".join(lines).encode()) for table, lines in self.tables() if lines
        ]
        return EncodedChunk(self.size, payloads)


@dataclass(frozen=True)
class EncodedChunk:
    """A chunk ready for COPY: customers in it, and (table, bytes) in FK order."""

    size: int
    payloads: list[tuple[str, bytes]]


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def json_list(items: list[str]) -> str:
    """JSON array of plain strings (checked at start to need no escaping)."""
    return '["' + '", "'.join(items) + '"]' if items else "[]"


def flag(value: bool) -> str:
    return "t" if value else "f"

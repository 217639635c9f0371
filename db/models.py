"""The CRM's tables. Every column is described in the README's data section."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Numeric,
    SmallInteger,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, ExcludeConstraint
from sqlmodel import Field, SQLModel

from db.enums import (
    AppointmentAction,
    AppointmentStatus,
    BookingMethod,
    CallDirection,
    CallStatus,
    CustomerType,
    PartOfDay,
    PreferredContact,
    ServiceCategory,
    VehicleStatus,
    VerificationMethod,
    check_in,
)

MONEY = Numeric(10, 2)

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}


def one_of(column: str, values: type[StrEnum], *, nullable: bool = False) -> Any:
    """A named CHECK that keeps ``column`` inside the enum ``values``."""
    return CheckConstraint(
        check_in(column, values, nullable=nullable), name=f"{column}_valid"
    )


def timestamp(*, nullable: bool = True, index: bool = False) -> Any:
    """A ``timestamptz`` column: aware times only, never local wall-clock."""
    return Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index),
    )


def created_at() -> Any:
    return Field(
        default=None,
        sa_column=Column(
            DateTime(timezone=True), nullable=False, server_default=func.now()
        ),
    )


def updated_at() -> Any:
    return Field(
        default=None,
        sa_column=Column(
            DateTime(timezone=True),
            nullable=False,
            server_default=func.now(),
            onupdate=func.now(),
        ),
    )


def json_list() -> Any:
    return Field(
        default_factory=list,
        sa_column=Column(JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    )


class Customer(SQLModel, table=True):
    __tablename__ = "customers"
    __table_args__ = (
        one_of("preferred_contact", PreferredContact),
        one_of("customer_type", CustomerType),
        one_of("preferred_appointment_time", PartOfDay, nullable=True),
        CheckConstraint("phone ~ '^\\+[1-9][0-9]{6,14}$'", name="phone_is_e164"),
        CheckConstraint("state ~ '^[A-Z]{2}$'", name="state_two_letters"),
        CheckConstraint("zip_code ~ '^[0-9]{5}$'", name="zip_five_digits"),
        CheckConstraint(
            "(customer_type = 'referral') = (referral_source IS NOT NULL)",
            name="referral_source_only_for_referrals",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    first_name: str
    last_name: str
    phone: str = Field(index=True)
    email: str | None = None
    preferred_contact: str = PreferredContact.PHONE.value
    preferred_language: str = "en"
    date_of_birth: date
    street_address: str
    city: str
    state: str = Field(max_length=2)
    zip_code: str = Field(max_length=5)
    customer_since: date
    customer_type: str = CustomerType.RETAIL.value
    referral_source: str | None = None
    preferred_adviser: str | None = None
    receive_reminders: bool = True
    receive_promotions: bool = False
    preferred_appointment_time: str | None = None
    last_contact_at: datetime | None = timestamp()
    notes: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime | None = created_at()
    updated_at: datetime | None = updated_at()


class Vehicle(SQLModel, table=True):
    __tablename__ = "vehicles"
    __table_args__ = (
        one_of("status", VehicleStatus),
        CheckConstraint("char_length(vin) = 17", name="vin_17_characters"),
        CheckConstraint("year BETWEEN 1981 AND 2100", name="plausible_year"),
        CheckConstraint("current_mileage >= 0", name="mileage_not_negative"),
        # Lets appointments prove, by foreign key, that the car is the customer's.
        UniqueConstraint("id", "customer_id", name="uq_vehicles_id_customer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(
        sa_column=Column(
            ForeignKey("customers.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    vin: str = Field(unique=True, max_length=17)
    year: int = Field(sa_column=Column(SmallInteger, nullable=False))
    make: str
    model: str
    trim: str | None = None
    color: str | None = None
    license_plate: str | None = Field(default=None, index=True)
    license_state: str | None = Field(default=None, max_length=2)
    current_mileage: int
    mileage_updated_on: date | None = None
    purchase_date: date | None = None
    purchased_from_us: bool = False
    last_service_date: date | None = None
    last_service_mileage: int | None = None
    next_service_due_mileage: int | None = None
    next_service_due_date: date | None = None
    is_primary: bool = False
    status: str = VehicleStatus.ACTIVE.value
    created_at: datetime | None = created_at()
    updated_at: datetime | None = updated_at()


# Rows whose slot is still held: a cancelled appointment frees its bay and
# technician, anything else (including a no-show in the past) keeps them.
HOLDS_SLOT = text("status <> 'cancelled'")


def no_overlap(column: str, label: str) -> ExcludeConstraint:
    """No two slot-holding appointments share ``column`` at overlapping times."""
    return ExcludeConstraint(
        (Column(column), "="),
        (text("tstzrange(start_at, end_at, '[)')"), "&&"),
        name=f"appointments_no_{label}_overlap",
        using="gist",
        where=HOLDS_SLOT,
    )


class Appointment(SQLModel, table=True):
    __tablename__ = "appointments"
    __table_args__ = (
        one_of("status", AppointmentStatus),
        one_of("service_category", ServiceCategory),
        one_of("booking_method", BookingMethod),
        CheckConstraint("end_at > start_at", name="ends_after_start"),
        CheckConstraint("service_bay BETWEEN 1 AND 99", name="bay_number"),
        CheckConstraint(
            "estimated_cost IS NULL OR estimated_cost >= 0", name="cost_not_negative"
        ),
        no_overlap("service_bay", "bay"),
        no_overlap("technician", "technician"),
        no_overlap("vehicle_id", "vehicle"),
        ForeignKeyConstraint(
            ["vehicle_id", "customer_id"],
            ["vehicles.id", "vehicles.customer_id"],
            name="fk_appointments_vehicle_of_customer",
        ),
        Index("ix_appointments_start_at", "start_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(
        sa_column=Column(
            ForeignKey("customers.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    vehicle_id: int = Field(
        sa_column=Column(
            ForeignKey("vehicles.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    start_at: datetime = Field(
        sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    end_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    service_type: str
    service_category: str
    status: str = AppointmentStatus.SCHEDULED.value
    customer_concerns: str | None = Field(default=None, sa_column=Column(Text))
    recommended_services: list[str] = json_list()
    estimated_cost: Decimal | None = Field(default=None, sa_column=Column(MONEY))
    actual_cost: Decimal | None = Field(default=None, sa_column=Column(MONEY))
    cancellation_reason: str | None = Field(default=None, sa_column=Column(Text))
    cancelled_at: datetime | None = timestamp()
    confirmation_sent: bool = False
    reminder_sent: bool = False
    completed_at: datetime | None = timestamp()
    technician: str
    service_bay: int = Field(sa_column=Column(SmallInteger, nullable=False))
    booking_method: str = BookingMethod.PHONE.value
    booked_by: str | None = None
    call_id: str | None = Field(default=None, index=True)
    calendar_event_id: str | None = None
    notes: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime | None = created_at()
    updated_at: datetime | None = updated_at()


class ServiceHistory(SQLModel, table=True):
    __tablename__ = "service_history"

    id: int | None = Field(default=None, primary_key=True)
    vehicle_id: int = Field(
        sa_column=Column(
            ForeignKey("vehicles.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    appointment_id: int | None = Field(
        default=None,
        sa_column=Column(
            ForeignKey("appointments.id", ondelete="SET NULL"), unique=True
        ),
    )
    service_date: date
    mileage: int
    services_performed: list[str] = json_list()
    parts_replaced: list[str] = json_list()
    total_cost: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    technician: str | None = None
    next_service_type: str | None = None
    next_service_due_date: date | None = None
    next_service_due_mileage: int | None = None
    notes: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime | None = created_at()
    updated_at: datetime | None = updated_at()


class CallLog(SQLModel, table=True):
    __tablename__ = "call_logs"
    __table_args__ = (
        one_of("direction", CallDirection),
        one_of("status", CallStatus),
        one_of("verification_method", VerificationMethod, nullable=True),
        one_of("appointment_action", AppointmentAction, nullable=True),
    )

    id: int | None = Field(default=None, primary_key=True)
    call_id: str = Field(unique=True, max_length=200)
    platform: str = "http"
    direction: str = CallDirection.INBOUND.value
    from_number: str | None = None
    to_number: str | None = None
    customer_id: int | None = Field(
        default=None,
        sa_column=Column(ForeignKey("customers.id", ondelete="SET NULL"), index=True),
    )
    started_at: datetime | None = timestamp(nullable=False, index=True)
    ended_at: datetime | None = timestamp()
    duration_seconds: int | None = None
    status: str = CallStatus.IN_PROGRESS.value
    intent: str | None = None
    outcome: str | None = None
    verified: bool = False
    verification_method: str | None = None
    failed_verification_attempts: int = 0
    appointment_id: int | None = Field(
        default=None,
        sa_column=Column(ForeignKey("appointments.id", ondelete="SET NULL")),
    )
    appointment_action: str | None = None
    tools_used: list[dict[str, Any]] = json_list()
    transcript: list[dict[str, Any]] = json_list()
    summary: str | None = Field(default=None, sa_column=Column(Text))
    error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime | None = created_at()
    updated_at: datetime | None = updated_at()


class VerificationAttempt(SQLModel, table=True):
    """One identity check; the source of the per-call and per-customer locks."""

    __tablename__ = "verification_attempts"
    __table_args__ = (
        one_of("method", VerificationMethod),
        Index("ix_verification_attempts_customer_time", "customer_id", "attempted_at"),
        Index("ix_verification_attempts_call_customer", "call_id", "customer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    call_id: str = Field(max_length=200)
    customer_id: int = Field(
        sa_column=Column(ForeignKey("customers.id", ondelete="CASCADE"), nullable=False)
    )
    method: str
    success: bool
    attempted_at: datetime | None = created_at()


class ToolResult(SQLModel, table=True):
    """The answer of a write tool, kept so a repeat in the same call returns it."""

    __tablename__ = "tool_results"
    __table_args__ = (UniqueConstraint("call_id", "tool", "arguments_digest"),)

    id: int | None = Field(default=None, primary_key=True)
    call_id: str = Field(max_length=200)
    tool: str
    arguments_digest: str = Field(max_length=64)
    answer: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    created_at: datetime | None = created_at()


class SeedRun(SQLModel, table=True):
    """Which seed, size and reference date produced the mock CRM."""

    __tablename__ = "seed_runs"

    id: int | None = Field(default=None, primary_key=True)
    seed: int = Field(sa_column=Column(BigInteger, nullable=False))
    customers: int
    as_of: date
    generator: str
    seeded_at: datetime | None = created_at()

"""Create the CRM tables

Revision ID: 0001
Revises:
Create Date: 2026-12-04 15:23:22.942420
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The exclusion constraints on appointments compare integers and text
    # with = inside a GiST index, which needs btree_gist.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(), nullable=False),
        sa.Column("last_name", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=True),
        sa.Column("preferred_contact", sa.String(), nullable=False),
        sa.Column("preferred_language", sa.String(), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("street_address", sa.String(), nullable=False),
        sa.Column("city", sa.String(), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("zip_code", sa.String(length=5), nullable=False),
        sa.Column("customer_since", sa.Date(), nullable=False),
        sa.Column("customer_type", sa.String(), nullable=False),
        sa.Column("referral_source", sa.String(), nullable=True),
        sa.Column("preferred_adviser", sa.String(), nullable=True),
        sa.Column("receive_reminders", sa.Boolean(), nullable=False),
        sa.Column("receive_promotions", sa.Boolean(), nullable=False),
        sa.Column(
            "preferred_appointment_time",
            sa.String(),
            nullable=True,
        ),
        sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "(customer_type = 'referral') = (referral_source IS NOT NULL)",
            name=op.f("ck_customers_referral_source_only_for_referrals"),
        ),
        sa.CheckConstraint(
            "customer_type IN ('retail', 'fleet', 'referral')",
            name=op.f("ck_customers_customer_type_valid"),
        ),
        sa.CheckConstraint(
            "phone ~ '^\\+[1-9][0-9]{6,14}$'", name=op.f("ck_customers_phone_is_e164")
        ),
        sa.CheckConstraint(
            "preferred_appointment_time IS NULL OR preferred_appointment_time IN ('morning', 'afternoon', 'evening')",
            name=op.f("ck_customers_preferred_appointment_time_valid"),
        ),
        sa.CheckConstraint(
            "preferred_contact IN ('phone', 'email', 'sms')",
            name=op.f("ck_customers_preferred_contact_valid"),
        ),
        sa.CheckConstraint(
            "state ~ '^[A-Z]{2}$'", name=op.f("ck_customers_state_two_letters")
        ),
        sa.CheckConstraint(
            "zip_code ~ '^[0-9]{5}$'", name=op.f("ck_customers_zip_five_digits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    op.create_index(op.f("ix_customers_phone"), "customers", ["phone"], unique=False)
    op.create_table(
        "tool_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=200), nullable=False),
        sa.Column("tool", sa.String(), nullable=False),
        sa.Column(
            "arguments_digest",
            sa.String(length=64),
            nullable=False,
        ),
        sa.Column("answer", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tool_results")),
        sa.UniqueConstraint(
            "call_id", "tool", "arguments_digest", name=op.f("uq_tool_results_call_id")
        ),
    )
    op.create_table(
        "vehicles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("vin", sa.String(length=17), nullable=False),
        sa.Column("year", sa.SmallInteger(), nullable=False),
        sa.Column("make", sa.String(), nullable=False),
        sa.Column("model", sa.String(), nullable=False),
        sa.Column("trim", sa.String(), nullable=True),
        sa.Column("color", sa.String(), nullable=True),
        sa.Column("license_plate", sa.String(), nullable=True),
        sa.Column("license_state", sa.String(length=2), nullable=True),
        sa.Column("current_mileage", sa.Integer(), nullable=False),
        sa.Column("mileage_updated_on", sa.Date(), nullable=True),
        sa.Column("purchase_date", sa.Date(), nullable=True),
        sa.Column("purchased_from_us", sa.Boolean(), nullable=False),
        sa.Column("last_service_date", sa.Date(), nullable=True),
        sa.Column("last_service_mileage", sa.Integer(), nullable=True),
        sa.Column("next_service_due_mileage", sa.Integer(), nullable=True),
        sa.Column("next_service_due_date", sa.Date(), nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "status IN ('active', 'sold', 'totaled')",
            name=op.f("ck_vehicles_status_valid"),
        ),
        sa.CheckConstraint(
            "char_length(vin) = 17", name=op.f("ck_vehicles_vin_17_characters")
        ),
        sa.CheckConstraint(
            "current_mileage >= 0", name=op.f("ck_vehicles_mileage_not_negative")
        ),
        sa.CheckConstraint(
            "year BETWEEN 1981 AND 2100", name=op.f("ck_vehicles_plausible_year")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_vehicles_customer_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicles")),
        sa.UniqueConstraint("id", "customer_id", name="uq_vehicles_id_customer_id"),
        sa.UniqueConstraint("vin", name=op.f("uq_vehicles_vin")),
    )
    op.create_index(
        op.f("ix_vehicles_customer_id"), "vehicles", ["customer_id"], unique=False
    )
    op.create_index(
        op.f("ix_vehicles_license_plate"), "vehicles", ["license_plate"], unique=False
    )
    op.create_table(
        "verification_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=200), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column(
            "attempted_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "method IN ('date_of_birth', 'address')",
            name=op.f("ck_verification_attempts_method_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_verification_attempts_customer_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verification_attempts")),
    )
    op.create_index(
        "ix_verification_attempts_call_customer",
        "verification_attempts",
        ["call_id", "customer_id"],
        unique=False,
    )
    op.create_index(
        "ix_verification_attempts_customer_time",
        "verification_attempts",
        ["customer_id", "attempted_at"],
        unique=False,
    )
    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service_type", sa.String(), nullable=False),
        sa.Column("service_category", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("customer_concerns", sa.Text(), nullable=True),
        sa.Column(
            "recommended_services",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("estimated_cost", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("actual_cost", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("cancellation_reason", sa.Text(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmation_sent", sa.Boolean(), nullable=False),
        sa.Column("reminder_sent", sa.Boolean(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("technician", sa.String(), nullable=False),
        sa.Column("service_bay", sa.SmallInteger(), nullable=False),
        sa.Column("booking_method", sa.String(), nullable=False),
        sa.Column("booked_by", sa.String(), nullable=True),
        sa.Column("call_id", sa.String(), nullable=True),
        sa.Column("calendar_event_id", sa.String(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        postgresql.ExcludeConstraint(
            (sa.column("service_bay"), "="),
            (sa.text("tstzrange(start_at, end_at, '[)')"), "&&"),
            where=sa.text("status <> 'cancelled'"),
            using="gist",
            name="appointments_no_bay_overlap",
        ),
        postgresql.ExcludeConstraint(
            (sa.column("technician"), "="),
            (sa.text("tstzrange(start_at, end_at, '[)')"), "&&"),
            where=sa.text("status <> 'cancelled'"),
            using="gist",
            name="appointments_no_technician_overlap",
        ),
        sa.CheckConstraint(
            "booking_method IN ('phone', 'online', 'walk_in', 'ai_voice')",
            name=op.f("ck_appointments_booking_method_valid"),
        ),
        sa.CheckConstraint(
            "service_category IN ('maintenance', 'repair', 'inspection', 'recall')",
            name=op.f("ck_appointments_service_category_valid"),
        ),
        sa.CheckConstraint(
            "status IN ('scheduled', 'confirmed', 'in_progress', 'completed', 'cancelled', 'no_show')",
            name=op.f("ck_appointments_status_valid"),
        ),
        sa.CheckConstraint(
            "end_at > start_at", name=op.f("ck_appointments_ends_after_start")
        ),
        sa.CheckConstraint(
            "estimated_cost IS NULL OR estimated_cost >= 0",
            name=op.f("ck_appointments_cost_not_negative"),
        ),
        sa.CheckConstraint(
            "service_bay BETWEEN 1 AND 99", name=op.f("ck_appointments_bay_number")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_appointments_customer_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id", "customer_id"],
            ["vehicles.id", "vehicles.customer_id"],
            name="fk_appointments_vehicle_of_customer",
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"],
            ["vehicles.id"],
            name=op.f("fk_appointments_vehicle_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
    )
    op.create_index(
        op.f("ix_appointments_call_id"), "appointments", ["call_id"], unique=False
    )
    op.create_index(
        op.f("ix_appointments_customer_id"),
        "appointments",
        ["customer_id"],
        unique=False,
    )
    op.create_index(
        "ix_appointments_start_at", "appointments", ["start_at"], unique=False
    )
    op.create_index(
        op.f("ix_appointments_vehicle_id"), "appointments", ["vehicle_id"], unique=False
    )
    op.create_table(
        "call_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=200), nullable=False),
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("direction", sa.String(), nullable=False),
        sa.Column("from_number", sa.String(), nullable=True),
        sa.Column("to_number", sa.String(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("intent", sa.String(), nullable=True),
        sa.Column("outcome", sa.String(), nullable=True),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("verification_method", sa.String(), nullable=True),
        sa.Column("failed_verification_attempts", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("appointment_action", sa.String(), nullable=True),
        sa.Column(
            "tools_used",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "transcript",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "appointment_action IS NULL OR appointment_action IN ('booked', 'rescheduled', 'cancelled')",
            name=op.f("ck_call_logs_appointment_action_valid"),
        ),
        sa.CheckConstraint(
            "direction IN ('inbound', 'outbound')",
            name=op.f("ck_call_logs_direction_valid"),
        ),
        sa.CheckConstraint(
            "status IN ('in_progress', 'completed', 'transferred', 'abandoned', 'failed')",
            name=op.f("ck_call_logs_status_valid"),
        ),
        sa.CheckConstraint(
            "verification_method IS NULL OR verification_method IN ('date_of_birth', 'address')",
            name=op.f("ck_call_logs_verification_method_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_call_logs_appointment_id"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_call_logs_customer_id"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_logs")),
        sa.UniqueConstraint("call_id", name=op.f("uq_call_logs_call_id")),
    )
    op.create_index(
        op.f("ix_call_logs_customer_id"), "call_logs", ["customer_id"], unique=False
    )
    op.create_index(
        op.f("ix_call_logs_started_at"), "call_logs", ["started_at"], unique=False
    )
    op.create_table(
        "service_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("mileage", sa.Integer(), nullable=False),
        sa.Column(
            "services_performed",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "parts_replaced",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("total_cost", sa.Numeric(precision=10, scale=2), nullable=False),
        sa.Column("technician", sa.String(), nullable=True),
        sa.Column("next_service_type", sa.String(), nullable=True),
        sa.Column("next_service_due_date", sa.Date(), nullable=True),
        sa.Column("next_service_due_mileage", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_service_history_appointment_id"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"],
            ["vehicles.id"],
            name=op.f("fk_service_history_vehicle_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_history")),
        sa.UniqueConstraint(
            "appointment_id", name=op.f("uq_service_history_appointment_id")
        ),
    )
    op.create_index(
        op.f("ix_service_history_vehicle_id"),
        "service_history",
        ["vehicle_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_service_history_vehicle_id"), table_name="service_history")
    op.drop_table("service_history")
    op.drop_index(op.f("ix_call_logs_started_at"), table_name="call_logs")
    op.drop_index(op.f("ix_call_logs_customer_id"), table_name="call_logs")
    op.drop_table("call_logs")
    op.drop_index(op.f("ix_appointments_vehicle_id"), table_name="appointments")
    op.drop_index("ix_appointments_start_at", table_name="appointments")
    op.drop_index(op.f("ix_appointments_customer_id"), table_name="appointments")
    op.drop_index(op.f("ix_appointments_call_id"), table_name="appointments")
    op.drop_table("appointments")
    op.drop_index(
        "ix_verification_attempts_customer_time", table_name="verification_attempts"
    )
    op.drop_index(
        "ix_verification_attempts_call_customer", table_name="verification_attempts"
    )
    op.drop_table("verification_attempts")
    op.drop_index(op.f("ix_vehicles_license_plate"), table_name="vehicles")
    op.drop_index(op.f("ix_vehicles_customer_id"), table_name="vehicles")
    op.drop_table("vehicles")
    op.drop_table("tool_results")
    op.drop_index(op.f("ix_customers_phone"), table_name="customers")
    op.drop_table("customers")

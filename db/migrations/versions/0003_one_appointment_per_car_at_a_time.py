"""One live appointment per car at a time

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 16:45:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A car cannot be in two bays at once: the same rule as for bays and
    # technicians, enforced by the database whatever process books.
    op.execute(
        "ALTER TABLE appointments ADD CONSTRAINT appointments_no_vehicle_overlap "
        "EXCLUDE USING gist (vehicle_id WITH =, tstzrange(start_at, end_at, '[)') "
        "WITH &&) WHERE (status <> 'cancelled')"
    )


def downgrade() -> None:
    op.drop_constraint("appointments_no_vehicle_overlap", "appointments")

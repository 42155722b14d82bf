"""Rate-limited events (failed sign-ins, link requests) in the database, counted by every process.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.db import UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "rate_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=160), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rate_event_key_at", "rate_event", ["key", "at"])
    op.create_index(op.f("ix_rate_event_at"), "rate_event", ["at"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f("ix_rate_event_at"), table_name="rate_event")
    op.drop_index("ix_rate_event_key_at", table_name="rate_event")
    op.drop_table("rate_event")

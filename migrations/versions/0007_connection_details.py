"""Sessions and bookings carry their medium and connection details (phone, TeamViewer ID, host).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.db import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DETAIL_TABLES = ("consulting_session", "booking", "booking_draft")
MEDIUM_TABLES = ("consulting_session", "billing_record")


def upgrade() -> None:
    """Apply this revision: sessions and billing records so far were all held by chat."""
    for table in DETAIL_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table in MEDIUM_TABLES:
                batch_op.add_column(
                    sa.Column("medium", sa.String(length=64), server_default="Chat", nullable=False)
                )
            batch_op.add_column(
                sa.Column("connection_detail", sa.String(length=255), nullable=True)
            )
    with op.batch_alter_table("billing_record", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("medium", sa.String(length=64), server_default="Chat", nullable=False)
        )
    op.create_table(
        "session_medium_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("medium", sa.String(length=64), nullable=False),
        sa.Column("connection_detail", sa.String(length=255), nullable=True),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["consulting_session.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("session_medium_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_medium_change_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("session_medium_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_medium_change_session_id"))
    op.drop_table("session_medium_change")
    with op.batch_alter_table("billing_record", schema=None) as batch_op:
        batch_op.drop_column("medium")
    for table in reversed(DETAIL_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("connection_detail")
            if table in MEDIUM_TABLES:
                batch_op.drop_column("medium")

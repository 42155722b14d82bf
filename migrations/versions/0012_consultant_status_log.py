"""Each change of a consultant's status, kept (append-only): the history the utilisation report
measures available time on.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.db import UTCDateTime

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "consultant_status_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultant_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["consultant_id"], ["consultant.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("consultant_status_change", schema=None) as batch_op:
        batch_op.create_index(
            "ix_consultant_status_change_at", ["consultant_id", "changed_at"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("consultant_status_change", schema=None) as batch_op:
        batch_op.drop_index("ix_consultant_status_change_at")
    op.drop_table("consultant_status_change")

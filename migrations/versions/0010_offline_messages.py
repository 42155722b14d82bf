"""Messages clients leave for the team while the service is closed ("deixar recado").

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.db import UTCDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "offline_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("area", sa.String(length=64), nullable=True),
        sa.Column("text", sa.String(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("assigned_to", sa.String(length=64), nullable=True),
        sa.Column("assigned_at", UTCDateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["company_id"], ["company.id"]),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"]),
        sa.ForeignKeyConstraint(["request_id"], ["request.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("offline_message", schema=None) as batch_op:
        batch_op.create_index(
            "ix_offline_message_status", ["status", "created_at", "id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offline_message_company_id"), ["company_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offline_message_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_offline_message_resolved_at"), ["resolved_at"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("offline_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offline_message_resolved_at"))
        batch_op.drop_index(batch_op.f("ix_offline_message_contact_id"))
        batch_op.drop_index(batch_op.f("ix_offline_message_company_id"))
        batch_op.drop_index("ix_offline_message_status")
    op.drop_table("offline_message")

"""Colleagues of the client's company invited into a session.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.db import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision: invitations (a code's hash) and the guests who joined with them."""
    op.create_table(
        "session_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=False),
        sa.Column("code_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.Column("used_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["invited_by_id"], ["contact.id"]),
        sa.ForeignKeyConstraint(["session_id"], ["consulting_session.id"]),
        sa.ForeignKeyConstraint(["used_by_id"], ["contact.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_sha256"),
    )
    with op.batch_alter_table("session_invitation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_invitation_invited_by_id"), ["invited_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_session_invitation_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_session_invitation_used_by_id"), ["used_by_id"], unique=False
        )

    op.create_table(
        "session_guest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("invitation_id", sa.Integer(), nullable=True),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
        sa.Column("left_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"]),
        sa.ForeignKeyConstraint(["invitation_id"], ["session_invitation.id"]),
        sa.ForeignKeyConstraint(["session_id"], ["consulting_session.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("session_guest", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_guest_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_session_guest_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("session_guest", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_guest_session_id"))
        batch_op.drop_index(batch_op.f("ix_session_guest_contact_id"))
    op.drop_table("session_guest")
    with op.batch_alter_table("session_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_invitation_used_by_id"))
        batch_op.drop_index(batch_op.f("ix_session_invitation_session_id"))
        batch_op.drop_index(batch_op.f("ix_session_invitation_invited_by_id"))
    op.drop_table("session_invitation")

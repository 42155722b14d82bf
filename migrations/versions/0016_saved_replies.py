"""Saved replies: titles and texts with placeholders that staff insert into a session.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.db import UTCDateTime

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "saved_reply",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("text", sa.String(length=4000), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_saved_reply_active_language", "saved_reply", ["active", "language"])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_saved_reply_active_language", table_name="saved_reply")
    op.drop_table("saved_reply")

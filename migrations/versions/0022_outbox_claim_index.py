"""Outbox claim indexes: unfinished rows in id order, and per conversation (partial indexes).

The dispatcher's claim walks the unfinished rows in id order and asks, for each, whether an
earlier row of its conversation is unfinished. Without these it scanned from the oldest row —
the whole sent history — for each candidate, so a round grew with the backlog and the history.
Both indexes hold only unfinished rows (``pending``, ``sending``): small, whatever was sent.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNFINISHED = "status IN ('pending', 'sending')"


def upgrade() -> None:
    """Apply this revision."""
    where = {"sqlite_where": sa.text(UNFINISHED), "postgresql_where": sa.text(UNFINISHED)}
    with op.batch_alter_table("outbound", schema=None) as batch_op:
        batch_op.create_index("ix_outbound_unfinished", ["id"], unique=False, **where)
        batch_op.create_index(
            "ix_outbound_conversation",
            ["channel", "thread", "address", "id"],
            unique=False,
            **where,
        )


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("outbound", schema=None) as batch_op:
        batch_op.drop_index("ix_outbound_conversation")
        batch_op.drop_index("ix_outbound_unfinished")

"""A booked session remembers when its client showed up (billing starts from presence).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 14:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.db import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("consulting_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("client_present_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("consulting_session", schema=None) as batch_op:
        batch_op.drop_column("client_present_at")

"""Sessions and billing records remember a time agreed outside the opening hours.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 13:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("consulting_session", "billing_record")


def upgrade() -> None:
    """Apply this revision: existing rows were all held inside the opening hours."""
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("alternative_hours", sa.Boolean(), server_default="0", nullable=False)
            )


def downgrade() -> None:
    """Revert this revision."""
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("alternative_hours")

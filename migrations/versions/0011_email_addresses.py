"""Optional e-mail addresses: a contact's (notices) and a company's billing contact (statements);
a company's language (its statements).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("contact") as batch:
        batch.add_column(sa.Column("email", sa.String(length=254), nullable=True))
    with op.batch_alter_table("company") as batch:
        batch.add_column(sa.Column("billing_email", sa.String(length=254), nullable=True))
        batch.add_column(sa.Column("language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("company") as batch:
        batch.drop_column("language")
        batch.drop_column("billing_email")
    with op.batch_alter_table("contact") as batch:
        batch.drop_column("email")

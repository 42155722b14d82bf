"""Staff vocabulary: the columns that named Slack users hold staff keys (a Slack user or web-only).

Renames keep every row: consultant.slack_user_id, staff_role.slack_user_id and
session_participant.slack_user_id -> staff_key; consulting_session.attendant_slack_id ->
attendant_key; session_note.author_slack_id -> author_key. Status and kind columns stay VARCHAR
(the models read them back as their ``StrEnum`` members), so no type changes here.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 13:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, old name, new name)
RENAMES = (
    ("consultant", "slack_user_id", "staff_key"),
    ("staff_role", "slack_user_id", "staff_key"),
    ("session_participant", "slack_user_id", "staff_key"),
    ("consulting_session", "attendant_slack_id", "attendant_key"),
    ("session_note", "author_slack_id", "author_key"),
)


def _rename(table: str, old: str, new: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        if table == "staff_role":
            batch_op.drop_index(f"ix_staff_role_{old}")
        batch_op.alter_column(old, new_column_name=new)
    if table == "staff_role":
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f"ix_staff_role_{new}", [new], unique=False)


def upgrade() -> None:
    """Apply this revision."""
    for table, old, new in RENAMES:
        _rename(table, old, new)


def downgrade() -> None:
    """Revert this revision."""
    for table, old, new in reversed(RENAMES):
        _rename(table, new, old)

"""Backups of the database: made on demand (the CLI) or on a schedule (a timer), restored onto
an empty database. See :mod:`core.backups.copy` and :mod:`core.backups.schedule`."""

from core.backups.copy import BackupError, BackupResult, back_up, backup_kind, restore
from core.backups.schedule import (
    SCHEDULED,
    BackupPlan,
    backup_name,
    backup_timer_handlers,
    ensure_backup_timer,
    prune,
    scheduled_backup,
)

__all__ = [
    "SCHEDULED",
    "BackupError",
    "BackupPlan",
    "BackupResult",
    "back_up",
    "backup_kind",
    "backup_name",
    "backup_timer_handlers",
    "ensure_backup_timer",
    "prune",
    "restore",
    "scheduled_backup",
]

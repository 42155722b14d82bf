"""Scheduled backups: a self-rescheduling timer writes one to the backup folder, keeps the newest.

The timer (``backups.scheduled``, one row thanks to its dedupe key) is claimed like every timer,
so with several processes exactly one of them makes each backup, in its own backup folder. Its
handler only schedules the next run; the backup itself is made after that commit (no transaction
held meanwhile: on SQLite the writers go on), then the files beyond ``keep`` are deleted, oldest
first. Files are named by their UTC time, ``consultoria-20261203-093000.db`` (SQLite) or
``….dump`` (PostgreSQL), so the names sort by age. A failed backup is logged; the next one is
still scheduled.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from core.backups.copy import BackupResult, back_up
from core.context import Core
from core.db import UnitOfWork
from core.models import Timer, TimerStatus
from core.timers import Handler, cancel, schedule

logger = logging.getLogger(__name__)

SCHEDULED = "backups.scheduled"
"""Timer kind of the scheduled backup; also its dedupe key (there is one such timer)."""
NAME = re.compile(r"^consultoria-\d{8}-\d{6}\.(db|dump)$")


@dataclass(frozen=True)
class BackupPlan:
    """Where scheduled backups go, how often (``every`` zero: never) and how many are kept."""

    folder: Path
    every: timedelta
    keep: int

    @property
    def on(self) -> bool:
        """Whether backups are scheduled at all."""
        return self.every > timedelta(0)


def backup_name(at: datetime, dialect: str) -> str:
    """The file name of a backup made at ``at``: its UTC time, then the engine's extension."""
    extension = "db" if dialect == "sqlite" else "dump"
    return f"consultoria-{at.astimezone(UTC):%Y%m%d-%H%M%S}.{extension}"


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete the backups in ``folder`` beyond the newest ``keep`` (and stale ``.partial``
    files); other files are left alone. The deleted paths."""
    if not folder.is_dir():
        return []
    ours = sorted(path for path in folder.iterdir() if NAME.match(path.name))
    doomed = ours[: max(0, len(ours) - keep)]
    doomed += [
        path
        for path in folder.iterdir()
        if NAME.match(path.name.removesuffix(".partial")) and path.name.endswith(".partial")
    ]
    for path in doomed:
        path.unlink(missing_ok=True)
        logger.info("old backup deleted: %s", path)
    return doomed


async def scheduled_backup(core: Core, plan: BackupPlan, at: datetime) -> BackupResult | None:
    """Make one backup into ``plan.folder`` and prune; None (logged) when it failed."""
    output = plan.folder / backup_name(at, core.db.dialect)
    try:
        result = await back_up(core.db.url, output)
    except Exception:
        logger.exception("scheduled backup to %s failed", output)
        return None
    prune(plan.folder, plan.keep)
    return result


def _after(core: Core, plan: BackupPlan, at: datetime) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await scheduled_backup(core, plan, at)

    return run


def backup_timer_handlers(plan: BackupPlan) -> dict[str, Handler]:
    """The scheduled backup's timer handler, for ``plan``."""

    async def on_backup_due(uow: UnitOfWork, core: Core, timer: Timer) -> None:
        del timer
        if not plan.on:
            return
        now = core.clock.now()
        await schedule(uow, core.clock, SCHEDULED, now + plan.every, dedupe_key=SCHEDULED)
        uow.after_commit(_after(core, plan, now))

    return {SCHEDULED: on_backup_due}


async def ensure_backup_timer(core: Core, plan: BackupPlan) -> None:
    """Schedule the backups when ``plan`` is on (the first one at once when none is pending);
    cancel them when it is off. Idempotent."""
    try:
        async with core.transaction() as uow:
            if not plan.on:
                await cancel(uow, kind=SCHEDULED, dedupe_key=SCHEDULED)
                return
            found = await uow.session.exec(select(Timer).where(Timer.dedupe_key == SCHEDULED))
            existing = found.first()
            if existing is not None and existing.status == TimerStatus.PENDING:
                latest = core.clock.now() + plan.every
                if existing.due_at > latest:  # the interval was shortened
                    await schedule(uow, core.clock, SCHEDULED, latest, dedupe_key=SCHEDULED)
                return
            await schedule(uow, core.clock, SCHEDULED, core.clock.now(), dedupe_key=SCHEDULED)
    except IntegrityError:
        logger.debug("backup timer created by another process at the same time")

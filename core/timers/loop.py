"""The timer loop: runs each due timer's handler exactly once, in the transaction marking it done.

A handler is ``async def handler(uow, core, timer) -> None``; what it writes (outbox rows, new
timers, state) commits together with the timer's ``done`` status, so two processes never both act
on one timer (PostgreSQL: ``FOR UPDATE SKIP LOCKED`` plus a conditional update; SQLite: the write
lock taken at BEGIN). A handler that raises is rolled back and retried after ``retry_delay``; after
``max_attempts`` the timer is cancelled with its last error. A kind without handler is cancelled.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col, select

from core.background import Wakeable, default_worker_name
from core.context import Core
from core.db import UnitOfWork
from core.models import Timer, TimerStatus
from core.unit_of_work import TIMERS

logger = logging.getLogger(__name__)

Handler = Callable[[UnitOfWork, Core, Timer], Awaitable[None]]

PENDING = TimerStatus.PENDING
DONE = TimerStatus.DONE
CANCELLED = TimerStatus.CANCELLED


class TimerLoop(Wakeable):
    """Runs due timers through ``handlers`` (by timer kind); see the module docstring."""

    name = "timer loop"

    def __init__(
        self,
        core: Core,
        handlers: Mapping[str, Handler],
        *,
        worker: str | None = None,
        batch: int = 50,
        retry_delay: timedelta = timedelta(minutes=1),
        max_attempts: int = 5,
    ) -> None:
        super().__init__(core.db)
        self.core = core
        self.handlers = dict(handlers)
        self.worker = (worker or default_worker_name())[:64]
        self.batch = batch
        self.retry_delay = retry_delay
        self.max_attempts = max_attempts

    def wants(self, written: frozenset[str]) -> bool:
        """Only commits that wrote timers (outbox rows are the dispatchers')."""
        return TIMERS in written

    async def run_once(self) -> int:
        """Run the timers due now, oldest first; return how many were run, retried or cancelled."""
        now = self.core.clock.now()
        async with self.db.uow() as uow:
            statement = (
                select(Timer.id)
                .where(col(Timer.status) == PENDING, col(Timer.due_at) <= now)
                .order_by(col(Timer.due_at), col(Timer.id))
                .limit(self.batch)
            )
            ids = [i for i in (await uow.session.exec(statement)).all() if i is not None]
        handled = 0
        for timer_id in ids:
            if await self._run(timer_id):
                handled += 1
        return handled

    async def pending_count(self) -> int:
        """How many timers are due now and not yet run."""
        now = self.core.clock.now()
        async with self.db.uow() as uow:
            statement = select(Timer.id).where(
                col(Timer.status) == PENDING, col(Timer.due_at) <= now
            )
            return len((await uow.session.exec(statement)).all())

    async def _run(self, timer_id: int) -> bool:
        """Take timer ``timer_id`` and run its handler in one transaction; False if not ours."""
        error: Exception | None = None
        async with self.db.uow() as uow:
            timer = await self._take(uow, timer_id)
            if timer is None:
                return False
            handler = self.handlers.get(timer.kind)
            if handler is None:
                timer.status, timer.done_at, timer.last_error = CANCELLED, None, "no handler"
                uow.session.add(timer)
                logger.error("timer %s of kind %r cancelled: no handler", timer_id, timer.kind)
                await uow.commit()
                return True
            try:
                await handler(uow, self.core, timer)
                await uow.session.flush()
            except Exception as raised:
                logger.exception("timer %s (%s) failed", timer_id, timer.kind)
                error = raised
            else:
                await uow.commit()
                return True
        await self._record_failure(timer_id, error)
        return True

    async def _take(self, uow: UnitOfWork, timer_id: int) -> Timer | None:
        """Mark the timer done if it is still pending and due; None when another worker has it."""
        now = self.core.clock.now()
        if self.db.dialect == "postgresql":
            locked = select(Timer.id).where(col(Timer.id) == timer_id, col(Timer.status) == PENDING)
            locked = locked.with_for_update(skip_locked=True)
            if (await uow.session.exec(locked)).first() is None:
                return None
        result = await uow.session.execute(
            update(Timer)
            .where(col(Timer.id) == timer_id, col(Timer.status) == PENDING)
            .where(col(Timer.due_at) <= now)
            .values(status=DONE, done_at=now, claimed_by=self.worker)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            return None
        return await uow.session.get(Timer, timer_id, populate_existing=True)

    async def _record_failure(self, timer_id: int, error: Exception | None) -> None:
        """After a rolled-back handler: count the attempt, retry later or give up."""
        reason = f"{type(error).__name__}: {error}"[:2000]
        async with self.db.uow() as uow:
            timer = await uow.session.get(Timer, timer_id, with_for_update=True)
            if timer is None or timer.status != PENDING:
                return
            timer.attempts += 1
            timer.last_error = reason
            if timer.attempts >= self.max_attempts:
                timer.status = CANCELLED
                logger.error(
                    "timer %s (%s) given up after %s attempts: %s",
                    timer_id,
                    timer.kind,
                    timer.attempts,
                    reason,
                )
            else:
                timer.due_at = self.core.clock.now() + self.retry_delay
            uow.session.add(timer)
            await uow.commit()

"""The composition of the core: its event handlers and its timer kinds, registered in one place.

Lower packages publish events instead of importing the packages that react to them; the
reactions are wired here, in the order they run (all inside the publisher's unit of work). The
timer loop's kind -> handler map is built here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

from core import audit, booking, intake, privacy, queue, sessions, statements, support, webhooks
from core.backups import BackupPlan, backup_timer_handlers
from core.clock import Clock
from core.context import Core, CoreConfig, EventBus
from core.db import Database, UnitOfWork
from core.events import ConsentAnswered, ConsultantFreed, ContactLinked, SessionEnded
from core.models import Outbound
from core.outbox import Unreachable
from core.timers import Handler


def event_bus() -> EventBus:
    """Every cross-feature reaction: who handles which event, in order."""
    bus = EventBus()
    bus.subscribe(SessionEnded, booking.booking_done_after_session)
    bus.subscribe(SessionEnded, queue.free_after_session)
    bus.subscribe(SessionEnded, sessions.guests_after_session)
    bus.subscribe(ConsultantFreed, queue.free_after_transfer)
    bus.subscribe(ConsentAnswered, support.on_consent_answered)
    bus.subscribe(ContactLinked, intake.close_code_question)
    for kind, handler in audit.AUDIT_HANDLERS:
        bus.subscribe(kind, handler)
    for kind, handler in webhooks.WEBHOOK_HANDLERS:  # last: they see what the others did
        bus.subscribe(kind, handler)
    return bus


def assemble_core(db: Database, clock: Clock, config: CoreConfig) -> Core:
    """The core on ``db`` with ``clock`` and ``config``, its event handlers subscribed."""
    return Core(db, clock, config, event_bus())


def unreachable_hook(core: Core) -> Unreachable:
    """The dispatcher's ``on_unreachable``: the sessions part tells the client's consultant."""

    async def client_unreachable(uow: UnitOfWork, row: Outbound) -> None:
        await sessions.client_unreachable(uow, core, row)

    return client_unreachable


BACKUPS_OFF = BackupPlan(folder=Path("."), every=timedelta(0), keep=1)
"""No scheduled backups (``CONSULTORIA_BACKUP_INTERVAL_HOURS=0``)."""


def timer_handlers(backups: BackupPlan | None = None) -> Mapping[str, Handler]:
    """The handlers of every timer kind; a kind scheduled but missing here would be cancelled.

    ``backups``: the scheduled backups' plan (without one, a backup timer is done with nothing
    made: they are off)."""
    handlers: dict[str, Handler] = {}
    for part in (
        queue.TIMER_HANDLERS,
        booking.TIMER_HANDLERS,
        support.TIMER_HANDLERS,
        privacy.TIMER_HANDLERS,
        statements.TIMER_HANDLERS,
        backup_timer_handlers(backups or BACKUPS_OFF),
    ):
        clash = handlers.keys() & part.keys()
        if clash:
            raise RuntimeError(f"timer kinds handled twice: {sorted(clash)}")
        handlers.update(part)
    return handlers

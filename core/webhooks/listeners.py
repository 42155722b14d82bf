"""Which event types have listeners: an in-memory view of the active endpoints, per database.

An event nobody listens to costs no statement: the emitter asks this view, not the
``webhook_endpoint`` table, on every publish. The view is read again (one statement):

- at once after an endpoint is added or disabled **in this process** (``changed``,
  called by ``core.webhooks.endpoints`` in the writing transaction and again after its commit);
- at most ``LISTENERS_TTL`` after it was read, by the injected clock, whatever happened.

With several processes (two bots, or the CLI beside a running bot) an endpoint added in another
process starts receiving events within ``LISTENERS_TTL`` (events of that short window are not
sent to it); a disabled one is never sent to, as its rows fail at delivery.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import col

from core.clock import Clock
from core.db import UnitOfWork
from core.models import WebhookEndpoint

LISTENERS_TTL = timedelta(seconds=5)
"""How long the view of the active endpoints is trusted without a new read."""

_ACTIVE = select(col(WebhookEndpoint.id), col(WebhookEndpoint.events)).where(
    col(WebhookEndpoint.active).is_(True)
)


@dataclass
class _View:
    """The active endpoints' ids by event type, as read at ``read_at`` (generation ``seen``)."""

    read_at: datetime
    seen: int
    by_type: dict[str, tuple[int, ...]] = field(default_factory=dict)


_generation = 0
"""Bumped by every endpoint write in this process: every view older than it is read again."""
_views: weakref.WeakKeyDictionary[object, _View] = weakref.WeakKeyDictionary()


def changed(uow: UnitOfWork) -> None:
    """An endpoint was written in ``uow``: every view is read again, now and after the commit."""
    _bump()
    uow.after_commit(_bump)


def _bump() -> None:
    global _generation
    _generation += 1


def _fresh(view: _View | None, now: datetime) -> bool:
    if view is None or view.seen != _generation:
        return False
    return view.read_at <= now < view.read_at + LISTENERS_TTL


async def listeners(uow: UnitOfWork, clock: Clock, event_type: str) -> tuple[int, ...]:
    """The ids of the active endpoints subscribed to ``event_type``, in order."""
    engine = uow.session.bind
    now = clock.now()
    view = _views.get(engine)
    if not _fresh(view, now):
        seen = _generation
        rows = (await uow.session.execute(_ACTIVE)).all()
        by_type: dict[str, list[int]] = {}
        for endpoint_id, events in rows:
            for name in events:
                by_type.setdefault(name, []).append(endpoint_id)
        view = _View(now, seen, {k: tuple(sorted(v)) for k, v in by_type.items()})
        _views[engine] = view
    assert view is not None
    return view.by_type.get(event_type, ())

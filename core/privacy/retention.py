"""Relayed message contents are kept no longer than delivery needs (LGPD data minimisation).

Once ``config.message_retention`` has passed, a purge deletes the web channel's delivered rows
(``web_message``) and blanks the text and files of delivered (sent or failed) relay outbox rows;
their purpose becomes ``relay_purged`` so the next purge does not read them again. What is not
delivered yet is kept, whatever its age. The purge runs as a self-rescheduling timer
(``retention.purge``, hourly, one row thanks to its dedupe key) that the runtime ensures at
start-up with :func:`ensure_retention_timer`. Offline messages (left while the service was closed)
resolved, or dropped unwritten, longer ago than the retention are deleted, their cards' outbox
rows blanked; session recaps asked for longer ago than ``config.recap_retention`` are deleted;
delivery keys and WhatsApp throttle rows (a keyed hash of a number) go after ``INBOUND_KEPT``.
Files a channel keeps itself (the web chat's uploads) are deleted after the purge's commit by
the callback registered with ``core.files.forget_with``, unless an undelivered outbox row still
carries them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from core.context import Core
from core.db import UnitOfWork
from core.files import ForgetFiles
from core.inbound import forget_inbound_before
from core.models import (
    OfflineMessage,
    OfflineMessageStatus,
    Outbound,
    OutboundStatus,
    Timer,
    TimerStatus,
    WebMessage,
    WhatsAppThrottle,
)
from core.offline import OFFLINE_CARD
from core.recaps import delete_old_recaps
from core.sessions import RELAY, RELAY_PURGED
from core.timers import Handler, schedule

logger = logging.getLogger(__name__)

PURGE = "retention.purge"
"""Timer kind of the purge; also its dedupe key (there is one such timer)."""
PURGE_EVERY = timedelta(hours=1)
BATCH = 2000
"""Outbox rows blanked per run at most; when more remain the next run is due at once."""
DELIVERED = (OutboundStatus.SENT, OutboundStatus.FAILED)


@dataclass(frozen=True)
class PurgeResult:
    """What one purge removed."""

    web_messages: int
    outbox_rows: int
    more: bool = False
    files: int = 0
    offline_messages: int = 0
    recaps: int = 0


def _later(forget: ForgetFiles, refs: list[str]) -> Callable[[], Awaitable[None]]:
    return lambda: forget(refs)


def _file_refs(
    payloads: Iterable[Mapping[str, Any]], channels: Iterable[str]
) -> set[tuple[str, str]]:
    wanted = set(channels)
    return {
        (str(a.get("channel")), str(a.get("ref")))
        for payload in payloads
        for a in (payload or {}).get("attachments") or ()
        if isinstance(a, dict) and a.get("channel") in wanted and a.get("ref")
    }


def blank_payload(payload: dict[str, Any], now: datetime) -> dict[str, Any]:
    """An outbox payload without its contents (text, files, card fields, a relayed message's
    author and body), marked as purged."""
    blanked = dict(payload)
    extra = blanked.get("extra")
    if isinstance(extra, dict) and ("author" in extra or "body" in extra):
        blanked["extra"] = {k: v for k, v in extra.items() if k not in ("author", "body")}
    blanked["text"] = ""
    blanked["attachments"] = []
    if "fields" in blanked:
        blanked["fields"] = []
    if blanked.get("title"):
        blanked["title"] = None
    blanked["purged_at"] = now.isoformat()
    return blanked


async def purge_offline_messages(uow: UnitOfWork, now: datetime, cutoff: datetime) -> int:
    """Delete offline messages resolved (or dropped unwritten) before ``cutoff``; blank their
    cards' outbox rows. Open ones are kept whatever their age: the team has not answered."""
    resolved = (col(OfflineMessage.status) == OfflineMessageStatus.RESOLVED) & (
        col(OfflineMessage.resolved_at) < cutoff
    )
    unwritten = col(OfflineMessage.status).in_(
        (OfflineMessageStatus.DROPPED, OfflineMessageStatus.AWAITING_TEXT)
    ) & (col(OfflineMessage.created_at) < cutoff)
    old = select(OfflineMessage.id).where(resolved | unwritten).limit(BATCH)
    ids = [i for i in (await uow.session.exec(old)).all() if i is not None]
    if not ids:
        return 0
    cards = select(Outbound).where(
        col(Outbound.purpose) == OFFLINE_CARD, col(Outbound.subject_id).in_(ids)
    )
    for row in (await uow.session.exec(cards)).all():
        row.payload = blank_payload(row.payload, now)
        uow.session.add(row)
    await uow.session.flush()
    await uow.session.execute(delete(OfflineMessage).where(col(OfflineMessage.id).in_(ids)))
    return len(ids)


async def purge_relayed_contents(uow: UnitOfWork, core: Core) -> PurgeResult:
    """In the caller's transaction: drop what is older than the retention and was delivered."""
    now = core.clock.now()
    cutoff = now - core.config.message_retention
    forgetters = core.files.forgetters()
    purged: set[tuple[str, str]] = set()
    if forgetters:
        old = select(WebMessage.payload).where(col(WebMessage.created_at) < cutoff)
        purged = _file_refs((await uow.session.exec(old)).all(), forgetters)
    deleted = await uow.session.execute(
        delete(WebMessage).where(col(WebMessage.created_at) < cutoff)
    )
    statement = (
        select(Outbound)
        .where(col(Outbound.purpose) == RELAY, col(Outbound.status).in_(DELIVERED))
        .where(col(Outbound.created_at) < cutoff)
        .order_by(col(Outbound.id))
        .limit(BATCH + 1)
    )
    rows = list((await uow.session.exec(statement)).all())
    purged |= _file_refs((row.payload for row in rows[:BATCH]), forgetters)
    for row in rows[:BATCH]:
        row.payload = blank_payload(row.payload, now)
        row.purpose = RELAY_PURGED
        uow.session.add(row)
    await uow.session.flush()
    if purged:
        waiting = select(Outbound.payload).where(col(Outbound.status).not_in(DELIVERED))
        purged -= _file_refs((await uow.session.exec(waiting)).all(), forgetters)
    for channel, forget in forgetters.items():
        refs = sorted(ref for name, ref in purged if name == channel)
        if refs:
            uow.after_commit(_later(forget, refs))
    offline = await purge_offline_messages(uow, now, cutoff)
    recaps = await delete_old_recaps(uow, now - core.config.recap_retention)
    result = PurgeResult(
        web_messages=int(deleted.rowcount or 0),  # type: ignore[attr-defined]
        outbox_rows=min(len(rows), BATCH),
        more=len(rows) > BATCH or offline >= BATCH or recaps >= BATCH,
        files=len(purged),
        offline_messages=offline,
        recaps=recaps,
    )
    if result.web_messages or result.outbox_rows or result.offline_messages or result.recaps:
        logger.info(
            "retention: %s web messages deleted, %s relayed outbox rows blanked, %s files, "
            "%s offline messages deleted, %s session recaps deleted",
            result.web_messages,
            result.outbox_rows,
            result.files,
            result.offline_messages,
            result.recaps,
        )
    return result


INBOUND_KEPT = timedelta(days=2)
"""How long a platform delivery's key is kept to spot a repeat (Telegram retries for a day)."""


async def forget_throttles_before(uow: UnitOfWork, before: datetime) -> int:
    """Delete the WhatsApp throttle rows last used before ``before``: the longest throttle (the
    once-a-day nudge) is over by then, so a row older than that only says a client wrote once."""
    result = await uow.session.execute(
        delete(WhatsAppThrottle).where(col(WhatsAppThrottle.last_at) < before)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def on_retention_purge(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """Timer handler: purge, then schedule the next run (at once when a batch was full)."""
    del timer
    result = await purge_relayed_contents(uow, core)
    now = core.clock.now()
    forgotten = await forget_inbound_before(uow, now - INBOUND_KEPT)
    if forgotten:
        logger.info("retention: %s delivery keys older than %s forgotten", forgotten, INBOUND_KEPT)
    await forget_throttles_before(uow, now - INBOUND_KEPT)
    due = now if result.more else now + PURGE_EVERY
    await schedule(uow, core.clock, PURGE, due, dedupe_key=PURGE)


async def ensure_retention_timer(core: Core) -> None:
    """Make sure the purge is scheduled (idempotent; due at once when it was missing)."""
    try:
        async with core.transaction() as uow:
            existing = (
                await uow.session.exec(select(Timer).where(Timer.dedupe_key == PURGE))
            ).first()
            if existing is not None and existing.status == TimerStatus.PENDING:
                return
            await schedule(uow, core.clock, PURGE, core.clock.now(), dedupe_key=PURGE)
    except IntegrityError:
        logger.debug("retention timer created by another process at the same time")


TIMER_HANDLERS: dict[str, Handler] = {PURGE: on_retention_purge}

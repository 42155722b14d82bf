"""What the adapter reads and writes in the database itself: the 24-hour window, held rows,
status callbacks.

- No phone number and no Meta message id (a ``wamid`` encodes the number) is stored outside the
  contact's row: keys and references hold ``keyed_hash`` of them (an HMAC with the app secret).
- The window: every message a client sends is recorded as an inbound key ``<sender tag>:<message
  tag>`` of source ``WINDOW_SOURCE`` (both keyed hashes), so the client's last message time is
  the newest key of that prefix; the keys are kept two days, longer than the window.
- Held rows: a row that may not go outside the window is recorded as failed with ``HELD`` as its
  reason, so it holds up none of the chat's later rows; the client's next message makes those
  held in the last ``RELEASE_WITHIN`` pending again and due at once, in their order.
- Status callbacks (sent, delivered, read, failed with its error code) are written on the outbox
  row whose platform reference is the keyed hash of the message's ``wamid``, in its payload's
  ``whatsapp_status``
  (a failure also in ``last_error``; an undeliverable number marks the contact unreachable).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import datetime, timedelta

from sqlalchemy import func, or_, update
from sqlmodel import col, select

from adapters.whatsapp.errors import UNREACHABLE
from adapters.whatsapp.payload import Status
from core.clock import Clock
from core.db import Database, UnitOfWork
from core.inbound import first_delivery
from core.models import Channel, Contact, InboundKey, Outbound, OutboundStatus
from core.outbox import Unreachable, outbox_of

logger = logging.getLogger(__name__)

SOURCE = "whatsapp"
WINDOW_SOURCE = "whatsapp.window"
"""Keys of every message a client sent (whatever the core made of it): the window's clock."""
WINDOW = timedelta(hours=24)
HELD = "outside the 24-hour window: held until the client writes"
RELEASE_WITHIN = timedelta(days=7)
"""Held rows older than this stay failed when the client comes back: too old to say."""
STATUSES = frozenset({"sent", "delivered", "read", "failed", "deleted"})


def keyed_hash(value: str, secret: str) -> str:
    """A pseudonym of a number or a ``wamid`` for keys and references (an HMAC with the app
    secret: none can be guessed back from it, the same value always gives the same one)."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()[:24]


def message_key(wa_id: str, message_id: str, secret: str) -> str:
    """``<sender tag>:<message tag>``: one inbound message (its sender's tag first, for the
    window), with neither the number nor the ``wamid`` in it."""
    return f"{keyed_hash(wa_id, secret)}:{keyed_hash(message_id, secret)}"


def inbound_key(wa_id: str, message_id: str, secret: str) -> tuple[str, str]:
    """The core's dedup key of one inbound message."""
    return SOURCE, message_key(wa_id, message_id, secret)


async def mark_inbound(
    db: Database, clock: Clock, wa_id: str, message_id: str, secret: str
) -> bool:
    """Record that ``wa_id`` wrote now (any message opens the window, even one the core refuses
    or that it cannot take) and, in the same transaction, release the rows held for them; False
    for a repeated delivery (nothing new recorded, nothing released)."""
    async with db.uow() as uow:
        key = message_key(wa_id, message_id, secret)
        if not await first_delivery(uow, clock, WINDOW_SOURCE, key):
            return False
        released = await _release_held(uow, clock, wa_id)
        if released:
            uow.after_commit_wake(outbox_of("whatsapp"))
        await uow.commit()
    if released:
        logger.info("whatsapp: %s held rows released", released)
    return True


async def last_inbound(db: Database, wa_id: str, secret: str) -> datetime | None:
    """When ``wa_id`` last wrote (within the keys kept), or None."""
    async with db.read() as uow:
        statement = select(func.max(InboundKey.received_at)).where(
            InboundKey.source == WINDOW_SOURCE,
            col(InboundKey.key).like(f"{keyed_hash(wa_id, secret)}:%"),
        )
        found = (await uow.session.exec(statement)).first()
    return found if isinstance(found, datetime) else None


async def in_window(db: Database, clock: Clock, wa_id: str, secret: str) -> bool:
    """``wa_id`` wrote within the last 24 hours: free-form messages may go."""
    last = await last_inbound(db, wa_id, secret)
    if last is None:
        return False
    if last.tzinfo is None:
        last = last.replace(tzinfo=clock.now().tzinfo)
    return clock.now() - last < WINDOW


async def _release_held(uow: UnitOfWork, clock: Clock, wa_id: str) -> int:
    """Make the rows held for ``wa_id`` (in the last ``RELEASE_WITHIN``) pending and due now:
    the client wrote, the window is open. How many."""
    now = clock.now()
    result = await uow.session.execute(
        update(Outbound)
        .where(
            col(Outbound.channel) == Channel.WHATSAPP,
            col(Outbound.address) == wa_id,
            col(Outbound.status) == OutboundStatus.FAILED,
            col(Outbound.last_error) == HELD,
            col(Outbound.created_at) >= now - RELEASE_WITHIN,
        )
        .values(status=OutboundStatus.PENDING, next_attempt_at=now, attempts=0)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def record_status(
    db: Database,
    clock: Clock,
    status: Status,
    secret: str,
    on_unreachable: Unreachable | None = None,
) -> bool:
    """Write a status callback on its outbox row; False when no row has that ``wamid`` (its
    keyed hash).

    A failure whose code means the number cannot receive (``errors.UNREACHABLE``: not on
    WhatsApp, blocked, ...) marks the contact unreachable as a refused send does, and the first
    time calls ``on_unreachable`` (the consultant is told), in the same transaction.
    """
    if status.status not in STATUSES:
        return False
    async with db.uow() as uow:
        statement = select(Outbound).where(
            col(Outbound.channel) == Channel.WHATSAPP,
            col(Outbound.platform_ref) == keyed_hash(status.id, secret),
        )
        row = (await uow.session.exec(statement)).first()
        if row is None:
            return False
        entry: dict[str, object] = {"status": status.status, "timestamp": status.timestamp}
        if status.errors:
            entry["error"] = status.errors[0].code
        payload = dict(row.payload)
        payload["whatsapp_status"] = entry
        row.payload = payload
        if status.status == "failed" and status.errors:
            first = status.errors[0]
            row.last_error = f"whatsapp {first.code}: {first.title}"[:500]
            if first.code in UNREACHABLE:
                await _mark_unreachable(uow, clock, row, on_unreachable)
        uow.session.add(row)
        await uow.commit()
    logger.info("whatsapp status %s recorded on row %s", status.status, row.id)
    return True


async def _mark_unreachable(
    uow: UnitOfWork, clock: Clock, row: Outbound, on_unreachable: Unreachable | None
) -> None:
    result = await uow.session.execute(
        update(Contact)
        .where(col(Contact.channel) == Channel.WHATSAPP)
        .where(or_(col(Contact.chat_id) == row.address, col(Contact.external_id) == row.address))
        .where(col(Contact.unreachable_since).is_(None))
        .values(unreachable_since=clock.now())
    )
    if result.rowcount:  # type: ignore[attr-defined]
        logger.info("whatsapp contact of row %s marked unreachable", row.id)
        if on_unreachable is not None:
            await on_unreachable(uow, row)

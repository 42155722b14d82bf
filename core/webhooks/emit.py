"""Writing events to the outbox: one row per subscribed active endpoint, in the fact's transaction.

The row (channel ``webhook``, address = the endpoint's id) carries the event's envelope
``{"id": "evt_…", "type", "created_at", "data"}``; the envelope's id is the idempotency key a
receiver dedupes on (a retry or a manual redelivery sends the same id). Signing happens when the
row is delivered, with the endpoint's secrets of that moment.

The handlers below turn the core's domain events into webhook events; ``bot/`` subscribes them
(``WEBHOOK_HANDLERS``) after every other handler, so they see the state the transaction commits.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlmodel import col, select

from core.clock import Clock
from core.db import UnitOfWork
from core.events import (
    BookingCancelled,
    BookingChanged,
    BookingCreated,
    ConsentAnswered,
    Event,
    RequestCreated,
    SessionEnded,
    SessionRated,
    SessionStarted,
)
from core.models import (
    BillingRecord,
    Booking,
    Channel,
    Consent,
    ConsultingSession,
    Outbound,
    Request,
    WebhookEndpoint,
)
from core.outbox import Address, OutboundMessage, send
from core.webhooks import catalogue as kinds
from core.webhooks.resources import (
    Resource,
    billing_resource,
    booking_resource,
    consent_resource,
    instant,
    rating_resource,
    request_resource,
    session_resource,
)

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from core.context import Core

ENVELOPE = "event"
"""Where the envelope sits in the outbox row's message (``extra``)."""


def new_envelope(clock: Clock, event_type: str, data: Resource) -> dict[str, Any]:
    """A fresh event: a new id, its type, now, and the resource."""
    return {
        "id": f"evt_{uuid.uuid4().hex}",
        "type": event_type,
        "created_at": instant(clock.now()),
        "data": data,
    }


async def write_delivery(
    uow: UnitOfWork, clock: Clock, endpoint_id: int, envelope: dict[str, Any]
) -> Outbound:
    """One outbox row delivering ``envelope`` to endpoint ``endpoint_id``."""
    message = OutboundMessage(str(envelope["type"]), extra={ENVELOPE: envelope})
    return await send(uow, clock, Address(Channel.WEBHOOK, str(endpoint_id)), message)


def envelope_of(row: Outbound) -> dict[str, Any] | None:
    """The envelope an outbox row of the webhook channel carries (None: not such a row)."""
    if row.channel != Channel.WEBHOOK:
        return None
    envelope = (row.payload.get("extra") or {}).get(ENVELOPE)
    return envelope if isinstance(envelope, dict) else None


async def emit(uow: UnitOfWork, clock: Clock, event_type: str, data: Resource) -> int:
    """Write ``event_type`` for every active endpoint subscribed to it; how many rows."""
    statement = select(WebhookEndpoint).where(col(WebhookEndpoint.active).is_(True))
    endpoints = [e for e in (await uow.session.exec(statement)).all() if event_type in e.events]
    if not endpoints:
        return 0
    envelope = new_envelope(clock, event_type, data)
    for endpoint in sorted(endpoints, key=lambda e: e.id or 0):
        assert endpoint.id is not None
        await write_delivery(uow, clock, endpoint.id, envelope)
    return len(endpoints)


async def _request_created(uow: UnitOfWork, core: Core, event: RequestCreated) -> None:
    request = await uow.session.get(Request, event.request_id)
    if request is not None:
        data = await request_resource(uow, request)
        await emit(uow, core.clock, kinds.REQUEST_CREATED, data)


async def _consent_recorded(uow: UnitOfWork, core: Core, event: ConsentAnswered) -> None:
    consent = await uow.session.get(Consent, event.consent_id)
    if consent is not None:
        data = await consent_resource(uow, consent)
        await emit(uow, core.clock, kinds.CONSENT_RECORDED, data)


async def _session_started(uow: UnitOfWork, core: Core, event: SessionStarted) -> None:
    session = await uow.session.get(ConsultingSession, event.session_id)
    if session is not None:
        data = await session_resource(uow, session)
        await emit(uow, core.clock, kinds.SESSION_STARTED, data)


async def _session_ended(uow: UnitOfWork, core: Core, event: SessionEnded) -> None:
    """``session.ended``, then ``billing.recorded`` when the end billed it (same transaction)."""
    session = await uow.session.get(ConsultingSession, event.session_id)
    if session is None:
        return
    await emit(uow, core.clock, kinds.SESSION_ENDED, await session_resource(uow, session))
    statement = select(BillingRecord).where(BillingRecord.session_id == event.session_id)
    record = (await uow.session.exec(statement)).first()
    if record is not None:
        data = await billing_resource(uow, record)
        await emit(uow, core.clock, kinds.BILLING_RECORDED, data)


async def _booking(
    uow: UnitOfWork, core: Core, booking_id: int, event_type: str, **more: Any
) -> None:
    booking = await uow.session.get(Booking, booking_id)
    if booking is not None:
        data = {**await booking_resource(uow, booking), **more}
        await emit(uow, core.clock, event_type, data)


async def _booking_created(uow: UnitOfWork, core: Core, event: BookingCreated) -> None:
    await _booking(uow, core, event.booking_id, kinds.BOOKING_CREATED)


async def _booking_changed(uow: UnitOfWork, core: Core, event: BookingChanged) -> None:
    previous = instant(event.previous_starts_at)
    await _booking(uow, core, event.booking_id, kinds.BOOKING_CHANGED, previous_starts_at=previous)


async def _booking_cancelled(uow: UnitOfWork, core: Core, event: BookingCancelled) -> None:
    await _booking(uow, core, event.booking_id, kinds.BOOKING_CANCELLED)


async def _rating_recorded(uow: UnitOfWork, core: Core, event: SessionRated) -> None:
    session = await uow.session.get(ConsultingSession, event.session_id)
    if session is not None and session.rating is not None:
        data = await rating_resource(uow, session)
        await emit(uow, core.clock, kinds.RATING_RECORDED, data)


WEBHOOK_HANDLERS: tuple[tuple[type[Event], Callable[[UnitOfWork, Core, Any], Awaitable[None]]], ...]
WEBHOOK_HANDLERS = (
    (RequestCreated, _request_created),
    (ConsentAnswered, _consent_recorded),
    (SessionStarted, _session_started),
    (SessionEnded, _session_ended),
    (BookingCreated, _booking_created),
    (BookingChanged, _booking_changed),
    (BookingCancelled, _booking_cancelled),
    (SessionRated, _rating_recorded),
)
"""Each domain event and its webhook handler, for ``bot/`` to subscribe."""

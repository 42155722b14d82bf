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
from collections.abc import Awaitable, Callable
from typing import Any

from sqlmodel import select

from core.clock import Clock
from core.context import Core
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
)
from core.outbox import Address, OutboundMessage, send
from core.webhooks import catalogue as kinds
from core.webhooks.listeners import listeners
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


Build = Callable[[], Awaitable[Resource | None]]
"""Reads the event's resource (None: its row is gone); called only when someone subscribed."""


async def emit(uow: UnitOfWork, clock: Clock, event_type: str, build: Build) -> int:
    """Write ``event_type`` for every active endpoint subscribed to it; how many rows. The
    resource is read only when there is one: an event nobody listens to costs no statement
    (``core.webhooks.listeners``: the endpoints are read at most once per ``LISTENERS_TTL``)."""
    endpoint_ids = await listeners(uow, clock, event_type)
    if not endpoint_ids:
        return 0
    data = await build()
    if data is None:
        return 0
    envelope = new_envelope(clock, event_type, data)
    for endpoint_id in endpoint_ids:
        await write_delivery(uow, clock, endpoint_id, envelope)
    return len(endpoint_ids)


def _of(uow: UnitOfWork, model: Any, row_id: int, resource: Any, **more: Any) -> Build:
    """The resource of row ``row_id`` of ``model`` (with ``more`` fields), read when built."""

    async def build() -> Resource | None:
        row = await uow.session.get(model, row_id)
        return None if row is None else {**await resource(uow, row), **more}

    return build


async def _request_created(uow: UnitOfWork, core: Core, event: RequestCreated) -> None:
    build = _of(uow, Request, event.request_id, request_resource)
    await emit(uow, core.clock, kinds.REQUEST_CREATED, build)


async def _consent_recorded(uow: UnitOfWork, core: Core, event: ConsentAnswered) -> None:
    build = _of(uow, Consent, event.consent_id, consent_resource)
    await emit(uow, core.clock, kinds.CONSENT_RECORDED, build)


async def _session_started(uow: UnitOfWork, core: Core, event: SessionStarted) -> None:
    build = _of(uow, ConsultingSession, event.session_id, session_resource)
    await emit(uow, core.clock, kinds.SESSION_STARTED, build)


async def _session_ended(uow: UnitOfWork, core: Core, event: SessionEnded) -> None:
    """``session.ended``, then ``billing.recorded`` when the end billed it (same transaction)."""
    build = _of(uow, ConsultingSession, event.session_id, session_resource)
    await emit(uow, core.clock, kinds.SESSION_ENDED, build)

    async def billing() -> Resource | None:
        statement = select(BillingRecord).where(BillingRecord.session_id == event.session_id)
        record = (await uow.session.exec(statement)).first()
        return None if record is None else await billing_resource(uow, record)

    await emit(uow, core.clock, kinds.BILLING_RECORDED, billing)


async def _booking_created(uow: UnitOfWork, core: Core, event: BookingCreated) -> None:
    build = _of(uow, Booking, event.booking_id, booking_resource)
    await emit(uow, core.clock, kinds.BOOKING_CREATED, build)


async def _booking_changed(uow: UnitOfWork, core: Core, event: BookingChanged) -> None:
    previous = instant(event.previous_starts_at)
    build = _of(uow, Booking, event.booking_id, booking_resource, previous_starts_at=previous)
    await emit(uow, core.clock, kinds.BOOKING_CHANGED, build)


async def _booking_cancelled(uow: UnitOfWork, core: Core, event: BookingCancelled) -> None:
    build = _of(uow, Booking, event.booking_id, booking_resource)
    await emit(uow, core.clock, kinds.BOOKING_CANCELLED, build)


async def _rating_recorded(uow: UnitOfWork, core: Core, event: SessionRated) -> None:
    async def rating() -> Resource | None:
        session = await uow.session.get(ConsultingSession, event.session_id)
        if session is None or session.rating is None:
            return None
        return await rating_resource(uow, session)

    await emit(uow, core.clock, kinds.RATING_RECORDED, rating)


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

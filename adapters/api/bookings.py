"""Bookings through the API: listed, read, and made, cancelled and moved by the core.

``POST /bookings`` takes an optional ``Idempotency-Key`` header: the key is stored with the
booking (``core.booking.book_once``), so a retry after a lost answer gets the same booking (its
answer marked ``Idempotent-Replayed: true``) and the key on a different request is a 409.

Bookings are made, cancelled and moved by ``core.booking``'s ``book``, ``cancel_booking`` and
``reschedule`` — the entry points ``/agendar`` uses — acting as ``Actor.api(<token name>)``,
which the core treats as a secretary: opening hours, the alternative-hours mark, conflicts,
consultants' areas and every other refusal are the core's, rendered as problem documents.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from adapters.api import models as m
from adapters.api.problems import Problem
from adapters.api.resources import missing, page_size
from adapters.api.routing import Call
from core.booking import Actor, BookingOrder, book, book_once, cancel_booking, reschedule
from core.models import Booking, BookingStatus
from core.views import api as views

IDEMPOTENCY_KEY = "Idempotency-Key"
"""Optional header of ``POST /bookings``: a retry with the same key gets the same booking."""
KEY_MAX = 255

REACH = timedelta(days=3650)
"""How far from now a booking's time may be (further: refused before the core sees it)."""


def _booking(row: Booking) -> m.Booking:
    return m.Booking(
        id=row.id or 0,
        status=str(row.status),
        company_id=row.company_id,
        contact_id=row.contact_id,
        consultant_id=row.consultant_id,
        area=row.area,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        duration_minutes=int((row.ends_at - row.starts_at) / timedelta(minutes=1)),
        medium=row.medium,
        alternative_hours=row.alternative_hours,
        notes=row.notes,
        created_by_kind=row.created_by_kind,
        created_by_ref=row.created_by_ref,
        cancelled_at=row.cancelled_at,
        cancel_reason=row.cancel_reason,
    )


async def list_bookings(call: Call) -> m.BookingPage:
    """``GET /api/v1/bookings``."""
    status = call.query.get("status")
    async with call.core.db.uow() as uow:
        page = await views.bookings_page(
            uow,
            after=call.after,
            limit=page_size(call),
            company_id=call.query.get("company"),
            contact_id=call.query.get("contact"),
            status=BookingStatus(status) if status else None,
            starts_from=call.query.get("from"),
            starts_before=call.query.get("to"),
        )
    return m.BookingPage(items=[_booking(b) for b in page.items], next=call.next_link(page.after))


async def get_booking(call: Call) -> m.Booking:
    """``GET /api/v1/bookings/{booking_id}``."""
    return await _booking_by_id(call, call.ids["booking_id"])


async def create_booking(call: Call) -> m.Booking:
    """``POST /api/v1/bookings``: booked as ``/agendar`` books (201 and its address)."""
    body = _body(call, m.BookingCreate)
    _within_reach(call, body.starts_at)
    order = BookingOrder(
        company_id=body.company_id,
        starts_at=body.starts_at,
        duration=timedelta(minutes=body.duration_minutes),
        medium=body.medium,
        contact_id=body.contact_id,
        area=body.area,
        consultant_id=body.consultant_id,
        notes=body.notes,
        alternative_hours=body.alternative_hours,
        connection_detail=body.connection_detail,
    )
    actor = Actor.api(call.holder.name)
    key = _idempotency_key(call)
    if key is None:
        booking_id = await book(call.core, order, by=actor)
    else:
        fingerprint = hashlib.sha256(body.model_dump_json().encode()).hexdigest()
        booking_id, replayed = await book_once(
            call.core, order, by=actor, token_id=call.holder.id, key=key, fingerprint=fingerprint
        )
        if replayed:
            call.headers["Idempotent-Replayed"] = "true"
    call.headers["Location"] = f"/api/v1/bookings/{booking_id}"
    return await _booking_by_id(call, booking_id)


def _idempotency_key(call: Call) -> str | None:
    """The request's ``Idempotency-Key`` (1 to 255 visible ASCII characters), if it has one."""
    raw = call.request.headers.get(IDEMPOTENCY_KEY)
    if raw is None:
        return None
    if not 0 < len(raw) <= KEY_MAX or not all("!" <= char <= "~" for char in raw):
        raise Problem(400, "api.idempotency.bad_key")
    return raw


async def cancel(call: Call) -> m.Booking:
    """``POST /api/v1/bookings/{booking_id}/cancel``."""
    body = _body(call, m.BookingCancel)
    booking_id = call.ids["booking_id"]
    await cancel_booking(call.core, booking_id, by=Actor.api(call.holder.name), reason=body.reason)
    return await _booking_by_id(call, booking_id)


async def move(call: Call) -> m.Booking:
    """``POST /api/v1/bookings/{booking_id}/reschedule``."""
    body = _body(call, m.BookingReschedule)
    _within_reach(call, body.starts_at)
    booking_id = call.ids["booking_id"]
    await reschedule(
        call.core,
        booking_id,
        by=Actor.api(call.holder.name),
        starts_at=body.starts_at,
        alternative_hours=body.alternative_hours,
    )
    return await _booking_by_id(call, booking_id)


async def _booking_by_id(call: Call, booking_id: int) -> m.Booking:
    async with call.core.db.uow() as uow:
        found = await views.booking(uow, booking_id)
    if found is None:
        raise missing("booking", booking_id)
    return _booking(found)


def _body(call: Call, model: type[Any]) -> Any:
    assert isinstance(call.body, model)
    return call.body


def _within_reach(call: Call, moment: datetime) -> None:
    now = call.core.clock.now()
    try:
        near = abs(moment - now) <= REACH
    except OverflowError:
        near = False
    if not near:
        raise Problem(422, "api.detail.far_time", when=moment.isoformat())

"""The API's operations: read models to response bodies, bookings through the core's entry points.

Bookings are made, cancelled and moved by ``core.booking``'s ``book``, ``cancel_booking`` and
``reschedule`` — the entry points ``/agendar`` uses — acting as ``Actor.api(<token name>)``,
which the core treats as a secretary: opening hours, the alternative-hours mark, conflicts,
consultants' areas and every other refusal are the core's, rendered as problem documents.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from adapters.api import models as m
from adapters.api.problems import Key, Problem
from adapters.api.routing import Call
from core.booking import Actor, BookingOrder, book, cancel_booking, reschedule
from core.models import Booking, BookingStatus, Company, Consent, ConsultingSession, Contact
from core.views import api as views

REACH = timedelta(days=3650)
"""How far from now a booking's time may be (further: refused before the core sees it)."""


def _company(row: Company) -> m.Company:
    return m.Company(
        id=row.id or 0,
        name=row.name,
        cnpj=row.cnpj,
        product_line=row.product_line,
        hourly_rate_cents=row.hourly_rate_cents,
        active=row.active,
        created_at=row.created_at,
    )


def _contact(row: Contact) -> m.Contact:
    return m.Contact(
        id=row.id or 0,
        company_id=row.company_id,
        channel=str(row.channel),
        name=row.name,
        phone=row.phone,
        email=row.email,
        language=row.language,
        erased=row.erased_at is not None,
        created_at=row.created_at,
    )


def _session(row: ConsultingSession) -> m.Session:
    return m.Session(
        id=row.id or 0,
        kind=str(row.kind),
        status=str(row.status),
        company_id=row.company_id,
        contact_id=row.contact_id,
        consultant_id=row.consultant_id,
        booking_id=row.booking_id,
        medium=row.medium,
        alternative_hours=row.alternative_hours,
        started_at=row.started_at,
        billing_started_at=row.billing_started_at,
        ended_at=row.ended_at,
        rating=row.rating,
    )


def _consent(row: Consent) -> m.Consent:
    return m.Consent(
        id=row.id or 0,
        contact_id=row.contact_id,
        company_id=row.company_id,
        request_id=row.request_id,
        terms_version_id=row.terms_version_id,
        text_sha256=row.text_sha256,
        rate_cents_shown=row.rate_cents_shown,
        channel=str(row.channel),
        accepted=row.accepted,
        created_at=row.created_at,
    )


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


def _missing(what: str, found_id: int) -> Problem:
    return Problem(404, "api.detail.not_found", what=Key(f"api.what.{what}"), id=found_id)


async def list_companies(call: Call) -> m.CompanyPage:
    """``GET /api/v1/companies``."""
    async with call.core.db.uow() as uow:
        page = await views.companies_page(uow, after=call.after, limit=_limit(call))
    return m.CompanyPage(items=[_company(c) for c in page.items], next=call.next_link(page.after))


async def get_company(call: Call) -> m.Company:
    """``GET /api/v1/companies/{company_id}``."""
    company_id = call.ids["company_id"]
    async with call.core.db.uow() as uow:
        found = await views.company(uow, company_id)
    if found is None:
        raise _missing("company", company_id)
    return _company(found)


async def list_contacts(call: Call) -> m.ContactPage:
    """``GET /api/v1/companies/{company_id}/contacts``."""
    company_id = call.ids["company_id"]
    async with call.core.db.uow() as uow:
        if await views.company(uow, company_id) is None:
            raise _missing("company", company_id)
        page = await views.contacts_page(uow, company_id, after=call.after, limit=_limit(call))
    return m.ContactPage(items=[_contact(c) for c in page.items], next=call.next_link(page.after))


async def list_sessions(call: Call) -> m.SessionPage:
    """``GET /api/v1/sessions``."""
    async with call.core.db.uow() as uow:
        page = await views.sessions_page(
            uow,
            after=call.after,
            limit=_limit(call),
            tz=call.core.config.timezone,
            company_id=call.query.get("company"),
            month=call.query.get("month"),
        )
    return m.SessionPage(items=[_session(s) for s in page.items], next=call.next_link(page.after))


async def get_session(call: Call) -> m.Session:
    """``GET /api/v1/sessions/{session_id}``."""
    session_id = call.ids["session_id"]
    async with call.core.db.uow() as uow:
        found = await views.session(uow, session_id)
    if found is None:
        raise _missing("session", session_id)
    return _session(found)


async def list_billing_records(call: Call) -> m.BillingPage:
    """``GET /api/v1/billing-records``: the CSV export's rows and total line."""
    zone = call.core.config.timezone
    year, month = call.query.get("month") or _this_month(call.core.clock.now().astimezone(zone))
    company_id = call.query.get("company")
    async with call.core.db.uow() as uow:
        found = await views.billing_month(
            uow,
            year=year,
            month=month,
            tz=zone,
            after=call.after,
            limit=_limit(call),
            company_id=company_id,
        )
    items = [
        m.BillingRecord(
            id=row.record.id or 0,
            session_id=row.record.session_id,
            company_id=row.record.company_id,
            company=row.company_name,
            cnpj=row.company_cnpj,
            consultant=row.consultant_name or row.record.attended_by,
            started_at=row.record.started_at,
            ended_at=row.record.ended_at,
            minutes=row.record.minutes,
            periods=row.record.periods,
            rate_cents=row.record.rate_cents,
            amount_cents=row.record.amount_cents,
            alternative_hours=row.record.alternative_hours,
            medium=row.record.medium,
        )
        for row in found.page.items
    ]
    totals = m.BillingTotals(
        count=found.count,
        minutes=found.minutes,
        periods=found.periods,
        amount_cents=found.amount_cents,
    )
    return m.BillingPage(
        month=f"{year:04d}-{month:02d}",
        company_id=company_id,
        totals=totals,
        items=items,
        next=call.next_link(found.page.after),
    )


async def list_consents(call: Call) -> m.ConsentPage:
    """``GET /api/v1/consents``."""
    async with call.core.db.uow() as uow:
        page = await views.consents_page(
            uow,
            after=call.after,
            limit=_limit(call),
            company_id=call.query.get("company"),
            contact_id=call.query.get("contact"),
        )
    return m.ConsentPage(items=[_consent(c) for c in page.items], next=call.next_link(page.after))


async def list_bookings(call: Call) -> m.BookingPage:
    """``GET /api/v1/bookings``."""
    status = call.query.get("status")
    async with call.core.db.uow() as uow:
        page = await views.bookings_page(
            uow,
            after=call.after,
            limit=_limit(call),
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
    booking_id = await book(call.core, order, by=Actor.api(call.holder.name))
    call.headers["Location"] = f"/api/v1/bookings/{booking_id}"
    return await _booking_by_id(call, booking_id)


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
        raise _missing("booking", booking_id)
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


def _limit(call: Call) -> int:
    return int(call.query.get("limit") or 50)


def _this_month(now: datetime) -> tuple[int, int]:
    return now.year, now.month

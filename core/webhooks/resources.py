"""The resources events carry: plain JSON-ready dicts built from rows.

snake_case keys, integer ids, instants as ISO 8601 in UTC, money as integer ``*_cents`` with a
``currency``. No message contents (descriptions, notes, reasons typed by people) and, of personal
data, only what an ERP needs: the contact's id and name, the company's id, name and CNPJ.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from core.db import UnitOfWork
from core.models import (
    BillingRecord,
    Booking,
    Company,
    Consent,
    Consultant,
    ConsultingSession,
    Contact,
    Request,
)

CURRENCY = "BRL"
Resource = dict[str, Any]


def instant(value: datetime | None) -> str | None:
    """An instant as ISO 8601 in UTC (``2026-12-03T13:05:00+00:00``); None stays None."""
    return None if value is None else value.astimezone(UTC).isoformat()


async def _company(uow: UnitOfWork, company_id: int | None) -> Resource | None:
    company = await uow.session.get(Company, company_id) if company_id is not None else None
    if company is None:
        return None
    return {"id": company.id, "name": company.name, "cnpj": company.cnpj}


async def _contact(uow: UnitOfWork, contact_id: int | None) -> Resource | None:
    contact = await uow.session.get(Contact, contact_id) if contact_id is not None else None
    if contact is None:
        return None
    return {"id": contact.id, "name": contact.name}


async def _consultant(uow: UnitOfWork, consultant_id: int | None) -> Resource | None:
    consultant = (
        await uow.session.get(Consultant, consultant_id) if consultant_id is not None else None
    )
    if consultant is None:
        return None
    return {"id": consultant.id, "name": consultant.name}


async def _people(
    uow: UnitOfWork, company_id: int | None, contact_id: int | None
) -> dict[str, Resource | None]:
    return {
        "company": await _company(uow, company_id),
        "contact": await _contact(uow, contact_id),
    }


async def request_resource(uow: UnitOfWork, request: Request) -> Resource:
    """A request (consulting or support) as it stands."""
    return {
        "object": "request",
        "id": request.id,
        "kind": str(request.kind),
        "status": str(request.status),
        "area": request.area,
        **await _people(uow, request.company_id, request.contact_id),
        "queued_at": instant(request.queued_at),
        "created_at": instant(request.created_at),
    }


async def consent_resource(uow: UnitOfWork, consent: Consent) -> Resource:
    """An answer to the paid-service terms (the text's hash, not the text)."""
    return {
        "object": "consent",
        "id": consent.id,
        "request_id": consent.request_id,
        "accepted": consent.accepted,
        "terms_version_id": consent.terms_version_id,
        "text_sha256": consent.text_sha256,
        "hourly_rate_cents": consent.rate_cents_shown,
        "currency": CURRENCY,
        "channel": str(consent.channel),
        **await _people(uow, consent.company_id, consent.contact_id),
        "created_at": instant(consent.created_at),
    }


async def session_resource(uow: UnitOfWork, session: ConsultingSession) -> Resource:
    """A session (consulting or support), without its conversation or connection details."""
    return {
        "object": "session",
        "id": session.id,
        "request_id": session.request_id,
        "booking_id": session.booking_id,
        "kind": str(session.kind),
        "status": str(session.status),
        "medium": session.medium,
        "alternative_hours": session.alternative_hours,
        **await _people(uow, session.company_id, session.contact_id),
        "consultant": await _consultant(uow, session.consultant_id),
        "started_at": instant(session.started_at),
        "billing_started_at": instant(session.billing_started_at),
        "ended_at": instant(session.ended_at),
    }


async def billing_resource(uow: UnitOfWork, record: BillingRecord) -> Resource:
    """A billing record: the same figures as the CSV export."""
    return {
        "object": "billing_record",
        "id": record.id,
        "session_id": record.session_id,
        "request_id": record.request_id,
        "consent_id": record.consent_id,
        **await _people(uow, record.company_id, record.contact_id),
        "consultant": await _consultant(uow, record.consultant_id),
        "medium": record.medium,
        "alternative_hours": record.alternative_hours,
        "started_at": instant(record.started_at),
        "ended_at": instant(record.ended_at),
        "minutes": record.minutes,
        "periods": record.periods,
        "hourly_rate_cents": record.rate_cents,
        "amount_cents": record.amount_cents,
        "currency": CURRENCY,
        "created_at": instant(record.created_at),
    }


async def booking_resource(uow: UnitOfWork, booking: Booking) -> Resource:
    """A booking (without its notes, cancel reason or connection detail)."""
    return {
        "object": "booking",
        "id": booking.id,
        "status": str(booking.status),
        "request_id": booking.request_id,
        "area": booking.area,
        **await _people(uow, booking.company_id, booking.contact_id),
        "consultant": await _consultant(uow, booking.consultant_id),
        "starts_at": instant(booking.starts_at),
        "ends_at": instant(booking.ends_at),
        "medium": booking.medium,
        "alternative_hours": booking.alternative_hours,
        "cancelled_at": instant(booking.cancelled_at),
        "created_at": instant(booking.created_at),
        "updated_at": instant(booking.updated_at),
    }


async def rating_resource(uow: UnitOfWork, session: ConsultingSession) -> Resource:
    """A client's 1-5 rating of a session."""
    return {
        "object": "rating",
        "session_id": session.id,
        "stars": session.rating,
        **await _people(uow, session.company_id, session.contact_id),
        "consultant": await _consultant(uow, session.consultant_id),
        "rated_at": instant(session.rated_at),
    }

"""The API's reads: companies, contacts, sessions, billing records and consents as bodies.

The billing records are the CSV export's rows (``core.views.api.billing_month`` reads them with
``billed_sessions``), their totals the export's total line. Bookings: ``adapters.api.bookings``.
"""

from __future__ import annotations

from datetime import datetime

from adapters.api import models as m
from adapters.api.problems import Key, Problem
from adapters.api.routing import Call
from core.models import Company, Consent, ConsultingSession, Contact
from core.views import api as views


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


def missing(what: str, found_id: int) -> Problem:
    """The 404 problem of an unknown ``what`` (company, session, booking) ``found_id``."""
    return Problem(404, "api.detail.not_found", what=Key(f"api.what.{what}"), id=found_id)


async def list_companies(call: Call) -> m.CompanyPage:
    """``GET /api/v1/companies``."""
    async with call.core.db.uow() as uow:
        page = await views.companies_page(uow, after=call.after, limit=page_size(call))
    return m.CompanyPage(items=[_company(c) for c in page.items], next=call.next_link(page.after))


async def get_company(call: Call) -> m.Company:
    """``GET /api/v1/companies/{company_id}``."""
    company_id = call.ids["company_id"]
    async with call.core.db.uow() as uow:
        found = await views.company(uow, company_id)
    if found is None:
        raise missing("company", company_id)
    return _company(found)


async def list_contacts(call: Call) -> m.ContactPage:
    """``GET /api/v1/companies/{company_id}/contacts``."""
    company_id = call.ids["company_id"]
    async with call.core.db.uow() as uow:
        if await views.company(uow, company_id) is None:
            raise missing("company", company_id)
        page = await views.contacts_page(uow, company_id, after=call.after, limit=page_size(call))
    return m.ContactPage(items=[_contact(c) for c in page.items], next=call.next_link(page.after))


async def list_sessions(call: Call) -> m.SessionPage:
    """``GET /api/v1/sessions``."""
    async with call.core.db.uow() as uow:
        page = await views.sessions_page(
            uow,
            after=call.after,
            limit=page_size(call),
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
        raise missing("session", session_id)
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
            limit=page_size(call),
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
            limit=page_size(call),
            company_id=call.query.get("company"),
            contact_id=call.query.get("contact"),
        )
    return m.ConsentPage(items=[_consent(c) for c in page.items], next=call.next_link(page.after))


def page_size(call: Call) -> int:
    """The ``limit`` asked for (50 by default)."""
    return int(call.query.get("limit") or 50)


def _this_month(now: datetime) -> tuple[int, int]:
    return now.year, now.month

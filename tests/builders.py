"""Test data written straight to storage, for storage-level tests that precede the core flows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import select

from core.db import UnitOfWork
from core.models import (
    Channel,
    Company,
    Consent,
    Consultant,
    ConsultingSession,
    Contact,
    Request,
    RequestStatus,
    SessionStatus,
    TermsVersion,
)


@dataclass
class Party:
    """A company with one contact, one consultant and published terms."""

    company: Company
    contact: Contact
    consultant: Consultant
    terms: TermsVersion


async def party(
    uow: UnitOfWork,
    at: datetime,
    *,
    name: str = "Metalúrgica Exemplo",
    rate_cents: int = 18000,
    code: str = "ABC234",
    person: str = "42",
    slack_user: str = "U0CONSULT",
) -> Party:
    """Insert a company, its contact, a consultant and terms version 1."""
    company = Company(
        name=name,
        product_line="industrial",
        hourly_rate_cents=rate_cents,
        access_code=code,
        created_at=at,
        updated_at=at,
    )
    uow.session.add(company)
    await uow.session.flush()
    contact = Contact(
        company_id=company.id,
        channel=Channel.TELEGRAM,
        external_id=person,
        name="Ana",
        created_at=at,
    )
    consultant = Consultant(
        staff_key=slack_user, name="Bruno Consultor", status_changed_at=at, created_at=at
    )
    terms = (await uow.session.exec(select(TermsVersion))).first() or TermsVersion(
        language="pt-BR",
        version=1,
        template="{taxa_hora}",
        template_sha256="0" * 64,
        published_at=at,
    )
    uow.session.add_all([contact, consultant, terms])
    await uow.session.flush()
    return Party(company, contact, consultant, terms)


async def ended_session(
    uow: UnitOfWork,
    p: Party,
    started: datetime,
    minutes: float,
    *,
    consent: bool | None = True,
    rate_cents: int | None = None,
) -> ConsultingSession:
    """A consulting request with (or without) a consent, and its session ended after ``minutes``."""
    assert p.company.id and p.contact.id and p.consultant.id
    assert p.terms.id
    request = Request(
        contact_id=p.contact.id,
        company_id=p.company.id,
        area="Custos",
        description="Como fechar o custo do mês?",
        status=RequestStatus.DONE,
        created_at=started,
        updated_at=started,
    )
    uow.session.add(request)
    await uow.session.flush()
    assert request.id
    if consent is not None:
        uow.session.add(
            Consent(
                contact_id=p.contact.id,
                company_id=p.company.id,
                request_id=request.id,
                terms_version_id=p.terms.id,
                text_sha256="f" * 64,
                rate_cents_shown=rate_cents or p.company.hourly_rate_cents,
                channel=Channel.TELEGRAM,
                message_ref="42:1",
                accepted=consent,
                created_at=started - timedelta(minutes=1),
            )
        )
    session = ConsultingSession(
        request_id=request.id,
        contact_id=p.contact.id,
        company_id=p.company.id,
        consultant_id=p.consultant.id,
        started_at=started,
        billing_started_at=started,
        ended_at=started + timedelta(minutes=minutes),
        status=SessionStatus.ENDED,
    )
    uow.session.add(session)
    await uow.session.flush()
    return session

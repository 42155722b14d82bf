"""A company's monthly statement: every billed session of a local calendar month, with totals.

The lines are the billing records the CSV export lists for that company and month
(``core.billing_records.billed_sessions``), so the totals agree with it to the cent; each line adds
what a company's reader needs: the contact, the area, the medium and the terms version the client
accepted. Texts are in the company's language (``Company.language``, else the bot's).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from core.billing import format_brl, format_duration
from core.billing_records import billed_sessions
from core.cards import area_label
from core.companies import format_cnpj
from core.context import Core, CoreConfig
from core.db import UnitOfWork
from core.errors import NotFound
from core.mail import mail_to
from core.messages import normalise_language, t
from core.models import (
    BillingRecord,
    Company,
    Consent,
    Contact,
    Request,
    TermsVersion,
    Timer,
    TimerStatus,
)
from core.outbox import Attachment, OutboundMessage
from core.timefmt import format_date, format_time
from core.timers import Handler, cancel, schedule

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StatementLine:
    """One billed session as the statement shows it (texts already in the statement's language)."""

    session_id: int
    day: str
    hours: str
    contact: str
    consultant: str
    area: str
    medium: str
    duration: str
    minutes: int
    periods: int
    amount_cents: int
    amount: str
    terms_version: str


@dataclass(frozen=True)
class Statement:
    """A company's statement for one month."""

    company_id: int
    company_name: str
    company_cnpj: str
    year: int
    month: int
    language: str
    lines: tuple[StatementLine, ...]
    note: str

    @property
    def total_cents(self) -> int:
        """The month's total, the sum of the lines (as in the CSV export)."""
        return sum(line.amount_cents for line in self.lines)

    @property
    def total_minutes(self) -> int:
        """Minutes of every billed session."""
        return sum(line.minutes for line in self.lines)

    @property
    def total_periods(self) -> int:
        """Billed periods of every session."""
        return sum(line.periods for line in self.lines)

    @property
    def month_label(self) -> str:
        """``11/2026``."""
        return f"{self.month:02d}/{self.year:04d}"

    @property
    def total(self) -> str:
        """The total as money in the statement's language."""
        return format_brl(self.total_cents, self.language)

    def file_name(self) -> str:
        """``extrato-2026-11-empresa-7.pdf`` (``statement-…`` in English)."""
        stem = t("statement.file_stem", self.language)
        return f"{stem}-{self.year:04d}-{self.month:02d}-{self.company_id}.pdf"


async def company_statement(
    uow: UnitOfWork, config: CoreConfig, company_id: int, year: int, month: int
) -> Statement:
    """The statement of ``company_id`` for the local month; NotFound for an unknown company."""
    company = await uow.session.get(Company, company_id)
    if company is None:
        raise NotFound("billing.unknown_company", company_id=company_id)
    language = normalise_language(company.language or config.language)
    tz: ZoneInfo = config.timezone
    rows = await billed_sessions(uow, year=year, month=month, tz=tz, company_id=company_id)
    records = [row.record for row in rows]
    details = await _details(uow, records)
    lines = []
    for row in rows:
        record = row.record
        contact, area, version = details.get(record.id or 0, (None, None, None))
        start, end = record.started_at.astimezone(tz), record.ended_at.astimezone(tz)
        lines.append(
            StatementLine(
                session_id=record.session_id,
                day=format_date(end.date()),
                hours=f"{format_time(start)}–{format_time(end)}",
                contact=_contact_name(contact, language),
                consultant=row.consultant_name or record.attended_by or "—",
                area=area_label(area, language, config),
                medium=record.medium,
                duration=format_duration(record.minutes, language),
                minutes=record.minutes,
                periods=record.periods,
                amount_cents=record.amount_cents,
                amount=format_brl(record.amount_cents, language),
                terms_version=str(version) if version is not None else "—",
            )
        )
    return Statement(
        company_id=company_id,
        company_name=company.name,
        company_cnpj=format_cnpj(company.cnpj),
        year=year,
        month=month,
        language=language,
        lines=tuple(lines),
        note=t(
            "statement.note",
            language,
            period=config.policy.period_minutes,
            minimum=config.policy.period_minutes * config.policy.min_periods,
        ),
    )


def _contact_name(contact: Contact | None, language: str) -> str:
    if contact is None or contact.erased_at is not None or not contact.name:
        return t("statement.contact_unnamed", language)
    return contact.name


async def _details(
    uow: UnitOfWork, records: list[BillingRecord]
) -> dict[int, tuple[Contact | None, str | None, int | None]]:
    """Per billing record id: its contact, its request's area and its consent's terms version."""
    ids = [r.id for r in records if r.id is not None]
    if not ids:
        return {}
    statement = (
        select(BillingRecord.id, Contact, Request.area, TermsVersion.version)
        .join(Contact, col(Contact.id) == BillingRecord.contact_id)
        .join(Request, col(Request.id) == BillingRecord.request_id)
        .join(Consent, col(Consent.id) == BillingRecord.consent_id)
        .join(TermsVersion, col(TermsVersion.id) == Consent.terms_version_id)
        .where(col(BillingRecord.id).in_(ids))
    )
    found = await uow.session.exec(statement)
    return {
        record_id: (contact, area, version)
        for record_id, contact, area, version in found
        if record_id is not None
    }


STATEMENT_MAIL = "statements.mail"
"""Timer kind (and dedupe key): e-mail last month's statements, then schedule the next month."""
STATEMENT_DOCUMENT = "statement"
"""``Attachment.channel`` of a statement PDF: built when the e-mail is sent (``ref``:
``<company id>:<aaaa-mm>``), from billing records that no longer change."""


def statement_attachment(company_id: int, year: int, month: int, language: str) -> Attachment:
    """The statement PDF as an attachment reference."""
    stem = t("statement.file_stem", language)
    return Attachment(
        kind="document",
        channel=STATEMENT_DOCUMENT,
        ref=f"{company_id}:{year:04d}-{month:02d}",
        name=f"{stem}-{year:04d}-{month:02d}.pdf",
        mime_type="application/pdf",
    )


def parse_statement_ref(ref: str) -> tuple[int, int, int] | None:
    """``<company id>:<aaaa-mm>`` as (company id, year, month); None when malformed."""
    company, _, when = ref.partition(":")
    year, _, month = when.partition("-")
    if not (company.isdigit() and year.isdigit() and month.isdigit()) or len(company) > 12:
        return None
    if not (2000 <= int(year) <= 9999 and 1 <= int(month) <= 12):
        return None
    return int(company), int(year), int(month)


def next_mailing(core: Core, after: datetime) -> datetime:
    """The first opening of the month after ``after`` (its first working day, local time)."""
    local = after.astimezone(core.config.timezone)
    first = datetime(
        local.year + local.month // 12, local.month % 12 + 1, 1, tzinfo=core.config.timezone
    )
    return core.config.hours.next_opening(first)


async def ensure_statement_timer(core: Core) -> None:
    """Schedule the monthly mailing when statements go by e-mail (idempotent); cancel it when
    they do not."""
    try:
        async with core.transaction() as uow:
            if not (core.config.email_enabled and core.config.statements_by_email):
                await cancel(uow, kind=STATEMENT_MAIL, dedupe_key=STATEMENT_MAIL)
                return
            found = await uow.session.exec(select(Timer).where(Timer.dedupe_key == STATEMENT_MAIL))
            existing = found.first()
            if existing is not None and existing.status == TimerStatus.PENDING:
                return
            due = next_mailing(core, core.clock.now())
            await schedule(uow, core.clock, STATEMENT_MAIL, due, dedupe_key=STATEMENT_MAIL)
    except IntegrityError:
        logger.debug("statement timer created by another process at the same time")


async def on_statement_mail(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """E-mail each company with a billing e-mail and billed sessions its last month's
    statement, once (the rows are written in the timer's transaction), then schedule the next."""
    now = core.clock.now().astimezone(core.config.timezone)
    year, month = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
    if core.config.email_enabled and core.config.statements_by_email:
        companies = await uow.session.exec(
            select(Company).where(col(Company.billing_email).is_not(None), col(Company.active))
        )
        for company in companies.all():
            assert company.id is not None
            statement = await company_statement(uow, core.config, company.id, year, month)
            if not statement.lines:
                continue
            language = statement.language
            message = OutboundMessage(
                t(
                    "statement.mail.text",
                    language,
                    company=company.name,
                    month=statement.month_label,
                    amount=statement.total,
                ),
                title=t("statement.mail.title", language, month=statement.month_label),
                attachments=(statement_attachment(company.id, year, month, language),),
            )
            await mail_to(
                uow,
                core.clock,
                company,
                message,
                enabled=True,
                purpose=STATEMENT_MAIL,
                subject_id=company.id,
            )
        logger.info("statements of %02d/%04d queued by e-mail", month, year)
    await schedule(
        uow, core.clock, STATEMENT_MAIL, next_mailing(core, now), dedupe_key=STATEMENT_MAIL
    )


TIMER_HANDLERS: dict[str, Handler] = {STATEMENT_MAIL: on_statement_mail}

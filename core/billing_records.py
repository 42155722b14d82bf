"""Billing records: written once per ended consulting session, only against an accepted consent.

The monthly export turns them into CSV rows whose total equals the sum of the summaries.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TextIO
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from core.billing import BillingPolicy, format_brl, summarize
from core.clock import Clock
from core.db import UnitOfWork
from core.errors import BusinessError, Conflict, NotFound
from core.messages import t
from core.models import (
    BillingRecord,
    Company,
    Consent,
    Consultant,
    ConsultingSession,
    RequestKind,
)


async def accepted_consent(uow: UnitOfWork, contact_id: int, request_id: int) -> Consent | None:
    """The newest accepted consent of this contact for this request, if any."""
    statement = (
        select(Consent)
        .where(Consent.contact_id == contact_id, Consent.request_id == request_id)
        .order_by(col(Consent.created_at).desc(), col(Consent.id).desc())
    )
    newest = (await uow.session.exec(statement)).first()
    return newest if newest is not None and newest.accepted else None


async def record_billing(
    uow: UnitOfWork, clock: Clock, session: ConsultingSession, policy: BillingPolicy
) -> BillingRecord:
    """Bill an ended consulting session at the rate its client accepted (the SPEC's invariant).

    Refused when the session is support, still open, already billed, or has no accepted consent
    of its contact for its request: nothing is billed without accepted terms.
    """
    if session.kind != RequestKind.CONSULTING or session.id is None:
        raise BusinessError("billing.not_consulting")
    if session.ended_at is None or session.billing_started_at is None:
        raise BusinessError("billing.session_open")
    existing = await uow.session.exec(
        select(BillingRecord).where(BillingRecord.session_id == session.id)
    )
    if existing.first() is not None:
        raise Conflict("billing.already_billed", session_id=session.id)
    consent = await accepted_consent(uow, session.contact_id, session.request_id)
    if consent is None or consent.id is None:
        raise BusinessError("billing.no_consent", session_id=session.id)
    summary = summarize(
        session.billing_started_at, session.ended_at, consent.rate_cents_shown, policy
    )
    record = BillingRecord(
        session_id=session.id,
        request_id=session.request_id,
        consent_id=consent.id,
        company_id=session.company_id,
        contact_id=session.contact_id,
        consultant_id=session.consultant_id,
        attended_by=session.attendant_key,
        alternative_hours=session.alternative_hours,
        medium=session.medium,
        started_at=session.billing_started_at,
        ended_at=session.ended_at,
        minutes=summary.minutes,
        periods=summary.periods,
        rate_cents=summary.rate_cents,
        amount_cents=summary.amount_cents,
        created_at=clock.now(),
    )
    uow.session.add(record)
    await uow.session.flush()
    return record


@dataclass(frozen=True)
class ExportRow:
    """One billed session as it appears in the export."""

    record: BillingRecord
    company_name: str
    company_cnpj: str | None
    consultant_name: str | None


def month_bounds(year: int, month: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants where a local calendar month starts and the next one starts."""
    start = datetime.combine(date(year, month, 1), time(0), tzinfo=tz)
    following = date(year + month // 12, month % 12 + 1, 1)
    end = datetime.combine(following, time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


async def billed_sessions(
    uow: UnitOfWork, *, year: int, month: int, tz: ZoneInfo, company_id: int | None = None
) -> list[ExportRow]:
    """Billing records of sessions that ended in the local month, oldest first."""
    if company_id is not None and await uow.session.get(Company, company_id) is None:
        raise NotFound("billing.unknown_company", company_id=company_id)
    start, end = month_bounds(year, month, tz)
    statement = (
        select(BillingRecord, Company.name, Company.cnpj, Consultant.name)
        .join(Company, col(Company.id) == BillingRecord.company_id)
        .outerjoin(Consultant, col(Consultant.id) == BillingRecord.consultant_id)
        .where(col(BillingRecord.ended_at) >= start, col(BillingRecord.ended_at) < end)
        .order_by(col(BillingRecord.ended_at), col(BillingRecord.id))
    )
    if company_id is not None:
        statement = statement.where(BillingRecord.company_id == company_id)
    result = await uow.session.exec(statement)
    return [ExportRow(record, name, cnpj, consultant) for record, name, cnpj, consultant in result]


EXPORT_COLUMNS = (
    "session_id",
    "company_id",
    "company",
    "cnpj",
    "consultant",
    "started_at",
    "ended_at",
    "minutes",
    "periods",
    "rate_cents",
    "amount_cents",
    "rate",
    "amount",
    "alternative_hours",
    "medium",
)


def write_export_csv(rows: Sequence[ExportRow], out: TextIO, *, tz: ZoneInfo, language: str) -> int:
    """Write the rows and a closing total line; return the total in cents."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    total = 0
    for row in rows:
        record = row.record
        total += record.amount_cents
        writer.writerow(
            [
                record.session_id,
                record.company_id,
                row.company_name,
                row.company_cnpj or "",
                row.consultant_name or record.attended_by or "",
                _local(record.started_at, tz),
                _local(record.ended_at, tz),
                record.minutes,
                record.periods,
                record.rate_cents,
                record.amount_cents,
                format_brl(record.rate_cents, language),
                format_brl(record.amount_cents, language),
                int(record.alternative_hours),
                record.medium,
            ]
        )
    writer.writerow(
        [
            t("billing.export.total", language, count=len(rows)),
            "",
            "",
            "",
            "",
            "",
            "",
            sum(r.record.minutes for r in rows),
            sum(r.record.periods for r in rows),
            "",
            total,
            "",
            format_brl(total, language),
            "",
            "",
        ]
    )
    return total


def _local(instant: datetime, tz: ZoneInfo) -> str:
    return instant.astimezone(tz).strftime("%d/%m/%Y %H:%M")

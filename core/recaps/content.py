"""What a recap holds: the session's header and its relayed conversation, frozen as data.

The conversation is read from the session's relay outbox rows, each message once: what the
client and their colleagues wrote is taken from its row to the staff's thread, what the staff
wrote from its copy to the client. Internal notes (``//``) are never relayed, so they are not
here; neither are the bot's own notices. Every text is already in the client's language, so the
stored content renders the same documents after the retention purge blanked the messages.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from core.billing import format_brl, format_duration
from core.cards import area_label
from core.contacts import contact_address
from core.context import CoreConfig
from core.db import UnitOfWork
from core.messages import t
from core.models import (
    BillingRecord,
    Company,
    Consultant,
    ConsultingSession,
    Contact,
    Outbound,
    Request,
    SessionGuest,
)
from core.recaps.recap import SIDES, Recap, RecapLine
from core.sessions import RELAY, staff_name
from core.timefmt import format_date, format_datetime, format_time

MAX_TEXT = 20_000
"""A relayed message is cut to this many characters (no chat sends more)."""


async def _lead(uow: UnitOfWork, session: ConsultingSession) -> str:
    if session.consultant_id is not None:
        consultant = await uow.session.get(Consultant, session.consultant_id)
        if consultant is not None:
            return consultant.name
    if session.attendant_key:
        return await staff_name(uow, session.attendant_key)
    return "—"


async def _header(
    uow: UnitOfWork, config: CoreConfig, session: ConsultingSession, language: str
) -> tuple[tuple[str, str], ...]:
    tz = config.timezone
    company = await uow.session.get(Company, session.company_id)
    request = await uow.session.get(Request, session.request_id)
    found = await uow.session.exec(
        select(BillingRecord).where(BillingRecord.session_id == session.id)
    )
    record = found.first()
    start = session.billing_started_at or session.started_at
    end = session.ended_at or start
    if record is not None:
        start, end = record.started_at, record.ended_at
        periods = str(record.periods)
        amount = format_brl(record.amount_cents, language)
        minutes = record.minutes
    else:
        periods = t("recap.not_billed", language)
        amount = t("recap.free", language)
        minutes = max(0, int((end - start).total_seconds() // 60))

    def pair(key: str, value: str) -> tuple[str, str]:
        return (t(f"recap.heading.{key}", language), value)

    return (
        pair("company", company.name if company is not None else "—"),
        pair("consultant", await _lead(uow, session)),
        pair("area", area_label(request.area if request else None, language, config)),
        pair("medium", record.medium if record is not None else session.medium),
        pair("start", format_datetime(start, tz)),
        pair("end", format_datetime(end, tz)),
        pair("duration", format_duration(minutes, language)),
        pair("periods", periods),
        pair("amount", amount),
    )


_KINDS = ("photo", "document", "voice", "video")


def _files(payload: dict[str, Any], language: str) -> tuple[str, ...]:
    """The files' names; a file without one (a Telegram photo) as its kind: ``uma foto``."""
    names = []
    for attachment in payload.get("attachments") or ():
        if isinstance(attachment, dict):
            name = str(attachment.get("name") or "").strip()[:200]
            kind = attachment.get("kind")
            unnamed = t(f"sessions.file.{kind if kind in _KINDS else 'other'}", language)
            names.append(name or unnamed)
    return tuple(names)


async def conversation(
    uow: UnitOfWork, config: CoreConfig, session: ConsultingSession, client: Contact, language: str
) -> tuple[RecapLine, ...]:
    """The session's relayed messages, oldest first, each once (see the module docstring)."""
    to_client = contact_address(client)
    guests = await uow.session.exec(
        select(Contact)
        .join(SessionGuest, col(SessionGuest.contact_id) == Contact.id)
        .where(SessionGuest.session_id == session.id)
    )
    client_side = {(a.channel, a.id) for a in map(contact_address, [client, *guests.all()])}
    rows = await uow.session.exec(
        select(Outbound)
        .where(col(Outbound.purpose) == RELAY, col(Outbound.subject_id) == session.id)
        .order_by(col(Outbound.id))
    )
    lines = []
    for row in rows.all():
        extra = row.payload.get("extra") or {}
        side = extra.get("side") if isinstance(extra, dict) else None
        if side not in SIDES:
            continue
        if side == "staff":
            wanted = (row.channel, row.address) == (to_client.channel, to_client.id)
        else:  # the client's side: the copy in the thread (not one shared with a colleague)
            wanted = (row.channel, row.address) not in client_side
        if not wanted or row.edit_of_id is not None:
            continue
        lines.append(
            RecapLine(
                time=format_time(row.created_at.astimezone(config.timezone)),
                author=str(extra.get("author") or "")[:200],
                side=str(side),
                text=str(extra.get("body") or "")[:MAX_TEXT],
                files=_files(row.payload, language),
            )
        )
    return tuple(lines)


async def build_recap(
    uow: UnitOfWork, config: CoreConfig, session: ConsultingSession, client: Contact, language: str
) -> Recap:
    """The recap of an ended session, in ``language``."""
    assert session.id is not None
    company = await uow.session.get(Company, session.company_id)
    ended = (session.ended_at or session.started_at).astimezone(config.timezone)
    return Recap(
        session_id=session.id,
        language=language,
        company=company.name if company is not None else "",
        day=format_date(ended.date()),
        header=await _header(uow, config, session, language),
        lines=await conversation(uow, config, session, client, language),
    )

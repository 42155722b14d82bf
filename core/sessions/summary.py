"""What an ended session reports (SPEC 8): the billing summary to the client, the session thread
and the billing channel (three outbox rows in the ending transaction), or the unbilled/free end.
"""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

from core.billing import BillingSummary, billable_minutes, format_brl, format_duration
from core.contacts import contact_language
from core.context import Core
from core.db import UnitOfWork
from core.messages import t
from core.models import BillingRecord, Consultant, ConsultingSession, RequestKind
from core.outbox import Choice, Field, OutboundMessage, send
from core.sessions.common import (
    BILLING_CARD,
    RECAP_OFFER,
    Party,
    contact_label,
    staff_name,
    tell_client,
    thread_post,
)
from core.sessions.medium import session_connection
from core.timefmt import format_datetime

CLIENT = "client"
"""``ended_by`` of a session the client ended."""


def recap_choice(session_id: int, language: str) -> Choice:
    """The end message's button asking for the conversation (``recap:<session>``)."""
    return Choice(f"recap:{session_id}", t("recap.button", language))


async def _tell_end(
    uow: UnitOfWork, core: Core, session: ConsultingSession, party: Party, message: OutboundMessage
) -> None:
    """The client's end message, with the recap button under it (its own question, so the
    rating buttons stay as they are)."""
    assert session.id is not None
    language = contact_language(party.contact, core.config)
    offer = replace(message, choices=(recap_choice(session.id, language),))
    await tell_client(uow, core, party.contact, offer, purpose=RECAP_OFFER, subject_id=session.id)


async def _lead_name(uow: UnitOfWork, session: ConsultingSession) -> str:
    if session.consultant_id is not None:
        consultant = await uow.session.get(Consultant, session.consultant_id)
        if consultant is not None:
            return consultant.name
    if session.attendant_key:
        return await staff_name(uow, session.attendant_key)
    return "-"


async def _billing_card(
    uow: UnitOfWork, core: Core, session: ConsultingSession, party: Party, summary: BillingSummary
) -> OutboundMessage:
    lang, tz = core.config.language, core.config.timezone
    assert summary.started_at is not None and summary.ended_at is not None
    amount = format_brl(summary.amount_cents, lang)

    def field(key: str, value: str) -> Field:
        return Field(t(f"sessions.field.{key}", lang), value)

    return OutboundMessage(
        t("sessions.billing_card.text", lang, company=party.company.name, amount=amount),
        title=t("sessions.billing_card.title", lang, id=session.id),
        fields=(
            field("company", party.company.name),
            field("contact", contact_label(party.contact)),
            field("consultant", await _lead_name(uow, session)),
            field("started", format_datetime(summary.started_at, tz)),
            field("ended", format_datetime(summary.ended_at, tz)),
            field("duration", format_duration(summary.minutes, lang)),
            field("periods", str(summary.periods)),
            field("rate", format_brl(summary.rate_cents, lang)),
            field("amount", amount),
            field("session", f"#{session.id}"),
            Field(t("connection.field", lang), session_connection(session, lang)),
            *_alternative(session, lang),
        ),
        extra={"session_id": session.id, **summary.as_json()},
    )


def _receipt(
    session: ConsultingSession, summary: BillingSummary, language: str, tz: ZoneInfo
) -> dict[str, object]:
    """The client's summary as a receipt for channels that draw one (``extra["receipt"]``): the
    opening line, a title, ``[label, value]`` lines, the total, and the notes below it."""

    def line(key: str, value: str) -> list[str]:
        return [t(f"sessions.field.{key}", language), value]

    lines = [
        *([line("started", format_datetime(summary.started_at, tz))] if summary.started_at else []),
        *([line("ended", format_datetime(summary.ended_at, tz))] if summary.ended_at else []),
        line("duration", format_duration(summary.minutes, language)),
        line("periods", str(summary.periods)),
        line("rate", format_brl(summary.rate_cents, language)),
    ]
    total = line("amount", format_brl(summary.amount_cents, language))
    return {
        "intro": t("sessions.end.client_billed", language),
        "title": t("billing.summary.title", language),
        "lines": lines,
        "total": total,
        "notes": _alternative_line(session, language).strip(),
    }


def _alternative(session: ConsultingSession, language: str) -> tuple[Field, ...]:
    if not session.alternative_hours:
        return ()
    return (Field(t("sessions.field.hours", language), t("sessions.alternative_hours", language)),)


def _alternative_line(session: ConsultingSession, language: str) -> str:
    connection = t("connection.line", language, connection=session_connection(session, language))
    if not session.alternative_hours:
        return f"\n{connection}"
    return f"\n{connection}\n{t('sessions.alternative_hours', language)}"


async def _post_billing_card(
    uow: UnitOfWork, core: Core, session: ConsultingSession, party: Party, summary: BillingSummary
) -> None:
    card = await _billing_card(uow, core, session, party, summary)
    billing = core.config.staff.billing
    await send(uow, core.clock, billing, card, purpose=BILLING_CARD, subject_id=session.id)


def summary_of(record: BillingRecord) -> BillingSummary:
    """The billing summary a stored billing record stands for."""
    return BillingSummary(
        record.minutes,
        record.periods,
        record.rate_cents,
        record.amount_cents,
        record.started_at,
        record.ended_at,
    )


async def report_end(
    uow: UnitOfWork,
    core: Core,
    session: ConsultingSession,
    party: Party,
    record: BillingRecord | None,
) -> str:
    """Tell the client and the thread (and the billing channel when billed); the card's line."""
    assert session.ended_at is not None and session.id is not None
    lang, client_lang, tz = (
        core.config.language,
        contact_language(party.contact, core.config),
        core.config.timezone,
    )
    by = (
        t("sessions.end.by_client", lang)
        if session.ended_by == CLIENT
        else t("sessions.end.by_staff", lang, by=session.ended_by)
    )
    start = session.billing_started_at or session.started_at
    duration = format_duration(billable_minutes(start, session.ended_at), lang)
    if record is not None:
        summary = summary_of(record)
        client_text = (
            f"{t('sessions.end.client_billed', client_lang)}\n\n{summary.render(client_lang, tz)}"
            + _alternative_line(session, client_lang)
        )
        thread_text = (
            f"{t('sessions.end.thread_billed', lang, by=by)}\n\n{summary.render(lang, tz)}"
            + _alternative_line(session, lang)
        )
        receipt = _receipt(session, summary, client_lang, tz)
        extra = summary.as_json() | {"receipt": receipt}
        await _tell_end(uow, core, session, party, OutboundMessage(client_text, extra=extra))
        await thread_post(uow, core, session, OutboundMessage(thread_text, extra=summary.as_json()))
        await _post_billing_card(uow, core, session, party, summary)
        return t(
            "sessions.end.card_billed",
            lang,
            duration=format_duration(record.minutes, lang),
            amount=format_brl(record.amount_cents, lang),
        )
    kind = "support" if session.kind == RequestKind.SUPPORT else "unbilled"
    await _tell_end(
        uow, core, session, party, OutboundMessage(t(f"sessions.end.client_{kind}", client_lang))
    )
    await thread_post(
        uow,
        core,
        session,
        OutboundMessage(t(f"sessions.end.thread_{kind}", lang, by=by, duration=duration)),
    )
    return t(f"sessions.end.card_{kind}", lang, duration=duration)


async def report_no_show(
    uow: UnitOfWork,
    core: Core,
    session: ConsultingSession,
    party: Party,
    record: BillingRecord | None,
) -> str:
    """A booked client never came: the client and the thread are told (and billing, if any)."""
    lang, client_lang = core.config.language, contact_language(party.contact, core.config)
    charge = "sessions.end.no_show_minimum" if record is not None else "sessions.end.no_show_free"
    await tell_client(
        uow,
        core,
        party.contact,
        OutboundMessage(
            t("sessions.end.client_no_show", client_lang, charge=t(charge, client_lang))
        ),
    )
    minutes = core.config.policy.no_show_after_minutes
    text = t("sessions.end.thread_no_show", lang, minutes=minutes, charge=t(charge, lang))
    await thread_post(uow, core, session, OutboundMessage(text))
    if record is not None:
        await _post_billing_card(uow, core, session, party, summary_of(record))
    return t("sessions.end.card_no_show", lang)

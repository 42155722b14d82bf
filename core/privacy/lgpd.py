"""Data protection (LGPD): export everything held about a person, erase their personal data.

The export is JSON-ready data (dates as ISO strings). Erasure anonymises the contact (name,
phone, external id, chat id), blanks the descriptions, notes and message contents about them and
deletes their web messages, offline messages (left while the service was closed) and the
session recaps they asked for (their lines as a colleague leave others' recaps); consents
and billing records stay, pointing at the anonymised contact, because they prove a contract
(consents are append-only: never updated). Messages about them not delivered yet are not sent
(status failed, "contact erased"), whichever side they were for. Their scheduled bookings are
cancelled like any cancellation (timers and reminders stop), and the consultant is told without
any personal data. The files a channel keeps itself (the web chat's) that their messages carried
are deleted after the commit, by the callbacks registered with ``Core.files``. An erased person
who writes again is a new, unknown person, since their platform id no longer matches the contact.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, delete, or_, update
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import SQLModel, col, select

from core.billing import DEFAULT_POLICY, BillingPolicy
from core.booking import close_booking, tell_both
from core.calendar import Audience, booking_event, booking_parties, bump_sequence
from core.contacts import display_name, load_contact
from core.context import Core, CoreConfig
from core.db import UnitOfWork
from core.errors import Conflict
from core.events import Acting, Administered, Operator
from core.files import ForgetFiles
from core.mail import mail_address
from core.messages import t
from core.models import (
    BillingRecord,
    Booking,
    BookingDraft,
    BookingStatus,
    Channel,
    Company,
    Consent,
    ConsultingSession,
    Contact,
    LinkRequest,
    OfflineMessage,
    Outbound,
    OutboundStatus,
    Request,
    RequestStatus,
    SessionGuest,
    SessionInvitation,
    SessionMediumChange,
    SessionNote,
    SessionParticipant,
    SessionStatus,
    TermsVersion,
    WebMessage,
)
from core.offline import OFFLINE_CARD
from core.outbox import QUEUE_CARD, REQUEST_CARD
from core.privacy.retention import blank_payload
from core.recaps import RECAP, RECAP_MAIL, delete_recaps_of, forget_guest_lines, recaps_of
from core.sessions import GUEST_NOTICE, INVITATION, RECAP_OFFER, guest_session_of
from core.terms import render_terms, terms_text_sha256
from core.webhooks import events_about, forget_contact_in_events

logger = logging.getLogger(__name__)

ERASED_PREFIX = "erased:"
"""The anonymous marker that replaces an erased contact's external id (``erased:<id>``)."""

REQUEST_PURPOSES = (
    REQUEST_CARD,
    QUEUE_CARD,
    "request_offer",
    "request_raised",
    "terms_card",
    "booking_terms",
)
"""Outbox purposes whose subject is a request."""
SESSION_PURPOSES = (
    "relay",
    "relay_purged",
    "session_post",
    "session_client_start",
    "session_controls",
    "rating_request",
    "onsite_card",
    "billing_card",
    INVITATION,
    GUEST_NOTICE,
    RECAP_OFFER,
    RECAP,
    RECAP_MAIL,
)
"""Outbox purposes whose subject is a session."""
AS_GUEST_PURPOSES = ("relay", GUEST_NOTICE)
"""What is blanked of the sessions a contact joined as a colleague: the conversation, notices."""
_UNDELIVERED = (OutboundStatus.PENDING, OutboundStatus.SENDING)
_OPEN_REQUESTS = (RequestStatus.QUEUED, RequestStatus.IN_SESSION)
_DRAFTS = (RequestStatus.DRAFT, RequestStatus.AWAITING_TERMS)
ERASED_ERROR = "contact erased"
"""``last_error`` of an undelivered outbox row cancelled by an erasure."""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def row_data(row: SQLModel) -> dict[str, Any]:
    """A stored row as JSON-ready data (dates as ISO strings)."""
    data: dict[str, Any] = _plain(row.model_dump())
    return data


def terms_shown(terms: TermsVersion, rate_cents: int, policy: BillingPolicy) -> str:
    """The terms text as the client was shown it: the version's template with the rate shown."""
    return render_terms(
        terms.template,
        rate_cents=rate_cents,
        policy=policy,
        language=terms.language,
        version=terms.version,
    )


async def _all(uow: UnitOfWork, statement: Any) -> list[Any]:
    return list((await uow.session.exec(statement)).all())


async def _contact_rows(uow: UnitOfWork, model: Any, contact_id: int) -> list[Any]:
    statement = select(model).where(model.contact_id == contact_id)
    if "id" in model.model_fields:
        statement = statement.order_by(model.id)
    return await _all(uow, statement)


def _addressed_to(contact: Contact) -> ColumnElement[bool]:
    """The contact's chat rows and their e-mail rows (``core.mail``)."""
    addresses = {a for a in (contact.chat_id, contact.external_id) if a}
    mail = mail_address(contact)
    return or_(
        and_(col(Outbound.channel) == contact.channel, col(Outbound.address).in_(addresses)),
        and_(col(Outbound.channel) == mail.channel, col(Outbound.address) == mail.id),
    )


async def consents_shown(
    uow: UnitOfWork, contact_id: int, policy: BillingPolicy
) -> list[tuple[Consent, TermsVersion, str, bool]]:
    """The contact's consents, oldest first: each with its terms, the terms text as shown, and
    whether that text still matches the hash stored with the consent."""
    statement = (
        select(Consent, TermsVersion)
        .join(TermsVersion, col(TermsVersion.id) == Consent.terms_version_id)
        .where(Consent.contact_id == contact_id)
        .order_by(col(Consent.created_at), col(Consent.id))
    )
    shown = []
    for consent, terms in await _all(uow, statement):
        text = terms_shown(terms, consent.rate_cents_shown, policy)
        shown.append((consent, terms, text, terms_text_sha256(text) == consent.text_sha256))
    return shown


async def _consents(
    uow: UnitOfWork, contact_id: int, policy: BillingPolicy
) -> list[dict[str, Any]]:
    result = []
    for consent, terms, text, matches in await consents_shown(uow, contact_id, policy):
        data = row_data(consent)
        data["terms"] = {
            "id": terms.id,
            "language": terms.language,
            "version": terms.version,
            "template_sha256": terms.template_sha256,
            "text_shown": text,
            "text_matches_sha256": matches,
        }
        result.append(data)
    return result


async def _invitations(uow: UnitOfWork, contact_id: int) -> list[SessionInvitation]:
    """The session invitations the contact gave or used (codes are stored only as hashes)."""
    return await _all(
        uow,
        select(SessionInvitation)
        .where(
            (col(SessionInvitation.invited_by_id) == contact_id)
            | (col(SessionInvitation.used_by_id) == contact_id)
        )
        .order_by(col(SessionInvitation.id)),
    )


async def _invites(uow: UnitOfWork, config: CoreConfig, bookings: list[Booking]) -> list[Any]:
    """Their bookings' calendar events, as their invites show them now."""
    found = []
    for booking in bookings:
        event = booking_event(booking, await booking_parties(uow, booking), Audience.CLIENT, config)
        found.append(_plain(asdict(event)))
    return found


async def export_contact(
    uow: UnitOfWork,
    contact_id: int,
    *,
    policy: BillingPolicy = DEFAULT_POLICY,
    config: CoreConfig | None = None,
    by: Acting | None = None,
) -> dict[str, Any]:
    """Everything held about contact ``contact_id``, as JSON-ready data; NotFound if unknown.

    ``by``: who exports it (audited in the caller's transaction, which must then commit).

    ``outbox`` holds the messages addressed to them (an invite is a ``calendar`` attachment of a
    booking notice), ``calendar_invites`` their bookings' events as the invites show them (with
    ``config``), ``session_messages`` what they and the staff wrote in their sessions' threads
    (until the retention purge blanks it).
    """
    contact = await load_contact(uow, contact_id)
    if by is not None:
        await by.done("contact.exported", "contact", contact_id)
    company = await uow.session.get(Company, contact.company_id) if contact.company_id else None
    sessions = await _contact_rows(uow, ConsultingSession, contact_id)
    session_ids = [s.id for s in sessions]
    notes = await _all(
        uow,
        select(SessionNote)
        .where(col(SessionNote.session_id).in_(session_ids))
        .order_by(col(SessionNote.id)),
    )
    participants = await _all(
        uow,
        select(SessionParticipant)
        .where(col(SessionParticipant.session_id).in_(session_ids))
        .order_by(col(SessionParticipant.id)),
    )
    outbox = await _all(
        uow, select(Outbound).where(_addressed_to(contact)).order_by(col(Outbound.id))
    )
    relayed = await _all(
        uow,
        select(Outbound)
        .where(col(Outbound.purpose).in_(("relay", "relay_purged")))
        .where(col(Outbound.subject_id).in_(session_ids))
        .where(~_addressed_to(contact))
        .order_by(col(Outbound.id)),
    )
    web: list[WebMessage] = []
    if contact.channel == Channel.WEB and contact.chat_id:
        web = await _all(
            uow,
            select(WebMessage)
            .where(WebMessage.address == contact.chat_id)
            .order_by(col(WebMessage.id)),
        )
    bookings: list[Booking] = await _contact_rows(uow, Booking, contact_id)
    return {
        "contact": row_data(contact),
        "company": row_data(company) if company is not None else None,
        "requests": [row_data(r) for r in await _contact_rows(uow, Request, contact_id)],
        "booking_drafts": [row_data(d) for d in await _contact_rows(uow, BookingDraft, contact_id)],
        "bookings": [row_data(b) for b in bookings],
        "calendar_invites": await _invites(uow, config, bookings) if config else [],
        "sessions": [row_data(s) for s in sessions],
        "session_participants": [row_data(p) for p in participants],
        "session_notes": [row_data(n) for n in notes],
        "consents": await _consents(uow, contact_id, policy),
        "billing_records": [
            row_data(b) for b in await _contact_rows(uow, BillingRecord, contact_id)
        ],
        "link_requests": [row_data(li) for li in await _contact_rows(uow, LinkRequest, contact_id)],
        "session_guests": [row_data(g) for g in await _contact_rows(uow, SessionGuest, contact_id)],
        "session_invitations": [row_data(i) for i in await _invitations(uow, contact_id)],
        "offline_messages": [
            row_data(m) for m in await _contact_rows(uow, OfflineMessage, contact_id)
        ],
        "session_recaps": [row_data(r) for r in await recaps_of(uow, contact_id)],
        "webhook_events": await events_about(uow, contact_id),
        "web_messages": [row_data(m) for m in web],
        "outbox": [row_data(o) for o in outbox],
        "session_messages": [row_data(o) for o in relayed],
    }


@dataclass(frozen=True)
class Erasure:
    """What an erasure did."""

    contact_id: int
    erased_at: datetime
    already: bool = False
    outbox_rows: int = 0
    web_messages: int = 0
    cancelled_rows: int = 0
    bookings_cancelled: int = 0
    files: int = 0


def _about_them(
    contact: Contact,
    request_ids: Sequence[int],
    sessions: Sequence[ConsultingSession],
    link_ids: Sequence[int],
    booking_ids: Sequence[int],
    staff_channel: str,
    offline_ids: Sequence[int] = (),
) -> ColumnElement[bool]:
    """Outbox rows addressed to the contact or about their requests, sessions, links, bookings
    and offline messages."""
    session_ids = [s.id for s in sessions]
    clauses: list[ColumnElement[bool]] = [
        _addressed_to(contact),
        and_(
            col(Outbound.purpose).in_(REQUEST_PURPOSES), col(Outbound.subject_id).in_(request_ids)
        ),
        and_(
            col(Outbound.purpose).in_(SESSION_PURPOSES), col(Outbound.subject_id).in_(session_ids)
        ),
        and_(col(Outbound.purpose) == "link_card", col(Outbound.subject_id).in_(link_ids)),
        and_(col(Outbound.purpose) == "booking_notice", col(Outbound.subject_id).in_(booking_ids)),
        and_(col(Outbound.purpose) == OFFLINE_CARD, col(Outbound.subject_id).in_(offline_ids)),
    ]
    for session in sessions:
        if session.thread_channel and session.thread_ref:
            clauses.append(
                and_(
                    col(Outbound.channel) == staff_channel,
                    col(Outbound.address) == session.thread_channel,
                    col(Outbound.thread) == session.thread_ref,
                )
            )
    return or_(*clauses)


def _web_about_them(
    contact: Contact, outbound_ids: Sequence[int], sessions: Sequence[ConsultingSession]
) -> ColumnElement[bool]:
    clauses: list[ColumnElement[bool]] = [col(WebMessage.outbound_id).in_(outbound_ids)]
    if contact.channel == Channel.WEB and contact.chat_id:
        clauses.append(col(WebMessage.address) == contact.chat_id)
    for session in sessions:
        if session.thread_channel and session.thread_ref:
            clauses.append(
                and_(
                    col(WebMessage.address) == session.thread_channel,
                    col(WebMessage.thread) == session.thread_ref,
                )
            )
    return or_(*clauses)


def _files_in(payloads: Sequence[Any], channels: Sequence[str]) -> set[tuple[str, str]]:
    """``(channel, ref)`` of the attachments in ``payloads`` kept by one of ``channels``."""
    return {
        (str(a.get("channel")), str(a.get("ref")))
        for payload in payloads
        for a in (payload or {}).get("attachments") or ()
        if isinstance(a, dict) and a.get("channel") in channels and a.get("ref")
    }


def _deleting(forget: ForgetFiles, refs: list[str]) -> Callable[[], Awaitable[None]]:
    return lambda: forget(refs)


def _forget_later(
    uow: UnitOfWork, forgetters: dict[str, ForgetFiles], files: set[tuple[str, str]]
) -> None:
    for channel, forget in forgetters.items():
        refs = sorted(ref for name, ref in files if name == channel)
        if refs:
            uow.after_commit(_deleting(forget, refs))


async def _cancel_bookings(uow: UnitOfWork, core: Core, bookings: Sequence[Booking]) -> int:
    """Cancel the erased contact's scheduled bookings; the consultant told neutrally."""
    reason = t("lgpd.erase.booking_reason", core.config.language)
    cancelled = 0
    for booking in bookings:
        if booking.status != BookingStatus.SCHEDULED:
            continue
        await close_booking(uow, core, booking, reason=reason)
        await tell_both(
            uow,
            core,
            booking,
            client_key="booking.client.cancelled",
            consultant_key="booking.consultant.cancelled",
            by=f"({reason})",
        )
        cancelled += 1
    return cancelled


async def erase_contact(
    uow: UnitOfWork, core: Core, contact_id: int, by: str, *, operator: Operator | None = None
) -> Erasure:
    """Anonymise contact ``contact_id`` in the caller's transaction (see the module docstring).

    ``operator``: who erases them (the erasure is then audited, by contact id only).

    NotFound when unknown; Conflict while they are queued or in a session (end it first). An
    already erased contact is left as it is (``already``).
    """
    contact = await load_contact(uow, contact_id)
    if contact.erased_at is not None:
        return Erasure(contact_id, contact.erased_at, already=True)
    if operator is not None:
        await core.publish(
            uow, Administered(operator, "contact.erased", "contact", str(contact_id))
        )
    now = core.clock.now()
    requests: list[Request] = await _contact_rows(uow, Request, contact_id)
    open_sessions = await _all(
        uow,
        select(ConsultingSession).where(
            ConsultingSession.contact_id == contact_id,
            ConsultingSession.status == SessionStatus.OPEN,
        ),
    )
    guest_of = await guest_session_of(uow, contact_id)  # a colleague in someone's session
    if open_sessions or guest_of or any(r.status in _OPEN_REQUESTS for r in requests):
        raise Conflict("lgpd.erase.active", contact_id=contact_id)
    sessions: list[ConsultingSession] = await _contact_rows(uow, ConsultingSession, contact_id)
    bookings: list[Booking] = await _contact_rows(uow, Booking, contact_id)
    links: list[LinkRequest] = await _contact_rows(uow, LinkRequest, contact_id)
    offline: list[OfflineMessage] = await _contact_rows(uow, OfflineMessage, contact_id)

    about = _about_them(
        contact,
        [r.id for r in requests if r.id is not None],
        sessions,
        [li.id for li in links if li.id is not None],
        [b.id for b in bookings if b.id is not None],
        core.config.staff.requests.channel,
        [m.id for m in offline if m.id is not None],
    )
    joined = select(SessionGuest.session_id).where(SessionGuest.contact_id == contact_id)
    as_guest = and_(
        col(Outbound.purpose).in_(AS_GUEST_PURPOSES), col(Outbound.subject_id).in_(joined)
    )
    outbox: list[Outbound] = await _all(uow, select(Outbound).where(or_(about, as_guest)))
    forgetters = core.files.forgetters()
    files = _files_in([row.payload for row in outbox], list(forgetters))
    cancelled_rows = 0
    for row in outbox:
        if row.status in _UNDELIVERED:
            row.status, row.last_error = OutboundStatus.FAILED, ERASED_ERROR
            cancelled_rows += 1
        row.payload = blank_payload(row.payload, now)
        uow.session.add(row)
    await forget_contact_in_events(uow, contact_id)
    await uow.session.flush()
    outbound_ids = [row.id for row in outbox if row.id is not None]
    web_about = _web_about_them(contact, outbound_ids, sessions)
    if forgetters:
        web_payloads = await _all(uow, select(WebMessage.payload).where(web_about))
        files |= _files_in(web_payloads, list(forgetters))
    deleted = await uow.session.execute(delete(WebMessage).where(web_about))

    for request in requests:
        request.description = None
        if request.status in _DRAFTS:
            request.status, request.closed_at = RequestStatus.CANCELLED, now
        request.updated_at = now
        uow.session.add(request)
    for booking in bookings:
        booking.notes = booking.connection_detail = None
        bump_sequence(booking)  # the anonymised event replaces the copies in calendars
        uow.session.add(booking)
    for session in sessions:
        session.onsite_reason = session.connection_detail = None
        uow.session.add(session)
    await uow.session.execute(
        update(SessionMediumChange)
        .where(col(SessionMediumChange.session_id).in_([s.id for s in sessions]))
        .values(connection_detail=None)
    )
    for link in links:
        link.company_hint = ""
        uow.session.add(link)
    notes: list[SessionNote] = await _all(
        uow, select(SessionNote).where(col(SessionNote.session_id).in_([s.id for s in sessions]))
    )
    for note in notes:
        note.text = ""
        uow.session.add(note)
    await uow.session.execute(
        delete(BookingDraft).where(col(BookingDraft.contact_id) == contact_id)
    )
    await uow.session.execute(
        delete(OfflineMessage).where(col(OfflineMessage.contact_id) == contact_id)
    )
    await delete_recaps_of(uow, contact_id)
    joined_ids = list((await uow.session.exec(joined)).all())
    await forget_guest_lines(uow, joined_ids, display_name(contact))

    contact.name = contact.phone = contact.chat_id = contact.email = None
    contact.external_id = f"{ERASED_PREFIX}{contact_id}"
    contact.erased_at = now
    uow.session.add(contact)
    await uow.session.flush()
    bookings_cancelled = await _cancel_bookings(uow, core, bookings)
    _forget_later(uow, forgetters, files)
    erasure = Erasure(
        contact_id,
        now,
        outbox_rows=len(outbox),
        web_messages=int(deleted.rowcount or 0),  # type: ignore[attr-defined]
        cancelled_rows=cancelled_rows,
        bookings_cancelled=bookings_cancelled,
        files=len(files),
    )
    logger.info(
        "contact %s erased by %s (%s outbox rows blanked, %s of them not sent; %s web messages "
        "deleted; %s bookings cancelled; %s files to delete)",
        contact_id,
        by,
        erasure.outbox_rows,
        erasure.cancelled_rows,
        erasure.web_messages,
        erasure.bookings_cancelled,
        erasure.files,
    )
    return erasure

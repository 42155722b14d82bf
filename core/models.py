"""Storage tables (SQLModel). Later features fill in behaviour; the shapes are meant to last.

Instants are aware UTC datetimes (``UTCDateTime``); money is integer cents; status columns hold
the string values of the ``StrEnum`` classes below, so migrations need no database enum types.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from core.db import StrEnumColumn, UTCDateTime


def _instant(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_type=UTCDateTime(), nullable=nullable, index=index)


class Channel(StrEnum):
    """Where a person or a message lives."""

    TELEGRAM = "telegram"
    SLACK = "slack"
    WEB = "web"
    WHATSAPP = "whatsapp"
    EMAIL = "email"
    WEBHOOK = "webhook"


class ConsultantStatus(StrEnum):
    """A consultant's availability (SPEC section 2)."""

    AVAILABLE = "disponivel"
    BUSY = "ocupado"
    AWAY = "ausente"


class StaffRole(StrEnum):
    """Roles held by Slack users besides being a consultant."""

    SECRETARY = "secretary"
    SUPPORT = "support"
    ADMIN = "admin"
    MANAGER = "manager"


class RequestKind(StrEnum):
    """Paid consulting or free support."""

    CONSULTING = "consulting"
    SUPPORT = "support"


class RequestStatus(StrEnum):
    """Life of a request, from the description to the end."""

    DRAFT = "draft"
    AWAITING_TERMS = "awaiting_terms"
    REFUSED = "refused"
    QUEUED = "queued"
    IN_SESSION = "in_session"
    BOOKED = "booked"
    LEFT = "left"
    DONE = "done"
    CANCELLED = "cancelled"


class BookingStatus(StrEnum):
    """Life of a booking."""

    SCHEDULED = "scheduled"
    STARTED = "started"
    CANCELLED = "cancelled"
    DONE = "done"
    NO_SHOW = "no_show"


class SessionStatus(StrEnum):
    """An open or ended session."""

    OPEN = "open"
    ENDED = "ended"


class OutboundStatus(StrEnum):
    """Delivery state of an outbox row."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class TimerStatus(StrEnum):
    """State of a timer row."""

    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"


class LinkRequestStatus(StrEnum):
    """A person's request to be linked to a company.

    ``PENDING`` waits for a secretary (its card is in the links channel). Two states wait for the
    person instead: ``AWAITING_HINT`` (they said they have no access code; their next text names
    the company) and ``AWAITING_SWITCH`` (a linked person sent another company's access code;
    ``company_id`` is that company until they confirm). ``DROPPED``: a draft left behind.
    """

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    AWAITING_HINT = "awaiting_hint"
    AWAITING_SWITCH = "awaiting_switch"
    DROPPED = "dropped"


class Company(SQLModel, table=True):
    """A customer company with its contracted consulting hourly rate."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, index=True)
    cnpj: str | None = Field(default=None, max_length=14, unique=True)
    product_line: str = Field(max_length=100)
    hourly_rate_cents: int
    active: bool = True
    access_code: str = Field(max_length=32, unique=True)
    billing_email: str | None = Field(default=None, max_length=254)
    """Where the company's statements go (optional; ``core.mail``)."""
    language: str | None = Field(default=None, max_length=8)
    """The language of the company's statements (None: the bot's)."""
    created_at: datetime = _instant()
    updated_at: datetime = _instant()


class Contact(SQLModel, table=True):
    """A person of a customer company, reached on one channel. Personal data lives only here."""

    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    channel: Channel = Field(sa_type=StrEnumColumn(Channel))
    external_id: str = Field(max_length=64)
    chat_id: str | None = Field(default=None, max_length=64)
    name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=32)
    email: str | None = Field(default=None, max_length=254)
    """Where notices may also go by e-mail (optional; ``core.mail``)."""
    language: str | None = Field(default=None, max_length=8)
    unreachable_since: datetime | None = _instant(nullable=True)
    erased_at: datetime | None = _instant(nullable=True)
    created_at: datetime = _instant()


class Consultant(SQLModel, table=True):
    """A consultant with a Slack user, areas and a status."""

    id: int | None = Field(default=None, primary_key=True)
    staff_key: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    status: ConsultantStatus = Field(
        default=ConsultantStatus.AWAY, sa_type=StrEnumColumn(ConsultantStatus)
    )
    max_sessions: int = 1
    active: bool = True
    status_changed_at: datetime = _instant()
    created_at: datetime = _instant()


class ConsultantArea(SQLModel, table=True):
    """One area a consultant serves (a row per area, so the queue can match in SQL)."""

    __tablename__ = "consultant_area"

    consultant_id: int = Field(foreign_key="consultant.id", primary_key=True)
    area: str = Field(max_length=64, primary_key=True, index=True)


class StaffMember(SQLModel, table=True):
    """A role (secretary, support, admin) held by a Slack user."""

    __tablename__ = "staff_role"
    __table_args__ = (UniqueConstraint("staff_key", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    staff_key: str = Field(max_length=32, index=True)
    role: StaffRole = Field(sa_type=StrEnumColumn(StaffRole))
    name: str | None = Field(default=None, max_length=200)
    created_at: datetime = _instant()


class TermsVersion(SQLModel, table=True):
    """A published version of the paid-service terms in one language (a Markdown template)."""

    __tablename__ = "terms_version"
    __table_args__ = (UniqueConstraint("language", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    language: str = Field(max_length=8)
    version: int
    template: str
    template_sha256: str = Field(max_length=64)
    published_at: datetime = _instant()


class Consent(SQLModel, table=True):
    """An accepted or refused terms card. Append-only: triggers refuse UPDATE and DELETE."""

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    request_id: int | None = Field(default=None, foreign_key="request.id", index=True)
    terms_version_id: int = Field(foreign_key="terms_version.id")
    text_sha256: str = Field(max_length=64)
    rate_cents_shown: int
    channel: Channel = Field(sa_type=StrEnumColumn(Channel))
    message_ref: str | None = Field(default=None, max_length=128)
    accepted: bool
    created_at: datetime = _instant()


class Request(SQLModel, table=True):
    """A client's consulting or support request, from description to end; the queue."""

    __table_args__ = (
        Index("ix_request_queue", "status", "queued_at", "id"),
        # Positions: COUNTs of the waiting requests ahead, per area and in all (index ranges).
        Index("ix_request_waiting", "status", "kind", "queued_at", "id"),
        Index("ix_request_waiting_area", "status", "kind", "area", "queued_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: RequestKind = Field(default=RequestKind.CONSULTING, sa_type=StrEnumColumn(RequestKind))
    status: RequestStatus = Field(default=RequestStatus.DRAFT, sa_type=StrEnumColumn(RequestStatus))
    contact_id: int = Field(foreign_key="contact.id", index=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    area: str | None = Field(default=None, max_length=64)
    description: str | None = None
    queued_at: datetime | None = _instant(nullable=True)
    taken_at: datetime | None = _instant(nullable=True)
    taken_by_id: int | None = Field(default=None, foreign_key="consultant.id")
    raised_count: int = 0
    last_raised_at: datetime | None = _instant(nullable=True)
    notified_position: int | None = None
    notified_at: datetime | None = _instant(nullable=True)
    card_channel: str | None = Field(default=None, max_length=64)
    card_ref: str | None = Field(default=None, max_length=64)
    client_card_ref: str | None = Field(default=None, max_length=64)
    # The terms card awaiting an answer: what was shown (cleared once accepted or refused).
    terms_version_id: int | None = Field(default=None, foreign_key="terms_version.id")
    terms_rate_cents: int | None = None
    terms_sha256: str | None = Field(default=None, max_length=64)
    closed_at: datetime | None = _instant(nullable=True)
    created_at: datetime = _instant()
    updated_at: datetime = _instant()


class Booking(SQLModel, table=True):
    """A booked session time, by a client, a consultant or a secretary."""

    __table_args__ = (Index("ix_booking_consultant_time", "consultant_id", "starts_at"),)

    id: int | None = Field(default=None, primary_key=True)
    status: BookingStatus = Field(
        default=BookingStatus.SCHEDULED, sa_type=StrEnumColumn(BookingStatus)
    )
    company_id: int = Field(foreign_key="company.id", index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    consultant_id: int | None = Field(default=None, foreign_key="consultant.id")
    request_id: int | None = Field(default=None, foreign_key="request.id")
    area: str | None = Field(default=None, max_length=64)
    starts_at: datetime = _instant(index=True)
    ends_at: datetime = _instant()
    medium: str = Field(max_length=64)
    connection_detail: str | None = Field(default=None, max_length=255)
    """The phone (E.164), TeamViewer ID or host the medium needs (``core.connection``)."""
    notes: str | None = None
    alternative_hours: bool = False
    created_by_kind: str = Field(max_length=16)
    created_by_ref: str = Field(max_length=64)
    cancelled_at: datetime | None = _instant(nullable=True)
    cancel_reason: str | None = None
    calendar_sequence: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    """The calendar event's SEQUENCE: bumped on every move and on the cancellation."""
    created_at: datetime = _instant()
    updated_at: datetime = _instant()


class CalendarFeed(SQLModel, table=True):
    """A consultant's private calendar subscription address; only the token's SHA-256 is kept.

    At most one live feed per consultant: a new address revokes the previous one."""

    __tablename__ = "calendar_feed"

    id: int | None = Field(default=None, primary_key=True)
    consultant_id: int = Field(foreign_key="consultant.id", index=True)
    token_sha256: str = Field(max_length=64, unique=True)
    created_at: datetime = _instant()
    revoked_at: datetime | None = _instant(nullable=True)


class BookingDraft(SQLModel, table=True):
    """A client's booking being chosen in the chat, step by step (kept across restarts)."""

    __tablename__ = "booking_draft"

    contact_id: int = Field(foreign_key="contact.id", primary_key=True)
    request_id: int | None = Field(default=None, foreign_key="request.id")
    booking_id: int | None = Field(default=None, foreign_key="booking.id")  # when moving one
    day: str | None = Field(default=None, max_length=8)  # yyyymmdd, local
    starts_at: datetime | None = _instant(nullable=True)
    duration_minutes: int | None = None
    medium: str | None = Field(default=None, max_length=64)
    connection_detail: str | None = Field(default=None, max_length=255)
    updated_at: datetime = _instant()


class ConsultingSession(SQLModel, table=True):
    """A client-consultant conversation; billed from ``billing_started_at`` to the end."""

    __tablename__ = "consulting_session"
    # The estimated wait's average: the latest ended sessions of a kind.
    __table_args__ = (Index("ix_session_ended", "status", "kind", "ended_at"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="request.id", unique=True)
    kind: RequestKind = Field(default=RequestKind.CONSULTING, sa_type=StrEnumColumn(RequestKind))
    status: SessionStatus = Field(
        default=SessionStatus.OPEN, sa_type=StrEnumColumn(SessionStatus), index=True
    )
    contact_id: int = Field(foreign_key="contact.id", index=True)
    company_id: int = Field(foreign_key="company.id")
    consultant_id: int | None = Field(default=None, foreign_key="consultant.id", index=True)
    attendant_key: str | None = Field(default=None, max_length=32)
    booking_id: int | None = Field(default=None, foreign_key="booking.id")
    alternative_hours: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    """Held outside the opening hours at a time agreed with the client (staff confirmed it)."""
    medium: str = Field(default="Chat", max_length=64, sa_column_kwargs={"server_default": "Chat"})
    """How the session is held (``core.connection.Medium``); see session_medium_change."""
    connection_detail: str | None = Field(default=None, max_length=255)
    """The phone (E.164), TeamViewer ID or host of the medium; never a password."""
    started_at: datetime = _instant()
    billing_started_at: datetime | None = _instant(nullable=True)
    client_present_at: datetime | None = _instant(nullable=True)
    """When a booked session's client showed up (their message, acceptance, or the consultant)."""
    ended_at: datetime | None = _instant(nullable=True)
    ended_by: str | None = Field(default=None, max_length=64)
    thread_channel: str | None = Field(default=None, max_length=64)
    thread_ref: str | None = Field(default=None, max_length=64)
    onsite_recommended_at: datetime | None = _instant(nullable=True)
    onsite_reason: str | None = None
    rating: int | None = None
    rated_at: datetime | None = _instant(nullable=True)


class SessionRecap(SQLModel, table=True):
    """A client's copy of an ended session's conversation, asked for with the recap button.

    ``content`` freezes the header and the relayed lines when the client asks (before the
    retention purge blanks the messages), so its documents render the same later; the row is
    deleted after ``CONSULTORIA_RECAP_RETENTION_DAYS`` or with the contact's erasure.
    """

    __tablename__ = "session_recap"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="consulting_session.id", unique=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    requested_at: datetime = _instant(index=True)
    channel: str = Field(max_length=16)
    """The channel the client asked from (``telegram``, ``web``)."""
    language: str = Field(max_length=8)
    content: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class SessionParticipant(SQLModel, table=True):
    """A person's time in a session (lead, specialist, transferred to, support attendant)."""

    __tablename__ = "session_participant"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="consulting_session.id", index=True)
    consultant_id: int | None = Field(default=None, foreign_key="consultant.id")
    staff_key: str = Field(max_length=32)
    role: str = Field(max_length=16)
    joined_at: datetime = _instant()
    left_at: datetime | None = _instant(nullable=True)


class SessionInvitation(SQLModel, table=True):
    """A one-time code the session's client gave a colleague (only its SHA-256 is stored)."""

    __tablename__ = "session_invitation"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="consulting_session.id", index=True)
    invited_by_id: int = Field(foreign_key="contact.id", index=True)
    code_sha256: str = Field(max_length=64, unique=True)
    created_at: datetime = _instant()
    expires_at: datetime = _instant()
    used_at: datetime | None = _instant(nullable=True)
    used_by_id: int | None = Field(default=None, foreign_key="contact.id", index=True)


class SessionGuest(SQLModel, table=True):
    """A colleague of the client's company in a session, from joining to leaving (or the end)."""

    __tablename__ = "session_guest"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="consulting_session.id", index=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    invitation_id: int | None = Field(default=None, foreign_key="session_invitation.id")
    joined_at: datetime = _instant()
    left_at: datetime | None = _instant(nullable=True)


class SessionNote(SQLModel, table=True):
    """An internal note (a ``//`` reply) kept with the session and never relayed to the client."""

    __tablename__ = "session_note"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="consulting_session.id", index=True)
    author_key: str = Field(max_length=32)
    text: str
    created_at: datetime = _instant()


class SessionMediumChange(SQLModel, table=True):
    """A change of a session's medium (or its detail) made while the session was open."""

    __tablename__ = "session_medium_change"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="consulting_session.id", index=True)
    medium: str = Field(max_length=64)
    connection_detail: str | None = Field(default=None, max_length=255)
    changed_by: str = Field(max_length=64)
    """The staff key of who changed it, or ``client`` for a phone number the client sent."""
    changed_at: datetime = _instant()


class BillingRecord(SQLModel, table=True):
    """What one ended consulting session costs; always points at an accepted consent."""

    __tablename__ = "billing_record"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="consulting_session.id", unique=True)
    request_id: int = Field(foreign_key="request.id")
    consent_id: int = Field(foreign_key="consent.id")
    company_id: int = Field(foreign_key="company.id", index=True)
    contact_id: int = Field(foreign_key="contact.id")
    consultant_id: int | None = Field(default=None, foreign_key="consultant.id")
    attended_by: str | None = Field(default=None, max_length=32)
    alternative_hours: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    """The session was held outside the opening hours by agreement (copied from the session)."""
    medium: str = Field(default="Chat", max_length=64, sa_column_kwargs={"server_default": "Chat"})
    """The session's medium at its end (copied from the session)."""
    started_at: datetime = _instant()
    ended_at: datetime = _instant(index=True)
    minutes: int
    periods: int
    rate_cents: int
    amount_cents: int
    created_at: datetime = _instant()


class LinkRequest(SQLModel, table=True):
    """An unknown person asks to be linked to a company; a secretary approves or refuses."""

    __tablename__ = "link_request"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    company_hint: str = Field(max_length=200)
    status: LinkRequestStatus = Field(
        default=LinkRequestStatus.PENDING, sa_type=StrEnumColumn(LinkRequestStatus)
    )
    company_id: int | None = Field(default=None, foreign_key="company.id")
    decided_by: str | None = Field(default=None, max_length=64)
    decided_at: datetime | None = _instant(nullable=True)
    card_ref: str | None = Field(default=None, max_length=64)
    created_at: datetime = _instant()


_UNFINISHED_ONLY: dict[str, Any] = {
    f"{dialect}_where": text("status IN ('pending', 'sending')")
    for dialect in ("sqlite", "postgresql")
}
"""Partial index predicate: outbox rows pending or being sent (see ``core.outbox.dispatcher``)."""


class Outbound(SQLModel, table=True):
    """An outbox row: a channel-neutral message written in the same transaction as its cause."""

    __table_args__ = (
        Index("ix_outbound_due", "status", "next_attempt_at", "id"),
        # latest_outbound(purpose, subject): cards edited in place, posts in a card's thread.
        Index("ix_outbound_subject", "purpose", "subject_id"),
        # The dispatcher's claim (migration 0022): unfinished rows in id order, and a
        # conversation's earlier unfinished rows; only unfinished rows, so the sent history
        # costs nothing.
        Index("ix_outbound_unfinished", "id", **_UNFINISHED_ONLY),
        Index("ix_outbound_conversation", "channel", "thread", "address", "id", **_UNFINISHED_ONLY),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: Channel = Field(sa_type=StrEnumColumn(Channel))
    address: str = Field(max_length=64)
    thread: str | None = Field(default=None, max_length=64)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    purpose: str | None = Field(default=None, max_length=32)
    subject_id: int | None = None
    edit_of_id: int | None = Field(default=None, foreign_key="outbound.id")
    status: OutboundStatus = Field(
        default=OutboundStatus.PENDING, sa_type=StrEnumColumn(OutboundStatus)
    )
    attempts: int = 0
    next_attempt_at: datetime = _instant()
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = _instant(nullable=True)
    sent_at: datetime | None = _instant(nullable=True)
    platform_ref: str | None = Field(default=None, max_length=64)
    last_error: str | None = None
    created_at: datetime = _instant()


class InboundKey(SQLModel, table=True):
    """A platform delivery already acted on (Telegram update_id, Slack event_id or action)."""

    __tablename__ = "inbound_key"
    __table_args__ = (UniqueConstraint("source", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=16)
    key: str = Field(max_length=128)
    received_at: datetime = _instant(index=True)


class Timer(SQLModel, table=True):
    """Something to do at a time (reminder, unanswered request, nudge), claimed by a loop."""

    __table_args__ = (
        Index("ix_timer_due", "status", "due_at", "id"),
        # cancel(kind, subject): a request's timers, without scanning every pending timer.
        Index("ix_timer_subject", "kind", "subject_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    subject_id: int | None = None
    dedupe_key: str | None = Field(default=None, max_length=128, unique=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: TimerStatus = Field(default=TimerStatus.PENDING, sa_type=StrEnumColumn(TimerStatus))
    due_at: datetime = _instant()
    attempts: int = 0
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = _instant(nullable=True)
    done_at: datetime | None = _instant(nullable=True)
    last_error: str | None = None
    created_at: datetime = _instant()


metadata = SQLModel.metadata


class WebMessage(SQLModel, table=True):
    """A message delivered to a web address (a browser's chat, the staff console's rooms).

    The web sender writes one row per delivered outbox row (``outbound_id`` unique, so a retried
    delivery does not show twice); an edit is a new row with ``replaces_id`` (the row it
    replaces), so live pages can swap it in. Rows are purged after the retention period.
    """

    __tablename__ = "web_message"
    __table_args__ = (Index("ix_web_message_address", "address", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    address: str = Field(max_length=64)
    thread: str | None = Field(default=None, max_length=64, index=True)
    outbound_id: int | None = Field(default=None, unique=True)
    replaces_id: int | None = Field(default=None, index=True)
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _instant(index=True)


class WebAccount(SQLModel, table=True):
    """A staff member's sign-in for the web console and dashboard.

    ``staff_key`` is the identity the core knows staff by (``Consultant.staff_key`` and
    ``StaffMember.staff_key``): a Slack user id, or a web-only key.
    """

    __tablename__ = "web_account"

    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(max_length=64, unique=True)
    password_hash: str = Field(max_length=255)
    staff_key: str = Field(max_length=32, index=True)
    name: str | None = Field(default=None, max_length=200)
    language: str | None = Field(default=None, max_length=8)
    active: bool = True
    password_changed_at: datetime = _instant()
    created_at: datetime = _instant()


class WebLogin(SQLModel, table=True):
    """A signed-in browser: the cookie's token (stored as its SHA-256), CSRF token, expiry."""

    __tablename__ = "web_login"

    id: int | None = Field(default=None, primary_key=True)
    token_sha256: str = Field(max_length=64, unique=True)
    account_id: int = Field(foreign_key="web_account.id", index=True)
    csrf_token: str = Field(max_length=64)
    created_at: datetime = _instant()
    last_seen_at: datetime = _instant()
    expires_at: datetime = _instant(index=True)


class RateEvent(SQLModel, table=True):
    """One counted event of a rate limit (a failed sign-in, a link request), by key.

    In the database so every process counts the same events (``core.rate_limits``).
    """

    __tablename__ = "rate_event"
    __table_args__ = (Index("ix_rate_event_key_at", "key", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=160)
    at: datetime = _instant(index=True)


class OfflineMessageStatus(StrEnum):
    """Life of a message a client leaves while the service is closed.

    ``AWAITING_TEXT``: the client pressed *Deixar recado*; their next text is the message (any
    other step of theirs drops it: ``DROPPED``). ``OPEN`` waits for the team, ``ASSIGNED`` has a
    staff member who will answer, ``RESOLVED`` is done.
    """

    AWAITING_TEXT = "awaiting_text"
    OPEN = "open"
    ASSIGNED = "assigned"
    RESOLVED = "resolved"
    DROPPED = "dropped"


class OfflineMessage(SQLModel, table=True):
    """A message a client left for the team while the service was closed ("deixar recado").

    Its text is personal data: exported and erased with the contact, and deleted once resolved
    for longer than the message retention.
    """

    __tablename__ = "offline_message"
    __table_args__ = (Index("ix_offline_message_status", "status", "created_at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    company_id: int = Field(foreign_key="company.id", index=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    request_id: int | None = Field(default=None, foreign_key="request.id")
    area: str | None = Field(default=None, max_length=64)
    text: str | None = None
    status: OfflineMessageStatus = Field(
        default=OfflineMessageStatus.AWAITING_TEXT, sa_type=StrEnumColumn(OfflineMessageStatus)
    )
    assigned_to: str | None = Field(default=None, max_length=64)
    assigned_at: datetime | None = _instant(nullable=True)
    resolved_by: str | None = Field(default=None, max_length=64)
    resolved_at: datetime | None = _instant(nullable=True, index=True)
    created_at: datetime = _instant()


class ConsultantStatusChange(SQLModel, table=True):
    """One change of a consultant's status, from then on (append-only history).

    Written by ``core.consultants.change_status``, the one place a status changes; the reports
    measure each consultant's available time on it (``core.views.utilisation``).
    """

    __tablename__ = "consultant_status_change"
    __table_args__ = (Index("ix_consultant_status_change_at", "consultant_id", "changed_at"),)

    id: int | None = Field(default=None, primary_key=True)
    consultant_id: int = Field(foreign_key="consultant.id")
    status: ConsultantStatus = Field(sa_type=StrEnumColumn(ConsultantStatus))
    changed_at: datetime = _instant()


class WebhookEndpoint(SQLModel, table=True):
    """A receiver of signed event notifications (``core.webhooks``).

    The secret signs every delivery, so it is kept in clear (never logged; shown once by the
    CLI). After a rotation the previous secret still signs, as a second ``v1``, until
    ``previous_secret_expires_at``, so the receiver can switch without losing deliveries.
    """

    __tablename__ = "webhook_endpoint"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2000)
    events: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    secret: str = Field(max_length=128)
    previous_secret: str | None = Field(default=None, max_length=128)
    previous_secret_expires_at: datetime | None = _instant(nullable=True)
    active: bool = True
    created_at: datetime = _instant()
    secret_rotated_at: datetime | None = _instant(nullable=True)


class ApiToken(SQLModel, table=True):
    """A REST API token: only the SHA-256 of the secret is kept (the secret is shown once).

    ``scopes`` is a comma-separated subset of ``core.api_tokens.SCOPES``; a revoked token is
    refused; ``last_used_at`` is written at most once a minute.
    """

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64)
    token_sha256: str = Field(max_length=64, unique=True)
    prefix: str = Field(max_length=16)
    scopes: str = Field(max_length=255)
    created_at: datetime = _instant()
    last_used_at: datetime | None = _instant(nullable=True)
    revoked_at: datetime | None = _instant(nullable=True)


class ApiIdempotencyKey(SQLModel, table=True):
    """An API client's ``Idempotency-Key`` on a booking it made: a retry with the same key (and
    the same request) gets that booking again instead of a second one."""

    __tablename__ = "api_idempotency_key"
    __table_args__ = (UniqueConstraint("token_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    token_id: int = Field(foreign_key="api_token.id")
    key: str = Field(max_length=255)
    request_sha256: str = Field(max_length=64)
    booking_id: int = Field(foreign_key="booking.id")
    created_at: datetime = _instant()


class SavedReply(SQLModel, table=True):
    """A saved reply ("resposta salva") staff insert into a session: a title, a text with
    placeholders (``core.replies``), a language; managers keep them in the dashboard."""

    __tablename__ = "saved_reply"
    __table_args__ = (Index("ix_saved_reply_active_language", "active", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=80)
    text: str = Field(max_length=4000)
    language: str = Field(default="pt-BR", max_length=8)
    active: bool = True
    created_by: str = Field(max_length=64)
    created_at: datetime = _instant()
    updated_by: str = Field(max_length=64)
    updated_at: datetime = _instant()


class WhatsAppThrottle(SQLModel, table=True):
    """When the WhatsApp adapter last sent a throttled message (a queue position, the nudge
    template) to a client, known by the keyed hash of their number: shared by every process."""

    __tablename__ = "whatsapp_throttle"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)
    key: str = Field(max_length=64)
    last_at: datetime = _instant()


class BotSetting(SQLModel, table=True):
    """A value the bot learned about itself and keeps (``core.bot_settings``): e.g. the Telegram
    bot's username, stored by ``consultoria setup telegram`` from ``getMe``."""

    __tablename__ = "bot_setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=1000)
    updated_at: datetime = _instant()


class AuditEntry(SQLModel, table=True):
    """One administrative act among staff and admins (``core.audit``): append-only.

    Who (``actor_kind``: cli, web, staff, api; ``actor_ref``: their login, Slack user or token
    name; ``actor_name``: as shown), what (``action``, e.g. ``terms.published``), on what
    (``target_kind`` and ``target_id``), the details, and when. Nothing updates or deletes a row;
    on PostgreSQL a trigger refuses it.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_at", "at"),
        Index("ix_audit_entry_action_at", "action", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _instant()
    actor_kind: str = Field(max_length=16)
    actor_ref: str = Field(max_length=128)
    actor_name: str = Field(default="", max_length=128)
    action: str = Field(max_length=48)
    target_kind: str = Field(max_length=32)
    target_id: str = Field(default="", max_length=64)
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))

"""Invitations into a session: a one-time code the client gives a colleague, and its use.

The session's main client (never a guest) asks for one (:func:`invite_colleague`: button
``invite:<session>`` or ``/convidar``): a random code, stored only as its SHA-256, valid for
:data:`INVITATION_TTL` and only while the session is open. A colleague joins with it
(:func:`join_with_code`, from the intake's ``/start <code>``, the web chat's access-code form
or a typed code): a contact of the session's company, or one not linked yet (who becomes the
company's). Every refusal is told in the person's language, naming nobody.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from datetime import datetime, timedelta
from urllib.parse import quote

from sqlalchemy import update
from sqlmodel import col, func, select

from core.bot_settings import telegram_username
from core.companies import ACCESS_CODE_ALPHABET
from core.contacts import (
    contact_language,
    current_request,
    display_name,
    find_contact,
    open_session_of,
)
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import Conflict, Forbidden, NotFound
from core.events import ContactLinked
from core.messages import t
from core.models import (
    Company,
    ConsultingSession,
    Contact,
    SessionGuest,
    SessionInvitation,
    SessionStatus,
)
from core.outbox import Address, OutboundMessage
from core.sessions.common import NoOpenSession, party_of, require_open, tell_client
from core.sessions.guests import (
    MAX_GUESTS,
    active_guests,
    guest_session_of,
    leave_choice,
    say,
    tell_others,
)
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)

INVITATION_TTL = timedelta(minutes=30)
"""How long an invitation code can be used (and never after the session's end)."""
CODE_LENGTH = 10
"""Invitation codes are longer than company access codes (8), so the two never mix."""
INVITATION = "guest_invitation"
"""Outbox purpose of the invitation sent to the client (subject: the session id)."""
_SEPARATORS = re.compile(r"[\s\-]")


def _normalised(code: str) -> str:
    return _SEPARATORS.sub("", code).upper()


def looks_like_invitation(text: str) -> bool:
    """Whether typed text is shaped like an invitation code (10 code characters, one a digit)."""
    stripped = text.strip()
    key = _normalised(stripped)
    if len(key) != CODE_LENGTH or any(c not in ACCESS_CODE_ALPHABET for c in key):
        return False
    return any(c.isdigit() for c in key)


def _new_code() -> str:
    """A random code of the access-code alphabet with at least one digit (~49 bits)."""
    while True:
        code = "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if any(c.isdigit() for c in code):
            return code


def _digest(code: str) -> str:
    return hashlib.sha256(_normalised(code).encode()).hexdigest()


async def _clients_session(
    uow: UnitOfWork, contact: Contact, session_id: int | None
) -> ConsultingSession:
    """The session the contact is the client of (``session_id``, or their open one)."""
    if session_id is not None:
        session = await uow.session.get(ConsultingSession, session_id)
        if session is None:
            raise NotFound("sessions.not_found", id=session_id)
    else:
        found = await open_session_of(uow, contact.id)
        if found is None:
            found = await guest_session_of(uow, contact.id)
        if found is None:
            raise NoOpenSession()
        session = found
    if session.contact_id != contact.id:
        guest_of = await guest_session_of(uow, contact.id)
        if guest_of is not None and guest_of.id == session.id:
            raise Forbidden("sessions.guests.only_client")
        raise NotFound("sessions.not_found", id=session.id)
    return session


def _invitation_text(
    core: Core, language: str, session_id: int, code: str, until: str, username: str
) -> str:
    lines = [t("sessions.guests.invitation", language, id=session_id, code=code, until=until)]
    if username:
        url = f"https://t.me/{username}?start={code}"
        lines.append(t("sessions.guests.invitation.telegram", language, url=url))
    if core.config.web_chat_url:
        url = f"{core.config.web_chat_url}?code={code}"
        lines.append(t("sessions.guests.invitation.web", language, url=url))
    if core.config.whatsapp_number:
        text = quote(f"CODIGO {code}")
        url = f"https://wa.me/{core.config.whatsapp_number}?text={text}"
        lines.append(t("sessions.guests.invitation.whatsapp", language, url=url))
    lines.append(t("sessions.guests.invitation.how", language, code=code))
    return "\n".join(lines)


async def _pending(uow: UnitOfWork, session_id: int, now: datetime) -> int:
    """How many of the session's invitations are still usable (unused and not expired)."""
    statement = (
        select(func.count())
        .select_from(SessionInvitation)
        .where(col(SessionInvitation.session_id) == session_id)
        .where(col(SessionInvitation.used_at).is_(None))
        .where(col(SessionInvitation.expires_at) > now)
    )
    return int((await uow.session.exec(statement)).one())


@entry
async def invite_colleague(
    core: Core,
    address: Address,
    *,
    session_id: int | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """The client asks for a one-time code for a colleague to join their open session."""
    async with core.transaction(inbound) as uow:
        contact = await find_contact(uow, address)
        if contact is None or contact.id is None:
            raise NoOpenSession()
        session = await _clients_session(uow, contact, session_id)
        require_open(core, session)
        assert session.id is not None
        code, now = _new_code(), core.clock.now()
        present = len(await active_guests(uow, session.id))
        if present >= MAX_GUESTS:
            raise Conflict("sessions.guests.full", max=MAX_GUESTS)
        if present + await _pending(uow, session.id, now) >= MAX_GUESTS:
            raise Conflict("sessions.guests.pending_full", max=MAX_GUESTS)
        invitation = SessionInvitation(
            session_id=session.id,
            invited_by_id=contact.id,
            code_sha256=_digest(code),
            created_at=now,
            expires_at=now + INVITATION_TTL,
        )
        uow.session.add(invitation)
        await uow.session.flush()
        language = contact_language(contact, core.config)
        until = format_datetime(invitation.expires_at, core.config.timezone)
        username = await telegram_username(uow, core.config.telegram_bot_username)
        text = _invitation_text(core, language, session.id, code, until, username)
        await tell_client(
            uow, core, contact, OutboundMessage(text), purpose=INVITATION, subject_id=session.id
        )
        logger.info("session %s: invitation %s by its client", session.id, invitation.id)


async def _refusal(
    uow: UnitOfWork, core: Core, contact: Contact, invitation: SessionInvitation | None
) -> str | None:
    """Why ``contact`` cannot join with ``invitation`` (a message key), or None."""
    if invitation is None:
        return "sessions.guests.code_unknown"
    session = await uow.session.get(ConsultingSession, invitation.session_id)
    assert session is not None
    if invitation.used_at is not None:
        mine = invitation.used_by_id == contact.id
        return "sessions.guests.already_in" if mine else "sessions.guests.code_used"
    if session.status != SessionStatus.OPEN or core.clock.now() >= invitation.expires_at:
        return "sessions.guests.code_expired"
    if session.contact_id == contact.id:
        return "sessions.guests.own_session"
    if contact.company_id is not None and contact.company_id != session.company_id:
        return "sessions.guests.other_company"
    if await open_session_of(uow, contact.id) is not None:
        return "sessions.guests.busy"
    if await guest_session_of(uow, contact.id) is not None:
        return "sessions.guests.busy"
    if await current_request(uow, contact) is not None:
        return "sessions.guests.busy"
    if len(await active_guests(uow, session.id or 0)) >= MAX_GUESTS:
        return "sessions.guests.full_join"
    return None


async def _use(
    uow: UnitOfWork, core: Core, invitation: SessionInvitation, contact: Contact
) -> bool:
    """Mark the invitation used by ``contact`` unless someone else just did."""
    result = await uow.session.execute(
        update(SessionInvitation)
        .where(col(SessionInvitation.id) == invitation.id)
        .where(col(SessionInvitation.used_at).is_(None))
        .values(used_at=core.clock.now(), used_by_id=contact.id)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def join_with_code(uow: UnitOfWork, core: Core, contact: Contact, code: str) -> None:
    """In the caller's transaction: ``contact`` joins the session of the invitation ``code``.

    Every refusal (unknown, used or expired code, another company, already busy, full) is told
    to the contact in their language, naming nothing of the session's people.
    """
    statement = select(SessionInvitation).where(SessionInvitation.code_sha256 == _digest(code))
    invitation = (await uow.session.exec(statement)).first()
    refusal = await _refusal(uow, core, contact, invitation)
    if (
        refusal is None
        and invitation is not None
        and not await _use(uow, core, invitation, contact)
    ):
        refusal = "sessions.guests.code_used"
    if refusal is not None or invitation is None:
        await say(
            uow, core, contact, None, refusal or "sessions.guests.code_unknown", max=MAX_GUESTS
        )
        return
    session = await uow.session.get(ConsultingSession, invitation.session_id)
    assert session is not None and session.id is not None and contact.id is not None
    company = await uow.session.get(Company, session.company_id)
    assert company is not None
    if contact.company_id is None:
        contact.company_id = session.company_id
        uow.session.add(contact)
        logger.info("contact %s linked to company %s by an invitation", contact.id, company.id)
        await core.publish(uow, ContactLinked(contact.id, session.company_id))
    uow.session.add(
        SessionGuest(
            session_id=session.id,
            contact_id=contact.id,
            invitation_id=invitation.id,
            joined_at=core.clock.now(),
        )
    )
    await uow.session.flush()
    party = await party_of(uow, session)
    language = contact_language(contact, core.config)
    await say(
        uow,
        core,
        contact,
        session.id,
        "sessions.guests.joined",
        choices=(leave_choice(session.id, language),),
        client=display_name(party.contact),
        company=company.name,
    )
    await tell_others(uow, core, session, contact, "joined")
    logger.info("session %s: contact %s joined as a colleague", session.id, contact.id)

"""The client asks for an ended session's conversation (the ``recap:<session>`` button).

The first press freezes the recap (``session_recap``, one per session) and sends it through the
outbox: a PDF document to the chat it was asked from (a Telegram document, a web chat download)
and, when the contact has an e-mail address and e-mail is on, an e-mail with the PDF and the HTML
attached. The button leaves the end message. A later press is refused with when it was sent
(it is sent once); a press after the retention purge blanked the session's messages, with no
recap taken before, is told the conversation is no longer kept.
"""

from __future__ import annotations

import logging

from sqlmodel import col, select

from core.answered import close_buttons
from core.contacts import contact_address, contact_language, find_contact
from core.context import Core, entry
from core.db import Database, UnitOfWork
from core.errors import BusinessError, Conflict, NotFound
from core.mail import mail_to
from core.messages import t
from core.models import ConsultingSession, Outbound, SessionRecap, SessionStatus
from core.outbox import Address, Attachment, OutboundMessage, send
from core.recaps.content import build_recap
from core.recaps.recap import Recap
from core.sessions import RECAP_OFFER, RELAY_PURGED
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)

RECAP_DOCUMENT = "recap"
"""``Attachment.channel`` of a recap document (``ref``: ``<session id>:pdf`` or ``:html``),
rendered from the stored recap when a sender fetches it."""
RECAP = "recap"
"""Outbox purpose of the recap sent to the client's chat (subject: the session id)."""
RECAP_MAIL = "recap_mail"
"""Outbox purpose of the recap sent by e-mail (subject: the session id)."""
FORMATS = {"pdf": "application/pdf", "html": "text/html"}
_MAX_ID_DIGITS = 10


def recap_attachment(recap: Recap, extension: str) -> Attachment:
    """The recap's document (``pdf`` or ``html``) as an attachment reference."""
    return Attachment(
        kind="document",
        channel=RECAP_DOCUMENT,
        ref=f"{recap.session_id}:{extension}",
        name=recap.file_name(extension),
        mime_type=FORMATS[extension],
    )


def parse_recap_ref(ref: str) -> tuple[int, str] | None:
    """``<session id>:<pdf|html>`` as (session id, extension); None when malformed."""
    session, _, extension = ref.partition(":")
    if not (session.isascii() and session.isdigit()) or len(session) > _MAX_ID_DIGITS:
        return None
    if extension not in FORMATS or int(session) == 0:
        return None
    return int(session), extension


async def stored_recap(uow: UnitOfWork, session_id: int) -> SessionRecap | None:
    """The recap taken of session ``session_id``, if any."""
    found = await uow.session.exec(
        select(SessionRecap).where(SessionRecap.session_id == session_id)
    )
    return found.first()


async def _purged(uow: UnitOfWork, session_id: int) -> bool:
    """Whether the retention purge blanked any of the session's relayed messages."""
    found = await uow.session.exec(
        select(Outbound.id)
        .where(col(Outbound.purpose) == RELAY_PURGED, col(Outbound.subject_id) == session_id)
        .limit(1)
    )
    return found.first() is not None


async def load_recap(db: Database, session_id: int) -> Recap | None:
    """The stored recap of session ``session_id`` as data (for its documents), if one was taken."""
    async with db.read() as uow:
        found = await stored_recap(uow, session_id)
        return Recap.from_json(found.content) if found is not None else None


@entry
async def request_recap(
    core: Core, address: Address, session_id: int, *, inbound: tuple[str, str] | None = None
) -> None:
    """Record the client's request for session ``session_id``'s conversation and send it."""
    async with core.transaction(inbound) as uow:
        contact = await find_contact(uow, address)
        session = await uow.session.get(ConsultingSession, session_id)
        if contact is None or session is None or session.contact_id != contact.id:
            raise NotFound("sessions.not_found", id=session_id)
        if session.status != SessionStatus.ENDED:
            raise BusinessError("recap.not_ended")
        existing = await stored_recap(uow, session_id)
        if existing is not None:
            when = format_datetime(existing.requested_at, core.config.timezone)
            raise Conflict("recap.already", when=when)
        if await _purged(uow, session_id):
            hours = int(core.config.message_retention.total_seconds() // 3600)
            raise BusinessError("recap.purged", hours=hours)
        language = contact_language(contact, core.config)
        recap = await build_recap(uow, core.config, session, contact, language)
        assert contact.id is not None
        uow.session.add(
            SessionRecap(
                session_id=session_id,
                contact_id=contact.id,
                requested_at=core.clock.now(),
                channel=address.channel,
                language=language,
                content=recap.to_json(),
            )
        )
        await uow.session.flush()
        await close_buttons(
            uow, core.clock, RECAP_OFFER, session_id, note=t("recap.sending", language)
        )
        mailed = await mail_to(
            uow,
            core.clock,
            contact,
            OutboundMessage(
                t("recap.mail.text", language, id=session_id, company=recap.company, day=recap.day),
                title=t("recap.mail.title", language, id=session_id),
                attachments=(recap_attachment(recap, "pdf"), recap_attachment(recap, "html")),
            ),
            enabled=core.config.email_enabled,
            purpose=RECAP_MAIL,
            subject_id=session_id,
        )
        key = "recap.sent_mail" if mailed is not None else "recap.sent"
        document = OutboundMessage(
            t(key, language, id=session_id), attachments=(recap_attachment(recap, "pdf"),)
        )
        to = contact_address(contact)
        await send(uow, core.clock, to, document, purpose=RECAP, subject_id=session_id)
        logger.info(
            "recap of session %s taken (%s lines, e-mail: %s)",
            session_id,
            len(recap.lines),
            mailed is not None,
        )

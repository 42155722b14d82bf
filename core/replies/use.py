"""Using saved replies in a session: offered and rendered for its client, sent as a staff reply.

Only someone who may write in the session (``core.sessions.may_act``: its consultant, its
attendants, a called specialist) sees the replies rendered for it or sends one; the sent text
goes through ``relay_from_staff``, the same path as a typed reply, so the client, the colleagues
they invited and the session thread see it as that person's message.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.contacts import contact_language
from core.context import Core
from core.db import UnitOfWork
from core.errors import BusinessError, Forbidden, NotFound
from core.messages import t
from core.models import ConsultingSession, SavedReply
from core.outbox import Address
from core.replies.catalogue import load_reply, search_replies
from core.replies.placeholders import Values, render
from core.sessions import load_session, may_act, relay_from_staff
from core.sessions.common import normalised_staff_key, party_of, require_open, staff_name

SHOWN_MAX = 20
"""How many replies a search offers at most."""


@dataclass(frozen=True)
class RenderedReply:
    """A saved reply as offered in a session: its placeholders filled for that session."""

    id: int
    title: str
    language: str
    text: str


def first_name(name: str | None, language: str) -> str:
    """The first word of a name; a neutral word ("cliente") when there is none."""
    words = (name or "").split()
    return words[0] if words else t("replies.no_name", language)


async def session_values(
    uow: UnitOfWork, core: Core, session: ConsultingSession, staff_key: str
) -> tuple[Values, str]:
    """The placeholders' values for ``staff_key`` writing in ``session``, and its client's
    language."""
    party = await party_of(uow, session)
    language = contact_language(party.contact, core.config)
    values = Values(
        first_name=first_name(party.contact.name, language),
        company=party.company.name,
        consultant=await staff_name(uow, staff_key),
    )
    return values, language


ID_MAX = 2**31 - 1
"""Ids are 32-bit columns: a larger number names no row (and is not sent to the database)."""


async def _writable(uow: UnitOfWork, session_id: int, staff_key: str) -> ConsultingSession:
    if not 0 < session_id <= ID_MAX:
        raise NotFound("sessions.not_found", id=session_id)
    session = await load_session(uow, session_id)
    if not await may_act(uow, session, normalised_staff_key(staff_key)):
        raise Forbidden("replies.not_yours", id=session_id)
    return session


async def replies_for_session(
    core: Core, session_id: int, staff_key: str, query: str, *, limit: int = SHOWN_MAX
) -> list[RenderedReply]:
    """Active replies matching ``query``, rendered for the session's client (their language
    first); Forbidden unless ``staff_key`` may write in the session."""
    async with core.db.read() as uow:
        session = await _writable(uow, session_id, staff_key)
        values, language = await session_values(uow, core, session, staff_key)
        found = await search_replies(uow, query, language, limit=min(limit, SHOWN_MAX))
    return [_rendered(reply, values) for reply in found]


def _rendered(reply: SavedReply, values: Values) -> RenderedReply:
    assert reply.id is not None
    return RenderedReply(reply.id, reply.title, reply.language, render(reply.text, values))


async def send_saved_reply(
    core: Core,
    session_id: int,
    staff_key: str,
    reply_id: int,
    *,
    inbound: tuple[str, str] | None = None,
) -> RenderedReply:
    """Send the reply into the session as ``staff_key``'s message, also posted in the thread
    (it was not typed there); refusals: not found, inactive, session ended, not theirs."""
    async with core.db.read() as uow:
        session = await _writable(uow, session_id, staff_key)
        require_open(core, session)
        reply = await load_reply(uow, reply_id)
        if not reply.active:
            raise NotFound("replies.not_found", id=reply_id)
        values, _ = await session_values(uow, core, session, staff_key)
    if session.thread_channel is None or session.thread_ref is None:
        raise BusinessError("sessions.relay.not_a_session")
    rendered = _rendered(reply, values)
    thread = Address(core.config.staff.requests.channel, session.thread_channel, session.thread_ref)
    await relay_from_staff(core, thread, staff_key, rendered.text, inbound=inbound, echo=True)
    return rendered

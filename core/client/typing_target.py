"""Where a client's "typing..." goes: the open session they write in, as its client or as an
invited colleague (read only; the web chat signals the staff's page of that session)."""

from __future__ import annotations

from dataclasses import dataclass

from core.contacts import find_contact, open_session_of
from core.db import Database
from core.outbox import Address
from core.sessions import contact_label, guest_session_of


@dataclass(frozen=True)
class TypingTarget:
    """The session the client at an address is typing in, and how the staff see their name."""

    session_id: int
    label: str


async def typing_target(db: Database, address: Address) -> TypingTarget | None:
    """The open session of the contact at ``address`` (their own first, else one they joined as
    a colleague), or None: no contact, or no open session."""
    async with db.read() as uow:
        contact = await find_contact(uow, address)
        if contact is None or contact.id is None:
            return None
        session = await open_session_of(uow, contact.id) or await guest_session_of(uow, contact.id)
        if session is None or session.id is None:
            return None
        return TypingTarget(session.id, contact_label(contact))

"""What the client's and the team's sides of offline messages share: names, limits, reads."""

from __future__ import annotations

from sqlmodel import col, select

from core.db import UnitOfWork
from core.errors import NotFound
from core.models import Consultant, OfflineMessage, StaffMember

OFFLINE_PROMPT = "offline_prompt"
"""Outbox purpose of the question "write your message" (subject: the offline message); while it
is the newest message to the client, their next text is the message."""
OFFLINE_CARD = "offline_card"
"""Outbox purpose of the card in the staff requests room (subject: the offline message)."""
LEAVE_ACTION = "offline"
"""The client's *Deixar recado* button: ``offline:<request>``."""
TAKE_ACTION = "offline_take"
"""The card's *Vou responder*: ``offline_take:<offline message>``."""
DONE_ACTION = "offline_done"
"""The card's *Resolvido*: ``offline_done:<offline message>``."""
TEXT_MAX = 1500
"""The longest offline message, in characters."""


async def load_offline_message(
    uow: UnitOfWork, offline_id: int, *, for_update: bool = False
) -> OfflineMessage:
    """Offline message ``offline_id`` (locked until the commit when ``for_update``)."""
    found = await uow.session.get(
        OfflineMessage, offline_id, with_for_update=for_update, populate_existing=for_update
    )
    if found is None or found.text is None:
        raise NotFound("offline.not_found", id=offline_id)
    return found


async def staff_name(uow: UnitOfWork, staff_key: str) -> str | None:
    """A staff member's name: as a consultant, else as a role holder; None when unnamed."""
    consultant = select(Consultant.name).where(Consultant.staff_key == staff_key)
    name = (await uow.session.exec(consultant)).first()
    if name:
        return name
    member = (
        select(StaffMember.name)
        .where(StaffMember.staff_key == staff_key, col(StaffMember.name).is_not(None))
        .limit(1)
    )
    return (await uow.session.exec(member)).first()

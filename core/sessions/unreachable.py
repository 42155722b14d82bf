"""A client who no longer receives messages (blocked the bot, chat deleted): the consultant is told.

The outbox marks the contact unreachable when a platform refuses a message for good; the
composition root passes :func:`client_unreachable` to the dispatcher as its ``on_unreachable``
hook, so the thread of the client's open session gets a notice, once, with *Encerrar* as the
obvious next step (the session and its billing clock would otherwise run on).
"""

from __future__ import annotations

import logging

from core.contacts import find_contact, open_session_of
from core.context import Core
from core.db import UnitOfWork
from core.messages import t
from core.models import Outbound
from core.outbox import Address, Choice, OutboundMessage
from core.sessions.common import contact_label, thread_post

logger = logging.getLogger(__name__)


async def client_unreachable(uow: UnitOfWork, core: Core, row: Outbound) -> None:
    """Tell the thread of the open session of the person at ``row``'s address, if any."""
    contact = await find_contact(uow, Address(row.channel, row.address))
    if contact is None:
        return
    session = await open_session_of(uow, contact.id)
    if session is None or session.id is None:
        return
    language = core.config.language
    text = t("sessions.unreachable", language, name=contact_label(contact), error=row.last_error)
    end = Choice(f"end:{session.id}", t("sessions.button.end", language), "danger")
    await thread_post(uow, core, session, OutboundMessage(text, choices=(end,)))
    logger.info("session %s: its client can no longer be reached", session.id)

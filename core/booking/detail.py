"""The client's answer to the booking chat's question for a connection detail (free text).

After *Telefone*, *TeamViewer* or *Terminal Service* the draft waits for the number, ID or host:
the client's next text (within :data:`ANSWER_WINDOW` of the question) is parsed; a valid one is
kept on the draft and the summary follows, a bad one gets the reason and nothing is stored.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from core.booking.chat import say_choice
from core.booking.flow import detail_question, scope_of, summary_message
from core.connection import needs_detail, parse_detail
from core.contacts import contact_language
from core.context import Core
from core.db import UnitOfWork
from core.errors import InvalidInput
from core.models import BookingDraft, Contact
from core.outbox import OutboundMessage

logger = logging.getLogger(__name__)

ANSWER_WINDOW = timedelta(minutes=30)
"""How long after the question a text is still taken as its answer."""


def awaits_detail(core: Core, draft: BookingDraft | None) -> bool:
    """Whether the draft waits for its medium's connection detail (asked a moment ago)."""
    return (
        draft is not None
        and draft.medium is not None
        and needs_detail(draft.medium)
        and draft.connection_detail is None
        and draft.booking_id is None
        and draft.starts_at is not None
        and draft.duration_minutes is not None
        and core.clock.now() - draft.updated_at <= ANSWER_WINDOW
    )


async def answer_booking_detail(uow: UnitOfWork, core: Core, contact: Contact, text: str) -> bool:
    """In the caller's transaction: take ``text`` as the awaited detail; False if none awaited."""
    if contact.id is None:
        return False
    draft = await uow.session.get(BookingDraft, contact.id)
    if draft is None or not awaits_detail(core, draft):
        return False
    assert draft.medium is not None
    language = contact_language(contact, core.config)
    try:
        detail = parse_detail(draft.medium, text)
    except InvalidInput as error:
        logger.info("booking chat of contact %s: bad %s", contact.id, draft.medium)
        again = detail_question(draft.medium, language)
        answer = f"{error.render(language)}\n\n{again.text}"
        await say_choice(uow, core, contact, OutboundMessage(answer, choices=again.choices))
        return True
    draft.connection_detail, draft.updated_at = detail, core.clock.now()
    uow.session.add(draft)
    await uow.session.flush()
    scope = await scope_of(uow, core, draft)
    await say_choice(
        uow, core, contact, summary_message(core, draft, scope, language, moving=False)
    )
    return True

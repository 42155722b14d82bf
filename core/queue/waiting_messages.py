"""What a client writes while queued: kept with the request, where the consultant will read it.

The message goes to the request card's thread in the staff channel (the thread that becomes the
session's when someone accepts), as a relayed message: purged with the other relayed contents
after ``config.message_retention``. The client is told it will be read.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.context import Core
from core.db import UnitOfWork
from core.messages import t
from core.models import Contact, Request
from core.outbox import REQUEST_CARD, Address, Attachment, OutboundMessage, latest_outbound, send
from core.sessions import RELAY, contact_label, relay_text


async def keep_waiting_message(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    request: Request,
    text: str,
    attachments: Sequence[Attachment] = (),
) -> bool:
    """Post the queued client's message in the request card's thread; False when it is empty."""
    language = core.config.language
    line = relay_text(contact_label(contact), text, attachments, language)
    if line is None:
        return False
    message = OutboundMessage(
        t("queue.waiting.thread", language, line=line), attachments=tuple(attachments)
    )
    requests = core.config.staff.requests
    if request.card_channel is not None and request.card_ref is not None:
        to = Address(requests.channel, request.card_channel, request.card_ref)
        await send(uow, core.clock, to, message, purpose=RELAY, subject_id=request.id)
    else:
        card = await latest_outbound(uow, REQUEST_CARD, request.id or 0)
        thread_of = card.id if card is not None else None
        await send(
            uow,
            core.clock,
            requests,
            message,
            purpose=RELAY,
            subject_id=request.id,
            thread_of=thread_of,
        )
    return True

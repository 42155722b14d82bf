"""What a delivered or failed outbox row means to the core, by the row's purpose.

Runs in the dispatcher's transaction that records the delivery:
- ``"request_card"`` (subject = request id): the card's channel and platform reference go to
  ``Request.card_channel/card_ref``; a session of that request without a thread gets the card as
  its thread (``thread_channel/thread_ref``);
- ``"queue_card"`` (subject = request id): the reference goes to ``Request.client_card_ref``;
- a permanent failure marked ``unreachable`` on a Telegram or web chat marks the contact
  unreachable (``Contact.unreachable_since``) and, the first time, calls the dispatcher's
  ``on_unreachable`` hook (the composition root tells the sessions part: the consultant learns
  that the client no longer receives messages).
Edits (``edit_of_id``) keep the original's reference; other purposes need nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy import or_, update
from sqlmodel import col, select

from core.db import UnitOfWork
from core.models import Channel, ConsultingSession, Contact, Outbound, Request
from core.outbox.claimed import Claimed
from core.outbox.sender import PermanentDeliveryError

logger = logging.getLogger(__name__)

REQUEST_CARD = "request_card"
"""Purpose of a request's card in the staff channel; its delivery gives the session a thread."""
QUEUE_CARD = "queue_card"
"""Purpose of the client's queue position card (edited in place as the queue moves)."""
PERSONAL_CHANNELS = (Channel.TELEGRAM, Channel.WEB, Channel.WHATSAPP)


async def on_delivered(uow: UnitOfWork, row: Outbound) -> None:
    """Store what the platform's answer to ``row`` means (card references, session thread)."""
    if row.edit_of_id is not None or row.subject_id is None or row.platform_ref is None:
        return
    if row.purpose == REQUEST_CARD:
        await _request_card_delivered(uow, row)
    elif row.purpose == QUEUE_CARD:
        request = await uow.session.get(Request, row.subject_id)
        if request is not None:
            request.client_card_ref = row.platform_ref
            uow.session.add(request)


def needs_feedback_on_delivery(row: Claimed, platform_ref: str | None) -> bool:
    """Whether :func:`on_delivered` would change anything for ``row`` delivered as ``platform_ref``
    (False: the delivery is recorded in the one ``UPDATE`` for plain rows)."""
    return (
        row.purpose in (REQUEST_CARD, QUEUE_CARD)
        and row.edit_of_id is None
        and row.subject_id is not None
        and platform_ref is not None
    )


Unreachable = Callable[[UnitOfWork, Outbound], Awaitable[None]]
"""Called in the recording transaction when a row's person has just become unreachable."""


async def on_failed(
    uow: UnitOfWork,
    row: Outbound,
    error: PermanentDeliveryError,
    now: datetime,
    on_unreachable: Unreachable | None = None,
) -> None:
    """React to a row that will never be delivered (an unreachable person is marked so)."""
    if error.unreachable and row.channel in PERSONAL_CHANNELS:
        result = await uow.session.execute(
            update(Contact)
            .where(col(Contact.channel) == row.channel)
            .where(
                or_(col(Contact.chat_id) == row.address, col(Contact.external_id) == row.address)
            )
            .where(col(Contact.unreachable_since).is_(None))
            .values(unreachable_since=now)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            logger.info("contact on %s:%s marked unreachable", row.channel, row.address)
            if on_unreachable is not None:
                await on_unreachable(uow, row)


async def _request_card_delivered(uow: UnitOfWork, row: Outbound) -> None:
    request = await uow.session.get(Request, row.subject_id)
    if request is None:
        return
    request.card_channel, request.card_ref = row.address, row.platform_ref
    uow.session.add(request)
    statement = select(ConsultingSession).where(ConsultingSession.request_id == request.id)
    session = (await uow.session.exec(statement)).first()
    if session is not None and session.thread_ref is None:
        session.thread_channel, session.thread_ref = row.address, row.platform_ref
        uow.session.add(session)

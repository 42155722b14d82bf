"""A stale press on a question's message takes the message's buttons off.

The booking summary, the access code question and the company switch question lose their
buttons when answered; a press that still arrives on one (an old copy of the page, a question
that expired meanwhile) is told so, and the pressed message is edited without its buttons.
"""

from __future__ import annotations

import logging

from sqlmodel import col, select

from core import booking, intake
from core.answered import close_buttons
from core.context import Core
from core.models import Outbound
from core.outbox import Address

logger = logging.getLogger(__name__)

QUESTIONS = (booking.BOOKING_CHOICE, intake.CODE_QUESTION, intake.COMPANY_SWITCH)
"""Purposes of the messages whose buttons all belong to one question."""


async def close_pressed(core: Core, address: Address, message_ref: str) -> None:
    """Take the buttons off the question message ``message_ref`` at ``address``, if it is one."""
    async with core.transaction() as uow:
        statement = select(Outbound).where(
            col(Outbound.purpose).in_(QUESTIONS),
            Outbound.channel == address.channel,
            Outbound.address == address.id,
            Outbound.platform_ref == message_ref,
        )
        row = (await uow.session.exec(statement.order_by(col(Outbound.id)))).first()
        if row is None or row.purpose is None:
            logger.info("a stale press on message %s matched no question", message_ref[:64])
            return
        original = row.edit_of_id or row.id
        closed = await close_buttons(uow, core.clock, row.purpose, row.subject_id, only=original)
    if closed:
        logger.info("a stale press on %s %s took its buttons off", row.purpose, row.subject_id)
    else:
        logger.info("a stale press on %s %s: its buttons were off", row.purpose, row.subject_id)

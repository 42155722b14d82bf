"""Buttons that were answered, or whose question is over, leave their message.

The message is edited in place (Telegram edits it, the web chat replaces it) to its own text plus
a note of what was chosen ("✅ Confirmado"), without buttons, so nothing spent stays pressable
and the chat shows what happened. Messages are found by their outbox ``purpose`` and subject,
like every card the core edits.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from sqlmodel import col, select

from core.clock import Clock
from core.db import UnitOfWork
from core.models import Outbound
from core.outbox import Address, OutboundMessage, send

logger = logging.getLogger(__name__)


async def close_buttons(
    uow: UnitOfWork,
    clock: Clock,
    purpose: str,
    subject_id: int | None,
    note: str | None = None,
    *,
    only: int | None = None,
    chosen: str | None = None,
) -> int:
    """In the caller's transaction: edit every message of ``purpose`` for ``subject_id`` (or
    just the one first written as outbox row ``only``) that still shows buttons to show
    ``note`` under its text (nothing added when None) and no buttons. A message holding the
    button of action ``chosen`` shows "✅ <its label>" instead. How many were edited."""
    if subject_id is None:
        return 0
    statement = (
        select(Outbound)
        .where(Outbound.purpose == purpose, Outbound.subject_id == subject_id)
        .order_by(col(Outbound.id))
    )
    shown: dict[int, Outbound] = {}  # original row id -> its latest version
    for row in (await uow.session.exec(statement)).all():
        assert row.id is not None
        shown[row.edit_of_id or row.id] = row
    edited = 0
    for original_id, latest in shown.items():
        if not latest.payload.get("choices") or only not in (None, original_id):
            continue
        message = OutboundMessage.from_payload(latest.payload)
        pressed = [c.label for c in message.choices if chosen is not None and c.action == chosen]
        shown_note = f"✅ {pressed[0]}" if pressed else note
        text = f"{message.text}\n\n{shown_note}" if shown_note else message.text
        await send(
            uow,
            clock,
            Address(latest.channel, latest.address, latest.thread),
            replace(message, text=text, choices=(), extra=_noted_receipt(message, note)),
            purpose=purpose,
            subject_id=subject_id,
            edit_of=original_id,
        )
        edited += 1
    if edited:
        logger.info("buttons of %s %s closed on %d message(s)", purpose, subject_id, edited)
    return edited


def _noted_receipt(message: OutboundMessage, note: str | None) -> dict[str, Any]:
    """The message's ``extra``; a receipt (drawn instead of the text by the web chat) gets the
    note under its own notes, so every channel shows it."""
    receipt = message.extra.get("receipt")
    if not note or not isinstance(receipt, dict):
        return message.extra
    notes = "\n".join(part for part in (str(receipt.get("notes") or ""), note) if part)
    return {**message.extra, "receipt": {**receipt, "notes": notes}}

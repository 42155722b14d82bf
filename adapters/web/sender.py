"""Delivers outbox rows of the ``web`` channel: one ``web_message`` row each, then wakes pages.

Idempotent per outbox row: ``outbound_id`` is unique, so a retried delivery returns the row
already written. An edit is a new row whose ``replaces_id`` is the edited card's row; an
ephemeral message (``ephemeral_to``) goes to that staff member's own address.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from adapters.web.hub import Hub
from core.clock import Clock
from core.db import Database
from core.models import WebMessage
from core.outbox import Delivery, PermanentDeliveryError

logger = logging.getLogger(__name__)

ADDRESS_MAX = 64


class WebSender:
    """A ``core.outbox.Sender`` for the web channel (see the module docstring)."""

    def __init__(self, db: Database, clock: Clock, hub: Hub) -> None:
        self.db = db
        self.clock = clock
        self.hub = hub

    async def deliver(self, delivery: Delivery) -> str | None:
        """Store the message for its address; return the row id (the message's reference)."""
        message = delivery.message
        address = message.ephemeral_to or delivery.to.id
        if not address or len(address) > ADDRESS_MAX:
            raise PermanentDeliveryError(f"bad web address {address!r}")
        existing = await self._existing(delivery.outbound_id)
        if existing is not None:
            return existing
        replaces = _replaced_id(delivery.edit_ref)
        payload = message.to_payload() | {"purpose": delivery.purpose, "edit_of": delivery.edit_ref}
        row = WebMessage(
            address=address,
            thread=delivery.to.thread,
            outbound_id=delivery.outbound_id,
            replaces_id=replaces,
            payload=payload,
            created_at=self.clock.now(),
        )
        try:
            async with self.db.uow() as uow:
                uow.session.add(row)
                await uow.session.flush()
                row_id = row.id
                await uow.commit()
        except IntegrityError:
            found = await self._existing(delivery.outbound_id)
            if found is None:
                raise
            return found
        assert row_id is not None
        self.hub.notify(address, row_id)
        return str(row_id)

    async def _existing(self, outbound_id: int) -> str | None:
        async with self.db.uow() as uow:
            statement = select(WebMessage.id).where(WebMessage.outbound_id == outbound_id)
            found = (await uow.session.exec(statement)).first()
        return str(found) if found is not None else None


def _replaced_id(edit_ref: str | None) -> int | None:
    if edit_ref is None:
        return None
    try:
        return int(edit_ref)
    except ValueError as error:
        raise PermanentDeliveryError(f"not a web message reference: {edit_ref!r}") from error

"""LGPD: an erased contact's name leaves the events kept in the outbox (the delivery log).

What receivers already got is theirs to erase; what the bot keeps (sent or waiting, and what a
redelivery would send) loses the name. Ids stay: they are not personal data on their own.
"""

from __future__ import annotations

import copy

from sqlmodel import col, select

from core.db import UnitOfWork
from core.models import Channel, Outbound
from core.webhooks.emit import ENVELOPE, envelope_of


async def forget_contact_in_events(uow: UnitOfWork, contact_id: int) -> int:
    """Blank the contact's name in every kept webhook event about them; how many rows changed."""
    statement = select(Outbound).where(col(Outbound.channel) == Channel.WEBHOOK)
    changed = 0
    for row in (await uow.session.exec(statement)).all():
        envelope = envelope_of(row)
        data = envelope.get("data") if envelope is not None else None
        contact = data.get("contact") if isinstance(data, dict) else None
        if not isinstance(contact, dict) or contact.get("id") != contact_id:
            continue
        if contact.get("name") is None:
            continue
        payload = copy.deepcopy(row.payload)
        payload["extra"][ENVELOPE]["data"]["contact"]["name"] = None
        row.payload = payload
        uow.session.add(row)
        changed += 1
    return changed

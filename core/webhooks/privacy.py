"""LGPD: the events kept in the outbox (the delivery log) about a contact are in their export,
and an erased contact's name leaves them.

What receivers already got is theirs to erase; what the bot keeps (sent or waiting, and what a
redelivery would send) loses the name. Ids stay: they are not personal data on their own.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from typing import Any

from sqlmodel import col, select

from core.db import UnitOfWork
from core.models import Channel, Outbound
from core.webhooks.emit import ENVELOPE, envelope_of


async def _about(
    uow: UnitOfWork, contact_id: int
) -> AsyncIterator[tuple[Outbound, dict[str, Any], dict[str, Any]]]:
    """Each kept webhook row about the contact, with its envelope and the contact's part."""
    statement = (
        select(Outbound).where(col(Outbound.channel) == Channel.WEBHOOK).order_by(col(Outbound.id))
    )
    for row in (await uow.session.exec(statement)).all():
        envelope = envelope_of(row)
        data = envelope.get("data") if envelope is not None else None
        contact = data.get("contact") if isinstance(data, dict) else None
        if envelope is not None and isinstance(contact, dict) and contact.get("id") == contact_id:
            yield row, envelope, contact


async def events_about(uow: UnitOfWork, contact_id: int) -> list[dict[str, Any]]:
    """The kept webhook events about the contact (their LGPD export), oldest first, each with
    where it went and whether it was delivered (a redelivery: the latest attempt's state)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    async for row, envelope, _ in _about(uow, contact_id):
        key = (row.address, str(envelope.get("id")))
        found[key] = {"endpoint_id": row.address, "status": str(row.status), "event": envelope}
    return list(found.values())


async def forget_contact_in_events(uow: UnitOfWork, contact_id: int) -> int:
    """Blank the contact's name in every kept webhook event about them; how many rows changed."""
    changed = 0
    async for row, _, contact in _about(uow, contact_id):
        if contact.get("name") is None:
            continue
        payload = copy.deepcopy(row.payload)
        payload["extra"][ENVELOPE]["data"]["contact"]["name"] = None
        row.payload = payload
        uow.session.add(row)
        changed += 1
    return changed

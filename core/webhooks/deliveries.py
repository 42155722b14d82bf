"""The delivery log: the webhook channel's outbox rows, newest first; a manual redelivery.

No table of its own: each outbox row of the ``webhook`` channel is one delivery (its endpoint,
envelope, status, attempts, last error, times). A redelivery is a new row with the same envelope,
so the receiver sees the same event id and can drop a repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from core.clock import Clock
from core.db import UnitOfWork
from core.errors import InvalidInput, NotFound
from core.models import Channel, Outbound, OutboundStatus, WebhookEndpoint
from core.webhooks.emit import envelope_of, write_delivery


@dataclass(frozen=True)
class WebhookDelivery:
    """One row of the delivery log."""

    outbound_id: int
    endpoint_id: int
    event_id: str
    event_type: str
    status: str
    attempts: int
    last_error: str | None
    response: str | None
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime


def _entry(row: Outbound) -> WebhookDelivery | None:
    envelope = envelope_of(row)
    if envelope is None or row.id is None or not row.address.isdigit():
        return None
    return WebhookDelivery(
        outbound_id=row.id,
        endpoint_id=int(row.address),
        event_id=str(envelope.get("id", "")),
        event_type=str(envelope.get("type", "")),
        status=str(row.status),
        attempts=row.attempts,
        last_error=row.last_error,
        response=row.platform_ref,
        created_at=row.created_at,
        sent_at=row.sent_at,
        next_attempt_at=row.next_attempt_at,
    )


async def recent_deliveries(
    uow: UnitOfWork,
    *,
    status: OutboundStatus | None = None,
    endpoint_id: int | None = None,
    limit: int = 100,
) -> list[WebhookDelivery]:
    """The latest deliveries, newest first; optionally of one status or one endpoint."""
    statement = select(Outbound).where(col(Outbound.channel) == Channel.WEBHOOK)
    if status is not None:
        statement = statement.where(col(Outbound.status) == status)
    if endpoint_id is not None:
        statement = statement.where(col(Outbound.address) == str(endpoint_id))
    statement = statement.order_by(col(Outbound.id).desc()).limit(limit)
    rows = (await uow.session.exec(statement)).all()
    return [entry for entry in map(_entry, rows) if entry is not None]


async def redeliver(uow: UnitOfWork, clock: Clock, outbound_id: int) -> Outbound:
    """A new outbox row with the envelope of delivery ``outbound_id`` (same event id)."""
    row = await uow.session.get(Outbound, outbound_id)
    envelope = envelope_of(row) if row is not None else None
    if row is None or envelope is None or not row.address.isdigit():
        raise NotFound("webhooks.delivery_not_found", id=outbound_id)
    endpoint = await uow.session.get(WebhookEndpoint, int(row.address))
    if endpoint is None or not endpoint.active:
        raise InvalidInput("webhooks.disabled", id=row.address)
    return await write_delivery(uow, clock, int(row.address), envelope)

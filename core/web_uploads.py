"""Who may send files from the web chat, and how much (the server keeps them for the retention).

A file is accepted only from a browser whose contact is linked to a company and has something
open: a request being described, waiting for its terms, queued, booked or in a session (a
support chat included). Per client, at most :attr:`UploadPolicy.per_hour` files in the last hour
and :attr:`UploadPolicy.bytes_per_day` bytes in the last 24 hours; the client's own messages in
the chat (their echoes, which carry each file's size) are the record of what was sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import col, select

from core.contacts import find_contact
from core.db import Database
from core.models import ConsultingSession, Request, RequestStatus, SessionStatus, WebMessage
from core.outbox import Address

OPEN_REQUEST = (
    RequestStatus.DRAFT,
    RequestStatus.AWAITING_TERMS,
    RequestStatus.QUEUED,
    RequestStatus.BOOKED,
    RequestStatus.IN_SESSION,
)
"""A request in one of these states lets its client send files."""
SEARCHED = 500
"""How many of the client's newest messages of the last day are looked at."""


@dataclass(frozen=True)
class UploadPolicy:
    """The limits on one client's files."""

    per_hour: int = 20
    bytes_per_day: int = 50 * 1024 * 1024
    echo_purpose: str = "client_text"


@dataclass(frozen=True)
class UploadRefusal:
    """Why a file is refused: a message key and its parameters, with the HTTP status."""

    key: str
    status: int
    params: dict[str, Any] = field(default_factory=dict)


async def upload_refusal(
    db: Database, address: Address, now: datetime, size: int, policy: UploadPolicy
) -> UploadRefusal | None:
    """None when the client at ``address`` may send a file of ``size`` bytes now."""
    async with db.uow() as uow:
        contact = await find_contact(uow, address)
        if contact is None or contact.company_id is None or contact.id is None:
            return UploadRefusal("web.chat.notice.upload_not_linked", 403)
        open_request = select(Request.id).where(
            col(Request.contact_id) == contact.id, col(Request.status).in_(OPEN_REQUEST)
        )
        open_session = select(ConsultingSession.id).where(
            col(ConsultingSession.contact_id) == contact.id,
            col(ConsultingSession.status) == SessionStatus.OPEN,
        )
        if (await uow.session.exec(open_request.limit(1))).first() is None and (
            await uow.session.exec(open_session.limit(1))
        ).first() is None:
            return UploadRefusal("web.chat.notice.upload_no_request", 403)
        recent = (
            select(WebMessage.payload, WebMessage.created_at)
            .where(col(WebMessage.address) == address.id)
            .where(col(WebMessage.created_at) >= now - timedelta(days=1))
            .order_by(col(WebMessage.id).desc())
            .limit(SEARCHED)
        )
        rows = (await uow.session.exec(recent)).all()
    sent = [
        (int(payload.get("bytes") or 0), at)
        for payload, at in rows
        if payload.get("purpose") == policy.echo_purpose and payload.get("attachments")
    ]
    hour_ago = now - timedelta(hours=1)
    if sum(1 for _, at in sent if at >= hour_ago) >= policy.per_hour:
        return UploadRefusal("web.chat.notice.upload_rate", 429, {"count": policy.per_hour})
    if sum(size_ for size_, _ in sent) + size > policy.bytes_per_day:
        megabytes = policy.bytes_per_day // (1024 * 1024)
        return UploadRefusal("web.chat.notice.upload_quota", 429, {"limit": megabytes})
    return None

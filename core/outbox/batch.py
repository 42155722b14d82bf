"""Several outbox rows in one INSERT, for the queue's hot paths (join, offer, claim).

The rows are the ones ``core.outbox.send`` writes, one per ``Post``, in the given order (so in id
order, as the dispatcher sends them), without an ORM object and a flush per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert

from core.clock import Clock
from core.db import UnitOfWork
from core.models import Outbound, OutboundStatus
from core.outbox.message import Address, OutboundMessage
from core.unit_of_work import outbox_of

_OUTBOUND: Table = Outbound.__table__  # type: ignore[attr-defined]
_INSERT = insert(_OUTBOUND)
"""Built once, on the table (Core: no ORM step). Every row has every column, so one compiled
form (an executemany for several rows)."""


@dataclass(frozen=True)
class Post:
    """One message for ``send_all``: the arguments of ``core.outbox.message.send``."""

    to: Address
    message: OutboundMessage
    purpose: str | None = None
    subject_id: int | None = None
    edit_of: int | None = None
    thread_of: int | None = None


def post_row(post: Post, now: Any) -> dict[str, Any]:
    """The outbox row of ``post`` as column values (``now``: a datetime, or its ISO text for a
    JSON parameter)."""
    payload = post.message.to_payload()
    if post.thread_of is not None:
        payload["thread_of"] = post.thread_of
    return {
        "channel": post.to.channel,
        "address": post.to.id,
        "thread": post.to.thread,
        "payload": payload,
        "purpose": post.purpose,
        "subject_id": post.subject_id,
        "edit_of_id": post.edit_of,
        "status": OutboundStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


async def send_all(uow: UnitOfWork, clock: Clock, posts: Sequence[Post]) -> None:
    """Write every post to the outbox in the caller's transaction, in one statement."""
    if not posts:
        return
    now = clock.now()
    await uow.execute(_INSERT, [post_row(post, now) for post in posts])
    uow.after_commit_wake(*written(posts))


def written(posts: Sequence[Post]) -> set[str]:
    """What writing ``posts`` tells the loops (``UnitOfWork.after_commit_wake``)."""
    return {outbox_of(post.to.channel) for post in posts}

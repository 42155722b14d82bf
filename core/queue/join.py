"""Joining the queue: a consulting request with accepted terms waits for the next consultant."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Integer, Table, bindparam, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

from core.cards import (
    POSITION_REFRESH,
    QUEUE_CARD,
    QUEUE_MOVED,
    REQUEST_CARD,
    UNANSWERED,
    queue_card,
    request_card,
)
from core.contacts import contact_address, contact_language
from core.context import Core
from core.db import UnitOfWork
from core.errors import BusinessError
from core.events import RequestCreated
from core.models import Company, Consent, Contact, Request, RequestKind, RequestStatus
from core.outbox import Post
from core.queue.closing import CLOSING, on_closing
from core.queue.offers import free_ids, offer_posts
from core.queue.positions import (
    RID,
    anyone_behind,
    params,
    read_standing,
    standing_statement,
)
from core.queue.unanswered import SCHEDULE_UNANSWERED, on_unanswered, unanswered_values
from core.queue.updates import on_position_refresh, on_queue_moved, refresh_positions
from core.queue.writes import Writes, write_with_posts
from core.timers import Handler

logger = logging.getLogger(__name__)

TIMER_HANDLERS: dict[str, Handler] = {
    UNANSWERED: on_unanswered,
    POSITION_REFRESH: on_position_refresh,
    QUEUE_MOVED: on_queue_moved,
    CLOSING: on_closing,
}
"""The queue's timer handlers, by timer kind, for ``core.timers.loop.TimerLoop``."""


CONTACT = bindparam("contact", type_=Integer())


def _accepted_consent() -> ColumnElement[bool]:
    """Whether request ``RID`` has an accepted consent of contact ``CONTACT``."""
    return (
        select(Consent.id)
        .where(
            col(Consent.request_id) == RID,
            col(Consent.contact_id) == CONTACT,
            col(Consent.accepted).is_(True),
        )
        .exists()
    )


_JOINING = {
    known: standing_statement(
        known, _accepted_consent(), anyone_behind(), candidates=free_ids(known)
    )
    for known in (False, True)
}
"""The join's one read (see ``join_queue``), by whether the request's area is known."""


_REQUESTS: Table = Request.__table__  # type: ignore[attr-defined]
_WRITTEN = (
    "kind",
    "status",
    "queued_at",
    "updated_at",
    "taken_by_id",
    "taken_at",
    "notified_position",
    "notified_at",
    "terms_version_id",
    "terms_rate_cents",
    "terms_sha256",
)
"""The request's columns a join writes: its own, and those its callers changed just before
(the kind of a support chat handed over, the terms a consent has just used up)."""
_QUEUED = (
    update(_REQUESTS)
    .where(_REQUESTS.c.id == bindparam("j_id", type_=Integer()))
    .values({c: bindparam(f"j_{c}", type_=_REQUESTS.c[c].type) for c in _WRITTEN})
)
_JOIN_WRITES = {
    "postgresql": Writes(
        SCHEDULE_UNANSWERED["postgresql"].add_cte(_QUEUED.returning(_REQUESTS.c.id).cte("queued")),
        (_QUEUED, SCHEDULE_UNANSWERED["postgresql"]),
        schedules=True,
    ),
    "sqlite": Writes(
        SCHEDULE_UNANSWERED["sqlite"], (_QUEUED, SCHEDULE_UNANSWERED["sqlite"]), schedules=True
    ),
}
"""The request queued and its unanswered reminder (with the cards: ``write_with_posts``)."""


async def _write_joined(uow: UnitOfWork, core: Core, request: Request, posts: list[Post]) -> None:
    """The request row (``_WRITTEN``), the posts and the unanswered timer: one statement on
    PostgreSQL. The request object is left as if loaded with those values (no ORM UPDATE)."""
    assert request.id is not None
    values = {f"j_{c}": getattr(request, c) for c in _WRITTEN} | {"j_id": request.id}
    values |= unanswered_values(core, request.id)
    await write_with_posts(uow, core, posts, _JOIN_WRITES[core.db.dialect], values)
    for column in _WRITTEN:
        set_committed_value(request, column, getattr(request, column))


async def join_queue(
    uow: UnitOfWork,
    core: Core,
    request: Request,
    *,
    posts: Sequence[Post] = (),
    queued_at: datetime | None = None,
) -> None:
    """Queue a consulting request with an accepted consent: cards, offers, unanswered timer.

    ``posts``: the caller's messages, written first, in the same statement as the cards.
    ``queued_at``: its place in the queue when not now (a support chat handed over to a
    consultant keeps the time its client came in: ahead of everyone who came later).
    """
    assert request.id is not None
    if request.status == RequestStatus.QUEUED:
        return
    if request.kind != RequestKind.CONSULTING:
        raise BusinessError("queue.no_consent")
    now = core.clock.now()
    place = min(queued_at, now) if queued_at is not None else now
    # One read: the consent, the position, who serves, whether anyone waits behind, the
    # average session and the free consultants to offer it to; then one write on PostgreSQL
    # (the request, the cards and offers, the unanswered timer), three on SQLite.
    values = params(place, request.id, request.area) | {"contact": request.contact_id}
    with uow.session.no_autoflush:  # the request's own changes go with the writes below
        read = await read_standing(uow, core, _JOINING[request.area is not None], values)
    consented, behind = read.also
    standing = read.standing
    if not consented:
        raise BusinessError("queue.no_consent")
    request.status, request.queued_at, request.updated_at = RequestStatus.QUEUED, place, now
    request.taken_by_id = request.taken_at = None
    request.notified_position, request.notified_at = standing.position, now
    uow.session.add(request)
    contact = await uow.session.get(Contact, request.contact_id)
    company = await uow.session.get(Company, request.company_id)
    assert contact is not None and company is not None
    language = contact_language(contact, core.config)
    card = request_card(core, request, company, contact, standing.position)
    told = queue_card(core, request.id, standing.position, standing.wait_minutes, language)
    cards = [
        Post(core.config.staff.requests, card, REQUEST_CARD, request.id),
        Post(contact_address(contact), told, QUEUE_CARD, request.id),
    ]
    offers = offer_posts(core, request, (company, contact), read.candidates)
    await _write_joined(uow, core, request, [*posts, *cards, *offers])
    if behind:  # only when clocks disagree: the others' positions are told now
        await refresh_positions(uow, core, request)
    if queued_at is None:  # a support chat handed over was announced when it began
        await core.publish(uow, RequestCreated(request.id))
    logger.info("request %s queued at position %s", request.id, standing.position)

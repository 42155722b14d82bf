"""Claiming a waiting request (SPEC 6): the first *Aceitar* wins, the others are told who took it.

Race safety: the claim is one conditional ``UPDATE request SET status='in_session' ... WHERE
id=:id AND status='queued'`` checked by its row count. On PostgreSQL a concurrent claimer blocks on
the row lock, then sees the winner's commit and updates nothing; on SQLite the write lock taken at
BEGIN serialises the claims. A loser's transaction writes only its answer (an ephemeral message).
The claimant's own row is locked first (PostgreSQL), so one consultant's concurrent claims of two
requests cannot both pass the session-limit check.

Who may claim: any active consultant under their session limit (``Consultant.max_sessions``),
also for a request outside their areas (offers go by area, the choice is theirs) and also while
*ausente* or *ocupado* (clicking *Aceitar* is presence enough; the status turns *ocupado* once at
the limit). Billed time runs from the claim (``billing_started_at``): queue waiting is never billed.
A request handed over from a support chat (``core.support``) keeps its open session: the claim
takes that session over (``take_over_session``) instead of opening one.

Action id: ``claim:<request>`` (from the request card and the offers by direct message).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Select, and_, bindparam, update
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import col, func, select

from core.cards import (
    QUEUE_CARD,
    REQUEST_CARD,
    REQUEST_OFFER,
    card_address,
    closed_version,
    local_time,
    opening_params,
)
from core.contacts import contact_language
from core.context import Core, RepeatedDelivery
from core.db import UnitOfWork, UTCDateTime
from core.errors import BusinessError, Conflict, Forbidden, NotFound
from core.messages import t
from core.models import (
    Company,
    Consultant,
    ConsultingSession,
    Contact,
    Outbound,
    Request,
    RequestKind,
    RequestStatus,
    SessionStatus,
)
from core.outbox import OutboundMessage, Post, send
from core.queue.offers import STAFF
from core.queue.updates import claimed
from core.sessions import Known, start_session, take_over_session

logger = logging.getLogger(__name__)

CLOSED = "queue.claim.closed"
"""The refusal of a claim outside the opening hours without a time agreed with the client."""

_RID = bindparam("rid", type_=Integer())
_NOW = bindparam("now", type_=UTCDateTime())
_TAKE = (
    update(Request)
    .where(col(Request.id) == _RID)
    .where(col(Request.status) == RequestStatus.QUEUED)
    .where(col(Request.kind) == RequestKind.CONSULTING)
    .values(
        status=RequestStatus.IN_SESSION,
        taken_by_id=bindparam("by", type_=Integer()),
        taken_at=_NOW,
        updated_at=_NOW,
    )
    .returning(Request)
    .execution_options(synchronize_session=False, populate_existing=True)
)
"""The claim itself: request ``rid`` taken by consultant ``by`` at ``now``, if still waiting."""


@dataclass(frozen=True)
class ClaimResult:
    """The outcome of a claim: won (with the new session) or lost (with who took it)."""

    won: bool
    session_id: int | None = None
    taken_by_name: str | None = None


async def claimant(uow: UnitOfWork, staff_key: str, *, lock: bool = False) -> Consultant:
    """The active consultant with this Slack user (row locked when ``lock``); refusals else."""
    statement = select(Consultant).where(col(Consultant.staff_key) == staff_key.strip().upper())
    if lock:
        statement = statement.with_for_update()
    return active_claimant((await uow.session.exec(statement)).first(), staff_key)


def active_claimant(consultant: Consultant | None, staff_key: str) -> Consultant:
    if consultant is None:
        raise NotFound("queue.status.unknown_consultant", slack_user=staff_key)
    if not consultant.active:
        raise Forbidden("queue.claim.inactive")
    return consultant


async def claim_request(
    core: Core,
    request_id: int,
    consultant_key: str,
    *,
    alternative_hours: bool = False,
    inbound: tuple[str, str] | None = None,
) -> ClaimResult:
    """*Aceitar*: open the session if the request still waits; else say who took it.

    Outside the opening hours only with ``alternative_hours`` (the consultant confirms a time
    agreed with the client); it is recorded on the session and its billing.
    """
    try:
        return await _claim(core, request_id, consultant_key, alternative_hours, inbound)
    except RepeatedDelivery:
        async with core.db.uow() as uow:  # a repeated *Aceitar*: what happened the first time
            return await _current_outcome(uow, request_id, consultant_key)


def check_alternative_hours(core: Core, alternative_hours: bool, refusal: str = CLOSED) -> bool:
    """Whether billed time starting now is at alternative hours (True: closed, but agreed).

    While closed, refused (``refusal``: the message key, it names the next opening) unless a time
    was agreed with the client.
    """
    if core.config.hours.is_open(core.clock.now()):
        return False
    if not alternative_hours:
        raise BusinessError(refusal, **opening_params(core, core.config.language))
    return True


async def _claim(
    core: Core,
    request_id: int,
    consultant_key: str,
    alternative_hours: bool,
    inbound: tuple[str, str] | None,
) -> ClaimResult:
    async with core.transaction(inbound) as uow:
        # One read (the claimant locked with their sessions, the request's people, cards and
        # any handed-over session), the conditional claim, then the session and the messages.
        read = await _claim_read(uow, request_id, consultant_key)
        consultant, open_now = read.consultant, read.open_sessions
        assert consultant.id is not None
        now = core.clock.now()
        at_alternative_hours = check_alternative_hours(core, alternative_hours)
        values = {"rid": request_id, "by": consultant.id, "now": now}
        request = (await uow.session.execute(_TAKE, values)).scalars().first()
        if request is None:
            return await _lost(uow, core, request_id, consultant)
        if open_now >= consultant.max_sessions:
            raise Conflict("queue.claim.at_capacity", count=consultant.max_sessions)
        contact, company, cards = read.contact, read.company, read.cards
        assert contact is not None and company is not None
        known = Known(contact, company, open_now, _newest(cards, REQUEST_CARD))
        known.posts.extend(_close_queue_card(core, contact, cards))
        handed_over = read.handed_over
        if handed_over is not None:
            session = await take_over_session(
                uow,
                core,
                handed_over,
                request,
                consultant,
                known=known,
                alternative_hours=at_alternative_hours,
            )
        else:
            session = await start_session(
                uow,
                core,
                request,
                consultant,
                billing_starts_at=now,
                known=known,
                alternative_hours=at_alternative_hours,
            )
        await _after_claim(uow, core, request, consultant, cards, known.posts)
        logger.info(
            "request %s claimed by consultant %s (%s)", request_id, consultant.id, company.id
        )
        return ClaimResult(won=True, session_id=session.id, taken_by_name=consultant.name)


@dataclass
class _ClaimRead:
    """What a claim reads before it claims (see ``_claim_read``)."""

    consultant: Consultant
    open_sessions: int
    contact: Contact | None
    company: Company | None
    cards: list[Outbound]
    handed_over: ConsultingSession | None


def _claim_read_statement() -> Select[Any]:
    """See ``_claim_read``: built once, the request and the staff key bound at each call."""
    open_sessions = (
        select(func.count())
        .select_from(ConsultingSession)
        .where(col(ConsultingSession.consultant_id) == col(Consultant.id))
        .where(col(ConsultingSession.status) == SessionStatus.OPEN)
        .scalar_subquery()
    )
    handed = aliased(ConsultingSession)
    card = and_(
        col(Outbound.subject_id) == col(Request.id),
        col(Outbound.purpose).in_((QUEUE_CARD, REQUEST_CARD, REQUEST_OFFER)),
        col(Outbound.edit_of_id).is_(None),
    )
    return (
        sa_select(Consultant, open_sessions, Contact, Company, Outbound, handed)
        .select_from(Consultant)
        .outerjoin(Request, col(Request.id) == _RID)
        .outerjoin(Contact, col(Contact.id) == col(Request.contact_id))
        .outerjoin(Company, col(Company.id) == col(Request.company_id))
        .outerjoin(Outbound, card)
        .outerjoin(
            handed,
            and_(
                col(handed.request_id) == col(Request.id),
                col(handed.status) == SessionStatus.OPEN,
            ),
        )
        .where(col(Consultant.staff_key) == STAFF)
        .order_by(col(Outbound.id))
        .with_for_update(of=Consultant)
    )


_CLAIM_READ = _claim_read_statement()


async def _claim_read(uow: UnitOfWork, request_id: int, staff_key: str) -> _ClaimRead:
    """The active claimant (row locked) with their open sessions, and the request's contact,
    company, original cards and offers (oldest first) and open handed-over session: one
    statement, one row per card. Refusals for an unknown or inactive claimant.
    """
    values = {"rid": request_id, "staff": staff_key.strip().upper()}
    rows = (await uow.session.execute(_CLAIM_READ, values)).all()
    consultant = active_claimant(rows[0][0] if rows else None, staff_key)
    first = rows[0]
    cards = list({row[4].id: row[4] for row in rows if row[4] is not None}.values())
    return _ClaimRead(consultant, int(first[1]), first[2], first[3], cards, first[5])


def _newest(cards: list[Outbound], purpose: str) -> Outbound | None:
    return next((card for card in reversed(cards) if card.purpose == purpose), None)


def _closing(card: Outbound, text: str) -> Post:
    assert card.subject_id is not None
    message = closed_version(card, text)
    return Post(card_address(card), message, card.purpose, card.subject_id, edit_of=card.id)


def _close_queue_card(core: Core, contact: Contact, cards: list[Outbound]) -> list[Post]:
    """The client's queue card loses its buttons (before they are told who attends them)."""
    card = _newest(cards, QUEUE_CARD)
    if card is None:
        return []
    language = contact_language(contact, core.config)
    when = local_time(core, core.clock.now())
    return [_closing(card, t("queue.client.taken_card", language, time=when))]


async def _after_claim(
    uow: UnitOfWork,
    core: Core,
    request: Request,
    consultant: Consultant,
    cards: list[Outbound],
    posts: list[Post],
) -> None:
    """Timers cancelled, the request card and the offers closed, the others moved up.

    ``posts``: the claim's messages so far (queue card, session start), written first, in
    the same statement as the closed request card and offers. The others' positions are
    refreshed by the timer loop (``queue_moved``), not in this transaction: at the head of a
    long queue that would rewrite every card behind it.
    """
    assert request.id is not None
    language = core.config.language
    when = local_time(core, core.clock.now())
    card = _newest(cards, REQUEST_CARD)
    if card is not None:
        text = t("queue.card.taken", language, name=consultant.name, time=when)
        posts.append(_closing(card, text))
    outcome = t("queue.offer.taken", language, name=consultant.name)
    gone = t("queue.offer.gone", language, id=request.id, outcome=outcome)
    posts.extend(
        Post(card_address(c), OutboundMessage(gone), REQUEST_OFFER, request.id, edit_of=c.id)
        for c in cards
        if c.purpose == REQUEST_OFFER
    )
    await claimed(uow, core, request.id, posts)


async def _lost(
    uow: UnitOfWork, core: Core, request_id: int, consultant: Consultant
) -> ClaimResult:
    """The request was not waiting: tell the consultant who took it, or refuse a stale claim."""
    statement = (
        select(Request)
        .where(col(Request.id) == request_id)
        .execution_options(populate_existing=True)
    )
    request = (await uow.session.exec(statement)).first()
    if request is None:
        raise NotFound("queue.claim.unknown_request", id=request_id)
    taken = request.status in (RequestStatus.IN_SESSION, RequestStatus.DONE)
    if not taken or request.taken_by_id is None:
        raise BusinessError("queue.not_in_queue")
    language = core.config.language
    if request.taken_by_id == consultant.id:
        name, text = consultant.name, t("queue.claim.yours_already", language, id=request_id)
    else:
        taker = await uow.session.get(Consultant, request.taken_by_id)
        name = taker.name if taker is not None else "?"
        text = t("queue.claim.taken_by", language, id=request_id, name=name)
    message = OutboundMessage(text, ephemeral_to=consultant.staff_key)
    await send(uow, core.clock, core.config.staff.requests, message)
    return ClaimResult(won=False, session_id=None, taken_by_name=name)


async def _current_outcome(uow: UnitOfWork, request_id: int, staff_key: str) -> ClaimResult:
    """For a repeated delivery: what the first delivery achieved, read without writing."""
    request = await uow.session.get(Request, request_id)
    if request is None or request.taken_by_id is None:
        return ClaimResult(won=False)
    taker = await uow.session.get(Consultant, request.taken_by_id)
    if taker is None:
        return ClaimResult(won=False)
    won = taker.staff_key == staff_key.strip().upper()
    session_id = None
    if won:
        statement = select(ConsultingSession.id).where(
            col(ConsultingSession.request_id) == request_id
        )
        session_id = (await uow.session.exec(statement)).first()
    return ClaimResult(won=won, session_id=session_id, taken_by_name=taker.name)

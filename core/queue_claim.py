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

Action id: ``claim:<request>`` (from the request card and the offers by direct message).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import col, select

from core.context import Core
from core.db import UnitOfWork
from core.errors import BusinessError, Conflict, Forbidden, NotFound
from core.messages import t
from core.models import (
    Consultant,
    ConsultingSession,
    Request,
    RequestKind,
    RequestStatus,
)
from core.outbound import OutboundMessage, send
from core.queue_cards import (
    POSITION_REFRESH,
    QUEUE_CARD,
    REQUEST_CARD,
    UNANSWERED,
    client_language,
    close_card,
    local_time,
)
from core.queue_offers import close_offers, open_sessions_of
from core.queue_updates import refresh_positions
from core.session_start import open_session
from core.timers import cancel

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClaimResult:
    """The outcome of a claim: won (with the new session) or lost (with who took it)."""

    won: bool
    session_id: int | None = None
    taken_by_name: str | None = None


async def claimant(uow: UnitOfWork, slack_user_id: str, *, lock: bool = False) -> Consultant:
    """The active consultant with this Slack user (row locked when ``lock``); refusals else."""
    statement = select(Consultant).where(
        col(Consultant.slack_user_id) == slack_user_id.strip().upper()
    )
    if lock:
        statement = statement.with_for_update()
    consultant = (await uow.session.exec(statement)).first()
    if consultant is None:
        raise NotFound("queue.status.unknown_consultant", slack_user=slack_user_id)
    if not consultant.active:
        raise Forbidden("queue.claim.inactive")
    return consultant


async def claim_request(
    core: Core,
    request_id: int,
    consultant_slack_id: str,
    *,
    inbound: tuple[str, str] | None = None,
) -> ClaimResult:
    """*Aceitar*: open the session if the request still waits; else say who took it."""
    async with core.transaction(inbound) as tx:
        uow = tx.uow
        if tx.duplicate:
            return await _current_outcome(uow, request_id, consultant_slack_id)
        consultant = await claimant(uow, consultant_slack_id, lock=True)
        assert consultant.id is not None
        now = core.clock.now()
        taken = await uow.session.execute(
            update(Request)
            .where(col(Request.id) == request_id)
            .where(col(Request.status) == RequestStatus.QUEUED.value)
            .where(col(Request.kind) == RequestKind.CONSULTING.value)
            .values(
                status=RequestStatus.IN_SESSION.value,
                taken_by_id=consultant.id,
                taken_at=now,
                updated_at=now,
            )
        )
        if not taken.rowcount:  # type: ignore[attr-defined]
            return await _lost(uow, core, request_id, consultant)
        open_now = await open_sessions_of(uow, consultant.id)
        if open_now >= consultant.max_sessions:
            raise Conflict("queue.claim.at_capacity", limit=consultant.max_sessions)
        request = await uow.session.get(Request, request_id, populate_existing=True)
        assert request is not None
        await _close_queue_card(uow, core, request)
        session = await open_session(uow, core, request, consultant, billing_starts_at=now)
        await _after_claim(uow, core, request, consultant)
        logger.info("request %s claimed by consultant %s", request_id, consultant.id)
        return ClaimResult(won=True, session_id=session.id, taken_by_name=consultant.name)


async def _close_queue_card(uow: UnitOfWork, core: Core, request: Request) -> None:
    """The client's queue card loses its buttons (before they are told who attends them)."""
    assert request.id is not None
    language = await client_language(uow, core, request)
    when = local_time(core, core.clock.now())
    text = t("queue.client.taken_card", language, time=when)
    await close_card(uow, core, QUEUE_CARD, request.id, text)


async def _after_claim(
    uow: UnitOfWork, core: Core, request: Request, consultant: Consultant
) -> None:
    """Timers cancelled, the request card and the offers closed, the others moved up."""
    assert request.id is not None
    await cancel(uow, kind=UNANSWERED, subject_id=request.id)
    await cancel(uow, kind=POSITION_REFRESH, subject_id=request.id)
    language = core.config.language
    when = local_time(core, core.clock.now())
    await close_card(
        uow,
        core,
        REQUEST_CARD,
        request.id,
        t("queue.card.taken", language, name=consultant.name, time=when),
    )
    await close_offers(
        uow, core, request.id, t("queue.offer.taken", language, name=consultant.name)
    )
    await refresh_positions(uow, core, request)


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
    taken = request.status in (RequestStatus.IN_SESSION.value, RequestStatus.DONE.value)
    if not taken or request.taken_by_id is None:
        raise BusinessError("queue.not_in_queue")
    language = core.config.language
    if request.taken_by_id == consultant.id:
        name, text = consultant.name, t("queue.claim.yours_already", language, id=request_id)
    else:
        taker = await uow.session.get(Consultant, request.taken_by_id)
        name = taker.name if taker is not None else "?"
        text = t("queue.claim.taken_by", language, id=request_id, name=name)
    message = OutboundMessage(text, ephemeral_to=consultant.slack_user_id)
    await send(uow, core.clock, core.config.staff.requests, message)
    return ClaimResult(won=False, session_id=None, taken_by_name=name)


async def _current_outcome(uow: UnitOfWork, request_id: int, slack_user_id: str) -> ClaimResult:
    """For a repeated delivery: what the first delivery achieved, read without writing."""
    request = await uow.session.get(Request, request_id)
    if request is None or request.taken_by_id is None:
        return ClaimResult(won=False)
    taker = await uow.session.get(Consultant, request.taken_by_id)
    if taker is None:
        return ClaimResult(won=False)
    won = taker.slack_user_id == slack_user_id.strip().upper()
    session_id = None
    if won:
        statement = select(ConsultingSession.id).where(
            col(ConsultingSession.request_id) == request_id
        )
        session_id = (await uow.session.exec(statement)).first()
    return ClaimResult(won=won, session_id=session_id, taken_by_name=taker.name)

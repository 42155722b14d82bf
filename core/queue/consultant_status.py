"""A consultant's status (SPEC 6): ``/consultor disponivel | ocupado | ausente`` and the report.

A consultant in sessions up to their limit is *ocupado*; one who becomes free (says so, or a
session ends) and is not *ausente* becomes *disponível* and is offered the oldest waiting request
of their areas by direct message (*Aceitar*: ``claim:<request>``).
"""

from __future__ import annotations

import logging
import unicodedata

from sqlmodel import col, func, select

from core.cards import local_time
from core.consultants import (
    LOG_STATUS,
    SET_AND_LOG_STATUS,
    SET_STATUS,
    change_status,
    status_values,
    status_written,
)
from core.contacts import consultant_address, display_name
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import InvalidInput
from core.events import ConsultantFreed, SessionEnded
from core.messages import echo, t
from core.models import (
    Company,
    Consultant,
    ConsultantArea,
    ConsultantStatus,
    ConsultingSession,
    Contact,
    Request,
    SessionStatus,
)
from core.outbox import OutboundMessage, Post, send_all
from core.queue.claim import active_claimant, claimant
from core.queue.offers import claimant_with_oldest, offer_oldest, offer_post
from core.queue.positions import waiting
from core.queue.writes import Writes, write_with_posts
from core.sessions import open_sessions_of

logger = logging.getLogger(__name__)

_WORDS = {
    "disponivel": ConsultantStatus.AVAILABLE,
    "available": ConsultantStatus.AVAILABLE,
    "ocupado": ConsultantStatus.BUSY,
    "busy": ConsultantStatus.BUSY,
    "ausente": ConsultantStatus.AWAY,
    "away": ConsultantStatus.AWAY,
}


def parse_status(text: str) -> ConsultantStatus:
    """``disponivel``/``disponível``, ``ocupado``, ``ausente`` (any case) -> the status."""
    folded = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    status = _WORDS.get(plain)
    if status is None:
        raise InvalidInput("queue.status.invalid", value=echo(text))
    return status


def status_name(status: str, language: str) -> str:
    """The status as people read it: *disponível*, *ocupado*, *ausente*."""
    return t(f"queue.status.name.{status}", language)


def _set(uow: UnitOfWork, consultant: Consultant, status: ConsultantStatus, core: Core) -> None:
    change_status(uow, consultant, status, core.clock.now())


_STATUS_WRITES = Writes(SET_AND_LOG_STATUS, (SET_STATUS, LOG_STATUS))
"""A status and its history entry (``core.consultants``), with the messages."""


@entry
async def set_status(
    core: Core,
    consultant_key: str,
    status: str,
    *,
    inbound: tuple[str, str] | None = None,
) -> str:
    """``/consultor <status>``; becoming *disponível* brings an offer of the oldest request.

    The consultant is told by direct message (before any offer); the same text is returned, for
    an answer where the command was typed (None, through ``entry``, for a repeated delivery)."""
    wanted = parse_status(status)
    async with core.transaction(inbound) as uow:
        # One read (the consultant locked, their sessions, the oldest request for them), then
        # the status, its history, the message and any offer: one statement on PostgreSQL.
        found = await claimant_with_oldest(uow, consultant_key)
        consultant = active_claimant(found.consultant if found else None, consultant_key)
        assert found is not None and consultant.id is not None
        sessions = found.open_sessions
        language = core.config.language
        if wanted is ConsultantStatus.AVAILABLE and sessions >= consultant.max_sessions:
            target = ConsultantStatus.BUSY
            text = t("queue.status.still_busy", language, count=sessions)
        else:
            target = wanted
            text = t("queue.status.changed", language, status=status_name(wanted.value, language))
        posts = [Post(consultant_address(consultant, core.config), OutboundMessage(text))]
        if target == ConsultantStatus.AVAILABLE and found.oldest is not None:
            request, company, contact = found.oldest
            posts.append(offer_post(core, request, company, contact, consultant))
        values = status_values(consultant, target, core.clock.now())
        if values is None:
            await send_all(uow, core.clock, posts)
        else:  # the status, its history and the messages: one statement on PostgreSQL
            await write_with_posts(uow, core, posts, _STATUS_WRITES, values)
            status_written(consultant, values)
        logger.info("consultant %s is now %s", consultant.id, consultant.status)
    return text


async def on_consultant_freed(uow: UnitOfWork, core: Core, consultant_id: int) -> None:
    """A session of theirs ended or moved: *disponível* and an offer, unless away or still full."""
    consultant = await uow.session.get(Consultant, consultant_id)
    if consultant is None or not consultant.active:
        return
    if consultant.status == ConsultantStatus.AWAY:
        return
    if await open_sessions_of(uow, consultant_id) >= consultant.max_sessions:
        _set(uow, consultant, ConsultantStatus.BUSY, core)
        uow.session.add(consultant)
        await uow.session.flush()
        return
    _set(uow, consultant, ConsultantStatus.AVAILABLE, core)
    uow.session.add(consultant)
    await uow.session.flush()
    await offer_oldest(uow, core, consultant)


async def free_after_session(uow: UnitOfWork, core: Core, event: SessionEnded) -> None:
    """A session ended: each consultant who was in it is free again (and offered the next)."""
    for consultant_id in event.freed:
        await on_consultant_freed(uow, core, consultant_id)


async def free_after_transfer(uow: UnitOfWork, core: Core, event: ConsultantFreed) -> None:
    """A session moved to someone else: its former lead is free again."""
    await on_consultant_freed(uow, core, event.consultant_id)


async def status_report(uow: UnitOfWork, core: Core, consultant_key: str) -> str:
    """``/consultor status``: status, open sessions, requests waiting in their areas."""
    consultant = await claimant(uow, consultant_key)
    assert consultant.id is not None
    language = core.config.language
    areas_statement = select(ConsultantArea.area).where(
        col(ConsultantArea.consultant_id) == consultant.id
    )
    areas = sorted((await uow.session.exec(areas_statement)).all())
    sessions_statement = (
        select(ConsultingSession, Contact, Company)
        .join(Contact, col(Contact.id) == col(ConsultingSession.contact_id))
        .join(Company, col(Company.id) == col(ConsultingSession.company_id))
        .where(col(ConsultingSession.consultant_id) == consultant.id)
        .where(col(ConsultingSession.status) == SessionStatus.OPEN)
        .order_by(col(ConsultingSession.started_at))
    )
    sessions = (await uow.session.exec(sessions_statement)).all()
    matching = col(Request.area).is_(None) | col(Request.area).in_(areas)
    waiting_statement = select(func.count(), func.min(Request.queued_at)).where(
        *waiting(), matching
    )
    count, oldest = (await uow.session.exec(waiting_statement)).one()
    lines = [
        t(
            "queue.status.report",
            language,
            status=status_name(consultant.status, language),
            open=len(sessions),
            limit=consultant.max_sessions,
            areas=", ".join(areas) or "-",
            waiting=int(count),
        )
    ]
    if oldest is not None:
        lines.append(t("queue.status.oldest", language, time=local_time(core, oldest)))
    for session, contact, company in sessions:
        lines.append(
            t(
                "queue.status.session_line",
                language,
                session=session.id,
                contact=display_name(contact),
                company=company.name,
                time=local_time(core, session.started_at),
            )
        )
    return "\n".join(lines)

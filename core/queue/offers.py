"""Offering waiting requests to free consultants by direct message (SPEC 6).

A consultant is *free* for a request when active, *disponível*, under their session limit, and
serving the request's area (a request of unknown area suits everyone). A consultant may still take
any request from the requests channel; offers only go by area.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, String, bindparam
from sqlalchemy import select as sa_select
from sqlmodel import col, func, select

from core.cards import REQUEST_OFFER, card_address, offer_message
from core.contacts import consultant_address
from core.context import Core
from core.db import UnitOfWork
from core.messages import t
from core.models import (
    Company,
    Consultant,
    ConsultantArea,
    ConsultantStatus,
    ConsultingSession,
    Contact,
    Outbound,
    Request,
    SessionStatus,
)
from core.outbox import OutboundMessage, Post, send, send_all
from core.queue.positions import AREA, waiting

logger = logging.getLogger(__name__)


def _open_sessions() -> ColumnElement[int]:
    """A correlated scalar subquery: the open sessions the row's consultant leads."""
    return (
        select(func.count())
        .select_from(ConsultingSession)
        .where(col(ConsultingSession.consultant_id) == col(Consultant.id))
        .where(col(ConsultingSession.status) == SessionStatus.OPEN)
        .scalar_subquery()
    )


def free_ids(area_known: bool) -> Select[Any]:
    """The ids of the active, *disponível* consultants under their limit who serve ``AREA``
    (any area when not ``area_known``)."""
    statement = (
        sa_select(col(Consultant.id))
        .where(col(Consultant.active).is_(True))
        .where(col(Consultant.status) == ConsultantStatus.AVAILABLE)
        .where(_open_sessions() < col(Consultant.max_sessions))
    )
    if area_known:
        serving = select(ConsultantArea.consultant_id).where(col(ConsultantArea.area) == AREA)
        statement = statement.where(col(Consultant.id).in_(serving))
    return statement


_FREE = {
    known: select(Consultant)
    .where(col(Consultant.id).in_(free_ids(known)))
    .order_by(col(Consultant.status_changed_at), col(Consultant.id))
    for known in (False, True)
}


async def free_consultants(uow: UnitOfWork, area: str | None) -> list[Consultant]:
    """Active, *disponível* consultants under their limit who serve ``area`` (None: any)."""
    found = await uow.session.execute(_FREE[area is not None], {"area": area})
    return list(found.scalars().all())


def offer_post(
    core: Core, request: Request, company: Company, contact: Contact, consultant: Consultant
) -> Post:
    """The direct message offering ``request`` to the consultant, with *Aceitar*."""
    return Post(
        consultant_address(consultant, core.config),
        offer_message(core, request, company, contact),
        purpose=REQUEST_OFFER,
        subject_id=request.id,
    )


async def offer_to_free_consultants(
    uow: UnitOfWork,
    core: Core,
    request: Request,
    people: tuple[Company, Contact] | None = None,
) -> int:
    """Offer ``request`` to every free consultant of its area; return how many were offered.

    ``people``: the request's company and contact when the caller has them already.
    """
    consultants = await free_consultants(uow, request.area)
    if not consultants:
        return 0
    if people is None:
        company = await uow.session.get(Company, request.company_id)
        contact = await uow.session.get(Contact, request.contact_id)
        assert company is not None and contact is not None
    else:
        company, contact = people
    await send_all(uow, core.clock, offer_posts(core, request, (company, contact), consultants))
    return len(consultants)


def offer_posts(
    core: Core,
    request: Request,
    people: tuple[Company, Contact],
    consultants: Sequence[Consultant],
) -> list[Post]:
    """The offers of ``request`` (its company and contact: ``people``) to ``consultants``."""
    company, contact = people
    return [offer_post(core, request, company, contact, c) for c in consultants]


CONSULTANT = bindparam("consultant", type_=Integer())
STAFF = bindparam("staff", type_=String())


def oldest_id_for(consultant: Any = CONSULTANT) -> ColumnElement[int]:
    """A scalar subquery: the oldest waiting request's id in the areas of ``consultant`` (a
    column, or the ``CONSULTANT`` parameter), or of unknown area; the first entry of the queue
    index that matches."""
    areas = (
        select(ConsultantArea.area)
        .where(col(ConsultantArea.consultant_id) == consultant)
        # explicit: two levels down, auto-correlation would not reach the claimant's row and
        # the areas would be every consultant's
        .correlate(Consultant)
    )
    return (
        sa_select(col(Request.id))
        .where(*waiting())
        .where(col(Request.area).is_(None) | col(Request.area).in_(areas))
        .order_by(col(Request.queued_at), col(Request.id))
        .limit(1)
        .correlate(Consultant)
        .scalar_subquery()
    )


_OLDEST = (
    select(Request, Company, Contact)
    .join(Company, col(Company.id) == col(Request.company_id))
    .join(Contact, col(Contact.id) == col(Request.contact_id))
    .where(*waiting())
    .where(
        col(Request.area).is_(None)
        | col(Request.area).in_(
            select(ConsultantArea.area).where(col(ConsultantArea.consultant_id) == CONSULTANT)
        )
    )
    .order_by(col(Request.queued_at), col(Request.id))
    .limit(1)
)


async def oldest_waiting_for(
    uow: UnitOfWork, consultant_id: int
) -> tuple[Request, Company, Contact] | None:
    """The oldest waiting request in the consultant's areas (or of unknown area), with its people.

    One statement: the first row of ``ix_request_queue`` in the consultant's areas, joined.
    """
    found = (await uow.session.execute(_OLDEST, {"consultant": consultant_id})).first()
    return None if found is None else (found[0], found[1], found[2])


@dataclass(frozen=True)
class Claimant:
    """A consultant read (row locked) with their open sessions and the oldest request for them."""

    consultant: Consultant
    open_sessions: int
    oldest: tuple[Request, Company, Contact] | None


_CLAIMANT = (
    sa_select(Consultant, _open_sessions(), Request, Company, Contact)
    .select_from(Consultant)
    .outerjoin(Request, col(Request.id) == oldest_id_for(col(Consultant.id)))
    .outerjoin(Company, col(Company.id) == col(Request.company_id))
    .outerjoin(Contact, col(Contact.id) == col(Request.contact_id))
    .where(col(Consultant.staff_key) == STAFF)
    .with_for_update(of=Consultant)
)


async def claimant_with_oldest(uow: UnitOfWork, staff_key: str) -> Claimant | None:
    """The consultant with this staff key (row locked), their open sessions and the oldest
    waiting request of their areas with its people: one statement (None: no such consultant)."""
    values = {"staff": staff_key.strip().upper()}
    found = (await uow.session.execute(_CLAIMANT, values)).first()
    if found is None:
        return None
    consultant, count, request, company, contact = found
    people = None
    if request is not None and company is not None and contact is not None:
        people = (request, company, contact)
    return Claimant(consultant, int(count), people)


async def offer_oldest(
    uow: UnitOfWork, core: Core, consultant: Consultant, before: Sequence[Post] = ()
) -> Request | None:
    """Offer the free consultant the oldest waiting request of their areas, if there is one.

    ``before``: posts to write first, in the same statement as the offer.
    """
    assert consultant.id is not None
    found = await oldest_waiting_for(uow, consultant.id)
    posts = list(before)
    if found is not None:
        request, company, contact = found
        posts.append(offer_post(core, request, company, contact, consultant))
    await send_all(uow, core.clock, posts)
    return None if found is None else found[0]


async def close_offers(uow: UnitOfWork, core: Core, request_id: int, outcome: str) -> None:
    """Edit every offer of the request in place: ``outcome`` instead of the *Aceitar* button."""
    statement = (
        select(Outbound)
        .where(col(Outbound.purpose) == REQUEST_OFFER, col(Outbound.subject_id) == request_id)
        .where(col(Outbound.edit_of_id).is_(None))
        .order_by(col(Outbound.id))
    )
    text = t("queue.offer.gone", core.config.language, id=request_id, outcome=outcome)
    for row in (await uow.session.exec(statement)).all():
        await send(
            uow,
            core.clock,
            card_address(row),
            OutboundMessage(text),
            purpose=REQUEST_OFFER,
            subject_id=request_id,
            edit_of=row.id,
        )

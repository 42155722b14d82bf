"""Handing a converted support chat over to a consultant (the service guide: the attendant
"explicará o serviço e o encaminhará para um consultor disponível").

When converting, the attendant picks the area (or none: any consultant) and may keep the client
when they are a consultant of that area themselves; the choice waits on the request
(``Request.area``, ``Request.taken_by_id`` = the consultant who keeps it). On the client's
acceptance:

- **kept**: the same session goes on as consulting led by that consultant, billed from the
  acceptance, with the full session controls posted in its thread;
- **handed over**: the request joins the consulting queue of its area at the time its client
  came in (so ahead of everyone who came later), with its card and offers to the free
  consultants of the area; the support conversation so far is posted in the card's thread (the
  thread the session moves to on the claim); the session stays free support with the attendant
  until a consultant claims it, and billing starts at that claim (``core.queue`` claim ->
  ``core.sessions.take_over_session``).
"""

from __future__ import annotations

import logging

from sqlmodel import col, select

from core.billing import format_brl
from core.cards import area_label
from core.consultants import consultant_areas, consultant_by_staff_key
from core.contacts import contact_language
from core.context import Core
from core.db import UnitOfWork
from core.errors import Conflict, Forbidden, InvalidInput
from core.intake import say
from core.messages import t
from core.models import (
    Consent,
    Consultant,
    ConsultingSession,
    Contact,
    Outbound,
    Request,
    RequestKind,
    StaffRole,
)
from core.outbox import REQUEST_CARD, OutboundMessage, latest_outbound, send
from core.queue import join_queue
from core.sessions import RELAY, SESSION_CONTROLS, session_controls, thread_post
from core.staff import has_role
from core.timefmt import format_time

logger = logging.getLogger(__name__)

TRANSCRIPT_LINES = 60
"""The newest lines of the support conversation copied into the consultant's thread."""
TRANSCRIPT_CHARS = 3500
"""At most this many characters of them (one Slack message)."""


async def check_may_convert(uow: UnitOfWork, staff_key: str) -> None:
    """Forbidden unless ``staff_key`` is a support attendant or a consultant."""
    if await has_role(uow, staff_key, StaffRole.SUPPORT):
        return
    if await consultant_by_staff_key(uow, staff_key) is None:
        raise Forbidden("support.forbidden")


def chosen_area(core: Core, area: str | None) -> str | None:
    """``area`` as configured (None: any consultant); InvalidInput for an unknown one."""
    if area is None or not area.strip():
        return None
    for known in core.config.areas:
        if known.casefold() == area.strip().casefold():
            return known
    raise InvalidInput("support.handover.unknown_area", area=area[:64])


async def keeper_id(uow: UnitOfWork, staff_key: str, area: str | None) -> int:
    """The consultant ``staff_key`` keeping the client: active, and serving ``area``."""
    consultant = await consultant_by_staff_key(uow, staff_key)
    if consultant is None or not consultant.active or consultant.id is None:
        raise Forbidden("support.handover.keep_not_consultant")
    if area is not None and area not in await consultant_areas(uow, consultant.id):
        raise Forbidden("support.handover.keep_other_area", area=area)
    return consultant.id


def not_handed_over(request: Request) -> None:
    """Conflict when the support chat's request was already handed over to the consultants."""
    if request.kind == RequestKind.CONSULTING:
        raise Conflict("support.handover.already", id=request.id)


async def plan_note(uow: UnitOfWork, core: Core, request: Request) -> str:
    """What happens on the client's acceptance, for the support thread."""
    language = core.config.language
    if request.taken_by_id is not None:
        keeper = await uow.session.get(Consultant, request.taken_by_id)
        name = keeper.name if keeper is not None else "?"
        return t("support.handover.plan_keep", language, name=name)
    area = area_label(request.area, language, core.config)
    return t("support.handover.plan_queue", language, area=area)


async def keep_with_consultant(
    uow: UnitOfWork,
    core: Core,
    session: ConsultingSession,
    request: Request,
    consent: Consent,
) -> None:
    """The attendant keeps the client: consulting led by them, billed from now."""
    assert session.id is not None
    now = core.clock.now()
    session.kind = request.kind = RequestKind.CONSULTING
    session.billing_started_at = now
    session.consultant_id = request.taken_by_id
    request.taken_at = now
    request.updated_at = now
    uow.session.add_all([session, request])
    await uow.session.flush()
    language = core.config.language
    text = t(
        "support.converted.thread",
        language,
        time=format_time(now.astimezone(core.config.timezone)),
        rate=format_brl(consent.rate_cents_shown, language),
    )
    controls = session_controls(session.id, language, booked=False)
    message = OutboundMessage(text, choices=controls)
    await thread_post(uow, core, session, message, purpose=SESSION_CONTROLS)


async def hand_over(
    uow: UnitOfWork, core: Core, contact: Contact, session: ConsultingSession, request: Request
) -> None:
    """Queue the request for the consultants of its area; the session stays free until claimed."""
    assert session.id is not None and request.id is not None
    request.kind = RequestKind.CONSULTING
    request.taken_by_id = None
    uow.session.add(request)
    await join_queue(uow, core, request, queued_at=session.started_at)
    await _copy_conversation(uow, core, session, request)
    area = area_label(request.area, contact_language(contact, core.config), core.config)
    await say(uow, core, contact, "support.handover.client", area=area)
    staff_language = core.config.language
    text = t(
        "support.handover.thread",
        staff_language,
        id=request.id,
        area=area_label(request.area, staff_language, core.config),
    )
    await thread_post(uow, core, session, OutboundMessage(text))
    logger.info("support session %s handed over as request %s", session.id, request.id)


async def _copy_conversation(
    uow: UnitOfWork, core: Core, session: ConsultingSession, request: Request
) -> None:
    """The support conversation so far, as one message in the new request card's thread."""
    assert request.id is not None
    statement = (
        select(Outbound.payload)
        .where(col(Outbound.purpose) == RELAY, col(Outbound.subject_id) == session.id)
        .where(col(Outbound.edit_of_id).is_(None))
        .order_by(col(Outbound.id).desc())
        .limit(TRANSCRIPT_LINES)
    )
    lines = [str(p.get("text", "")) for p in reversed((await uow.session.exec(statement)).all())]
    language = core.config.language
    body = "\n".join(line for line in lines if line) or t("support.handover.no_history", language)
    if len(body) > TRANSCRIPT_CHARS:
        body = "…" + body[-TRANSCRIPT_CHARS:]
    card = await latest_outbound(uow, REQUEST_CARD, request.id)
    assert card is not None
    message = OutboundMessage(t("support.handover.history", language, lines=body))
    await send(
        uow,
        core.clock,
        core.config.staff.requests,
        message,
        purpose=RELAY,
        subject_id=session.id,
        thread_of=card.id,
    )

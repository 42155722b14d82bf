"""Closing time (12:00, 18:00, the eve of a holiday): nobody is left waiting without knowing.

A timer runs at every closing. Each client still in the queue is told at once, with the next
opening, and chooses: keep their place (served first, in order, when we open), book a slot or
leave. The consultants of sessions still open are reminded that the session goes on past
closing. Then the next closing is scheduled. The timer is made sure of at start-up
(:func:`ensure_closing_timer`).
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from core.cards import opening_params
from core.contacts import (
    consultant_address,
    contact_address,
    contact_language,
)
from core.context import Core, entry
from core.db import UnitOfWork
from core.messages import t
from core.models import (
    Consultant,
    ConsultingSession,
    Contact,
    Request,
    RequestKind,
    RequestStatus,
    SessionStatus,
    Timer,
    TimerStatus,
)
from core.outbox import Address, Choice, OutboundMessage, Post, send, send_all
from core.queue.leave import waiting_request_of
from core.sessions import contact_label
from core.timers import schedule

logger = logging.getLogger(__name__)

CLOSING = "queue.closing"
"""Timer kind: the service closes now (no subject; one pending at a time)."""


async def _tell_waiting(uow: UnitOfWork, core: Core) -> list[Post]:
    """Each waiting client's closing message, with the choices (one query)."""
    statement = (
        select(Request, Contact)
        .join(Contact, col(Contact.id) == col(Request.contact_id))
        .where(col(Request.status) == RequestStatus.QUEUED)
        .where(col(Request.kind) == RequestKind.CONSULTING)
        .order_by(col(Request.queued_at), col(Request.id))
    )
    posts: list[Post] = []
    for request, contact in (await uow.session.exec(statement)).all():
        language = contact_language(contact, core.config)
        choices = (
            Choice(f"keep:{request.id}", t("queue.closing.keep", language), "primary"),
            Choice(f"tobook:{request.id}", t("queue.client.to_booking", language)),
            Choice(f"leave:{request.id}", t("queue.client.leave", language), "danger"),
        )
        text = t("queue.closing.client", language, **opening_params(core, language))
        posts.append(Post(contact_address(contact), OutboundMessage(text, choices)))
    return posts


async def _remind_consultants(uow: UnitOfWork, core: Core) -> list[Post]:
    """A reminder to the consultant of each consulting session still open (one query)."""
    statement = (
        select(ConsultingSession, Consultant, Contact)
        .join(Consultant, col(Consultant.id) == col(ConsultingSession.consultant_id))
        .join(Contact, col(Contact.id) == col(ConsultingSession.contact_id))
        .where(col(ConsultingSession.status) == SessionStatus.OPEN)
        .where(col(ConsultingSession.kind) == RequestKind.CONSULTING)
    )
    language = core.config.language
    return [
        Post(
            consultant_address(consultant, core.config),
            OutboundMessage(
                t(
                    "queue.closing.consultant",
                    language,
                    session=session.id,
                    client=contact_label(contact),
                )
            ),
        )
        for session, consultant, contact in (await uow.session.exec(statement)).all()
    ]


async def on_closing(uow: UnitOfWork, core: Core, timer: Timer) -> None:
    """Timer handler: tell the queue and the open sessions' consultants; schedule the next."""
    del timer
    now = core.clock.now()
    if not core.config.hours.is_open(now):  # late after a restart into open hours: say nothing
        waiting = await _tell_waiting(uow, core)
        await send_all(uow, core.clock, waiting + await _remind_consultants(uow, core))
        logger.info("closing: %s waiting clients told", len(waiting))
    following = core.config.hours.next_closing(now)
    await schedule(uow, core.clock, CLOSING, following, dedupe_key=CLOSING)


async def ensure_closing_timer(core: Core) -> None:
    """Make sure the next closing is scheduled (idempotent)."""
    try:
        async with core.transaction() as uow:
            existing = (
                await uow.session.exec(select(Timer).where(Timer.dedupe_key == CLOSING))
            ).first()
            if existing is not None and existing.status == TimerStatus.PENDING:
                return
            due = core.config.hours.next_closing(core.clock.now())
            await schedule(uow, core.clock, CLOSING, due, dedupe_key=CLOSING)
    except IntegrityError:
        logger.debug("closing timer created by another process at the same time")


@entry
async def keep_place(
    core: Core, address: Address, request_id: int, inbound: tuple[str, str] | None = None
) -> None:
    """*Manter meu lugar*: the client stays queued and is served in order when we open."""
    async with core.transaction(inbound) as uow:
        contact, request = await waiting_request_of(uow, address, request_id)
        language = contact_language(contact, core.config)
        opening = opening_params(core, language)
        text = t("queue.closing.kept", language, id=request.id, **opening)
        await send(uow, core.clock, contact_address(contact), OutboundMessage(text))

"""A booked session bills from the moment both are present, not from the slot's start.

The consultant is there when the session starts; the client counts as present at their first
message in the session, at their acceptance of the terms, or when the consultant says so
(*Cliente presente*, ``present:<session>``: a phone call does not show in the chat). Billing
starts then, if the client has accepted the terms; a late arrival is written in the thread
with its delay (the delay stays readable: billing start minus the booked start).
"""

from __future__ import annotations

import math

from core.billing_records import accepted_consent
from core.context import Core, entry
from core.db import UnitOfWork
from core.errors import Conflict, Forbidden
from core.models import Booking, ConsultingSession
from core.outbox import OutboundMessage
from core.sessions.common import (
    load_session,
    may_act,
    normalised_staff_key,
    require_open,
    staff_text,
    thread_post,
)
from core.timefmt import format_time

PRESENT = "present"
"""Action verb of the consultant's *Cliente presente* (``present:<session>``)."""


def awaits_client(session: ConsultingSession) -> bool:
    """A booked session whose client has not shown up yet."""
    return session.booking_id is not None and session.client_present_at is None


def presence_settled(booked: bool, present: bool, billing: bool) -> bool:
    """Nothing left for :func:`client_present` to do: the session is not booked, or its client
    is present and billed already (every later message of theirs costs nothing)."""
    return not booked or (present and billing)


async def client_present(uow: UnitOfWork, core: Core, session: ConsultingSession) -> None:
    """The booked session's client is there: presence recorded (with any delay) and billing
    started if the terms are accepted; later calls only start billing at the acceptance."""
    first_time = session.client_present_at is None
    booked, billed = session.booking_id is not None, session.billing_started_at is not None
    if presence_settled(booked, not first_time, billed):
        return
    now = core.clock.now()
    consent = await accepted_consent(uow, session.contact_id, session.request_id)
    starts_billing = session.billing_started_at is None and consent is not None
    if not first_time and not starts_billing:
        return
    if first_time:
        session.client_present_at = now
    if starts_billing:
        session.billing_started_at = now
    uow.session.add(session)
    await uow.session.flush()
    time = format_time(now.astimezone(core.config.timezone))
    if not first_time:
        text = staff_text(core, "sessions.presence.billing_now", time=time)
    else:
        booking = await uow.session.get(Booking, session.booking_id)
        late = 0 if booking is None else math.floor((now - booking.starts_at).total_seconds() / 60)
        key = "sessions.presence.late" if late >= 1 else "sessions.presence.on_time"
        billing = (
            "sessions.presence.billing_now" if starts_billing else "sessions.presence.no_terms"
        )
        text = (
            staff_text(core, key, time=time, late=late) + " " + staff_text(core, billing, time=time)
        )
    await thread_post(uow, core, session, OutboundMessage(text))


@entry
async def mark_client_present(
    core: Core, session_id: int, *, by_staff_key: str, inbound: tuple[str, str] | None = None
) -> None:
    """*Cliente presente* (a participant): billing of the booked session starts now."""
    async with core.transaction(inbound) as uow:
        session = await load_session(uow, session_id)
        require_open(core, session)
        if not await may_act(uow, session, normalised_staff_key(by_staff_key)):
            raise Forbidden("sessions.not_participant", id=session_id)
        if not awaits_client(session):
            raise Conflict("sessions.presence.already")
        await client_present(uow, core, session)

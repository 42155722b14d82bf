"""Invites: a booking's event as a file riding on its notices (``Attachment`` of the
``calendar`` document channel), built when a sender fetches it.

The reference is ``<booking id>:<sequence>:<client|staff>``. The file is built from the booking as
it is when sent: a notice still waiting while the booking moved again carries the newer version
(same UID, the higher SEQUENCE), which a calendar takes anyway. A cancelled booking's invite is a
``METHOD:CANCEL``; otherwise ``METHOD:REQUEST``.
"""

from __future__ import annotations

import re

from core.calendar.events import (
    Audience,
    CalendarData,
    Method,
    audience_language,
    booking_event,
    booking_parties,
)
from core.context import CoreConfig
from core.db import UnitOfWork
from core.messages import t
from core.models import Booking, BookingStatus
from core.outbox import Attachment

CALENDAR_DOCUMENT = "calendar"
"""``Attachment.channel`` of an invite (a file source serves it)."""
ICS_MIME = "text/calendar"
_REF = re.compile(r"^([1-9][0-9]{0,11}):([0-9]{1,9}):(client|staff)$")


def bump_sequence(booking: Booking) -> None:
    """A new version of the booking's event (moved, changed or cancelled)."""
    booking.calendar_sequence = (booking.calendar_sequence or 0) + 1


def invite_attachment(booking: Booking, audience: Audience, language: str) -> Attachment:
    """The booking's invite, as it is now, for ``audience``."""
    assert booking.id is not None
    stem = t("calendar.file_stem", language)
    return Attachment(
        kind="document",
        channel=CALENDAR_DOCUMENT,
        ref=f"{booking.id}:{booking.calendar_sequence}:{audience.value}",
        name=f"{stem}-{booking.id}.ics",
        mime_type=ICS_MIME,
    )


def parse_invite_ref(ref: str) -> tuple[int, int, Audience] | None:
    """(booking id, sequence, audience) of an invite reference; None when malformed."""
    found = _REF.match(ref or "")
    if found is None:
        return None
    return int(found[1]), int(found[2]), Audience(found[3])


async def booking_invite(
    uow: UnitOfWork, config: CoreConfig, booking_id: int, audience: Audience
) -> CalendarData | None:
    """The invite of booking ``booking_id`` for ``audience``; None when there is no booking."""
    booking = await uow.session.get(Booking, booking_id)
    if booking is None:
        return None
    who = await booking_parties(uow, booking)
    event = booking_event(booking, who, audience, config)
    cancelled = booking.status == BookingStatus.CANCELLED
    return CalendarData(
        uid=event.uid,
        name=t("calendar.name", audience_language(who, audience, config)),
        method=Method.CANCEL if cancelled else Method.REQUEST,
        language=audience_language(who, audience, config),
        timezone=config.timezone,
        events=(event,),
    )

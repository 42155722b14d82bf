"""Booking rules: who may book what, media, durations, areas, and the client at an address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from sqlmodel import select

from core.connection import BOOKING_MEDIA, find_medium
from core.contacts import find_contact
from core.context import Core
from core.db import UnitOfWork
from core.errors import Forbidden, InvalidInput, NotFound
from core.messages import echo
from core.models import (
    Booking,
    BookingStatus,
    Consultant,
    Contact,
    StaffRole,
)
from core.outbox import Address
from core.staff import has_role
from core.text import folded

MEDIA: tuple[str, ...] = BOOKING_MEDIA
"""The media of a booked session, as stored (SPEC 5, step 6): ``core.connection.BOOKING_MEDIA``."""
MAX_DURATION = timedelta(hours=4)
ACTIVE_BOOKING_STATUSES = (BookingStatus.SCHEDULED, BookingStatus.STARTED)
_UNKNOWN_AREAS = {"", "nao sei", "não sei", "i don't know", "dont know", "any", "qualquer"}


@dataclass(frozen=True)
class Actor:
    """Who acts on a booking: a client (``contact_id``), a Slack user (``staff_key``) or an API
    integration (``label``: its token's name; it books as a secretary does)."""

    kind: str  # "client" | "staff" | "api"
    contact_id: int | None = None
    staff_key: str | None = None
    label: str | None = None

    def __post_init__(self) -> None:
        if self.kind == "client" and self.contact_id is None:
            raise ValueError("a client actor needs contact_id")
        if self.kind == "staff" and not self.staff_key:
            raise ValueError("a staff actor needs staff_key")
        if self.kind == "api" and not self.label:
            raise ValueError("an api actor needs label")
        if self.kind not in ("client", "staff", "api"):
            raise ValueError(f"unknown actor kind {self.kind!r}")

    @staticmethod
    def client(contact_id: int) -> Actor:
        """A client acting for themselves."""
        return Actor("client", contact_id=contact_id)

    @staticmethod
    def staff(staff_key: str) -> Actor:
        """A Slack user (secretary, admin or consultant)."""
        return Actor("staff", staff_key=staff_key.strip().upper())

    @staticmethod
    def api(label: str) -> Actor:
        """An integration through the REST API, named by its token's name."""
        return Actor("api", label=label[:64])

    def ref(self) -> str:
        """What is stored as ``created_by_ref``."""
        if self.kind == "client":
            return str(self.contact_id)
        return str(self.label) if self.kind == "api" else str(self.staff_key)


@dataclass(frozen=True)
class Authority:
    """What an actor may do: a client, a secretary (or admin), or a consultant for themselves."""

    role: str  # "client" | "secretary" | "consultant"
    actor: Actor
    consultant_id: int | None = None  # the acting consultant's own id

    @property
    def is_staff(self) -> bool:
        """Secretaries and consultants (the cut-off does not bind them)."""
        return self.role != "client"


BookingAction = Literal["book", "list", "cancel", "move"]
"""What a staff member tries to do, so a refusal names it."""

_FORBIDDEN = {
    "book": "booking.forbidden_staff",
    "list": "booking.forbidden_staff_list",
    "cancel": "booking.forbidden_staff_cancel",
    "move": "booking.forbidden_staff_move",
}


async def authority(uow: UnitOfWork, by: Actor, action: BookingAction = "book") -> Authority:
    """The actor's role; Forbidden (naming ``action``) for a Slack user neither secretary nor
    consultant."""
    if by.kind == "client":
        return Authority("client", by)
    if by.kind == "api":  # a token with bookings:write: the adapter checked the scope
        return Authority("secretary", by)
    assert by.staff_key is not None
    if await has_role(uow, by.staff_key, StaffRole.SECRETARY):
        return Authority("secretary", by)
    consultant = (
        await uow.session.exec(select(Consultant).where(Consultant.staff_key == by.staff_key))
    ).first()
    if consultant is not None and consultant.active:
        return Authority("consultant", by, consultant.id)
    raise Forbidden(_FORBIDDEN[action])


def may_touch(auth: Authority, booking: Booking) -> bool:
    """A client their own bookings, a consultant the ones they give, a secretary every one."""
    if auth.role == "secretary":
        return True
    if auth.role == "consultant":
        return booking.consultant_id == auth.consultant_id
    return booking.contact_id == auth.actor.contact_id


def normalise_medium(text: str) -> str:
    """One of ``MEDIA`` from any case or a short form (``tv``, ``ts``, ``fone``...)."""
    medium = find_medium(text)
    if medium is None or medium not in BOOKING_MEDIA:
        raise InvalidInput("booking.unknown_medium", value=echo(text), valid=", ".join(MEDIA))
    return medium.value


def check_duration(core: Core, duration: timedelta) -> int:
    """The duration in minutes: a positive multiple of the billing period, at most 4 hours."""
    period = core.config.policy.period_minutes
    minutes = duration / timedelta(minutes=1)
    if minutes <= 0 or minutes % period or duration > MAX_DURATION:
        raise InvalidInput(
            "booking.bad_duration",
            minutes=f"{minutes:g}",
            period=period,
            maximum=int(MAX_DURATION / timedelta(minutes=1)),
        )
    return int(minutes)


def match_area(core: Core, area: str | None, *, strict: bool = True) -> str | None:
    """The configured spelling of ``area``; None for no area or "não sei" (and, lax, unknown)."""
    if area is None or folded(area) in _UNKNOWN_AREAS:
        return None
    for known in core.config.areas:
        if folded(known) == folded(area):
            return known
    if strict:
        raise InvalidInput(
            "booking.unknown_area", area=echo(area), valid=", ".join(core.config.areas)
        )
    return None


async def contact_at(uow: UnitOfWork, address: Address) -> Contact:
    """The linked contact reached at ``address``; NotFound when unknown or not linked."""
    contact = await find_contact(uow, address)
    if contact is None or contact.company_id is None:
        raise NotFound("booking.unknown_client")
    return contact

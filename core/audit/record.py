"""Writing the audit log: reactions to the core's events, in the acting unit of work.

An :class:`~core.events.Administered` event becomes one row as it is; a booking made by staff
or an integration for a client (``BookingCreated`` of a booking not created by the client) becomes
a ``booking.made_for_client`` row. Rows are only ever added: there is no update or delete here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import col, select

from core.context import Core
from core.db import UnitOfWork
from core.events import Acting, Administered, BookingCreated, Event, Operator
from core.models import AuditEntry, Booking, Consultant, StaffMember, WebAccount

BOOKING_FOR_CLIENT = "booking.made_for_client"


def acting(core: Core, uow: UnitOfWork, operator: Operator) -> Acting:
    """``operator`` acting in ``uow``: what an administrative operation takes to be audited."""

    async def publish(event: Event) -> None:
        await core.publish(uow, event)

    return Acting(operator, publish)


def _json(details: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
        for key, value in details.items()
    }


async def append(
    uow: UnitOfWork,
    core: Core,
    operator: Operator,
    action: str,
    target: tuple[str, str],
    details: Mapping[str, Any],
) -> AuditEntry:
    """Add one audit row in ``uow`` (the only write the audit log knows)."""
    entry = AuditEntry(
        at=core.clock.now(),
        actor_kind=operator.kind[:16],
        actor_ref=operator.ref[:128],
        actor_name=(operator.name or operator.ref)[:128],
        action=action[:48],
        target_kind=target[0][:32],
        target_id=target[1][:64],
        details=_json(details),
    )
    uow.session.add(entry)
    await uow.session.flush()
    return entry


async def on_administered(uow: UnitOfWork, core: Core, event: Administered) -> None:
    """Event handler: record the administrative act."""
    await append(
        uow, core, event.operator, event.action, (event.target_kind, event.target_id), event.details
    )


async def staff_name(uow: UnitOfWork, staff_key: str) -> str:
    """The name staff member ``staff_key`` goes by (web account, role, consultant), else the key."""
    statements = (
        select(WebAccount.name).where(col(WebAccount.staff_key) == staff_key),
        select(StaffMember.name).where(col(StaffMember.staff_key) == staff_key),
        select(Consultant.name).where(col(Consultant.staff_key) == staff_key),
    )
    for statement in statements:
        for name in (await uow.session.exec(statement)).all():
            if name:
                return str(name)
    return staff_key


async def on_booking_created(uow: UnitOfWork, core: Core, event: BookingCreated) -> None:
    """Event handler: a booking made for a client by staff or an integration is recorded."""
    booking = await uow.session.get(Booking, event.booking_id)
    if booking is None or booking.created_by_kind == "client":
        return
    ref = booking.created_by_ref
    name = await staff_name(uow, ref) if booking.created_by_kind == "staff" else ref
    details = {
        "company_id": booking.company_id,
        "contact_id": booking.contact_id,
        "consultant_id": booking.consultant_id,
        "starts_at": booking.starts_at.isoformat(),
    }
    operator = Operator(booking.created_by_kind, ref, name)
    await append(uow, core, operator, BOOKING_FOR_CLIENT, ("booking", str(booking.id)), details)

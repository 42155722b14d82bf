"""The audit log: who did what among staff and admins, in an append-only table.

Core operations publish :class:`~core.events.Administered` when given an
:class:`~core.events.Acting` (built with :func:`acting`); bookings made for a client by staff or
an integration are seen through ``BookingCreated``. The handlers (:data:`AUDIT_HANDLERS`, which
``bot/`` subscribes) write the row in the acting transaction, so an entry exists exactly when its
fact was committed. Nothing here updates or deletes an entry.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from core.audit.log import (
    ACTIONS,
    EXPORT_COLUMNS,
    PAGE_SIZE,
    AuditFilter,
    AuditPage,
    audit_entries,
    audit_page,
    entry_data,
)
from core.audit.record import BOOKING_FOR_CLIENT, acting, on_administered, on_booking_created
from core.context import Core
from core.db import UnitOfWork
from core.events import Administered, BookingCreated, Event

AUDIT_HANDLERS: tuple[tuple[type[Event], Callable[[UnitOfWork, Core, Any], Awaitable[None]]], ...]
AUDIT_HANDLERS = ((Administered, on_administered), (BookingCreated, on_booking_created))
"""(event, handler) pairs the composition root subscribes."""

__all__ = [
    "ACTIONS",
    "AUDIT_HANDLERS",
    "BOOKING_FOR_CLIENT",
    "EXPORT_COLUMNS",
    "PAGE_SIZE",
    "AuditFilter",
    "AuditPage",
    "acting",
    "audit_entries",
    "audit_page",
    "entry_data",
]

"""The core's collaborators and rules' knobs, built once by ``bot/`` (or by tests with fakes)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import wraps
from typing import Any, ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from core.billing import BillingPolicy
from core.clock import Clock
from core.db import Database, UnitOfWork
from core.events import Event
from core.files import StoredFiles
from core.hours import OpeningHours
from core.inbound import first_delivery
from core.outbox import Address
from core.product_lines import ProductLines


@dataclass(frozen=True)
class StaffAddresses:
    """Where staff-side messages go (Slack channel ids, or another channel's addresses)."""

    requests: Address
    support: Address
    billing: Address
    onsite: Address
    links: Address


@dataclass(frozen=True)
class CoreConfig:
    """Every rule's setting the core needs; defaults follow the SPEC."""

    hours: OpeningHours
    staff: StaffAddresses
    language: str = "pt-BR"
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("America/Sao_Paulo"))
    policy: BillingPolicy = field(default_factory=BillingPolicy)
    areas: tuple[str, ...] = (
        "Manufatura",
        "Suprimentos",
        "Estoque",
        "Custos",
        "Comercial",
        "Financeiro",
        "Administrativo",
    )
    area_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Configured names of the areas per language (``{"en": {"Custos": "Costs"}}``); an area
    without one reads as ``core.messages``' default name, else as configured."""
    product_lines: ProductLines = field(default_factory=ProductLines)
    support_threshold: timedelta = timedelta(minutes=15)
    default_max_sessions: int = 1
    position_update_interval: timedelta = timedelta(seconds=60)
    unanswered_after: timedelta = timedelta(minutes=3)
    booking_cutoff: timedelta = timedelta(hours=2)
    reminders: tuple[timedelta, ...] = (timedelta(days=1), timedelta(minutes=15))
    booking_horizon_days: int = 10
    default_session_minutes: int = 30
    internal_note_marker: str = "//"
    more_info: str = ""
    """Where to learn more (phone, site), shown in the help on every channel; empty: nothing."""
    message_retention: timedelta = timedelta(hours=72)
    """How long relayed message contents are kept after delivery (core.privacy.retention purges)."""
    recap_retention: timedelta = timedelta(days=30)
    """How long a session recap the client asked for is kept (then the purge deletes it)."""
    telegram_bot_username: str = ""
    """The Telegram bot's username, for ``https://t.me/<username>?start=<code>`` links; empty:
    unknown (a session invitation then gives the code to type)."""
    web_chat_url: str = ""
    whatsapp_number: str = ""
    """The WhatsApp number clients write to (digits), for ``https://wa.me/<number>`` links; empty:
    WhatsApp off or no number configured."""
    email_enabled: bool = False
    """E-mail is configured: notices may also go to the contacts' and companies' addresses."""
    statements_by_email: bool = False
    """Each company's statement goes to its billing e-mail on the month's first working day."""
    calendar_domain: str = "consultoria.invalid"
    """The right side of the calendar events' UIDs (``booking-<id>@<domain>``): keep it stable."""
    calendar_feed_url: str = ""
    """Where the consultants' calendar feeds are served (``…/calendar``); empty: no HTTP server."""
    """The web chat's public address (``…/chat``) when the web channel is on; empty: off."""


class RepeatedDelivery(Exception):
    """The inbound delivery that started a transaction was seen before: nothing is done again."""


P = ParamSpec("P")
R = TypeVar("R")


def entry(service: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R | None]]:
    """Marks a service that opens its own transaction with ``core.transaction(inbound)``.

    A repeated inbound delivery (a platform's retry, a double tap) returns None and writes
    nothing; every other outcome, errors included, is the service's own.
    """

    @wraps(service)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return await service(*args, **kwargs)
        except RepeatedDelivery:
            return None

    return run


E = TypeVar("E", bound=Event)
EventHandler = Callable[[UnitOfWork, "Core", E], Awaitable[None]]


class EventBus:
    """Handlers by event type, subscribed once by the composition root."""

    def __init__(self) -> None:
        self._handlers: dict[type[Event], list[EventHandler[Any]]] = {}

    def subscribe(self, kind: type[E], handler: EventHandler[E]) -> None:
        """Run ``handler`` for every ``kind`` event published after this call."""
        self._handlers.setdefault(kind, []).append(handler)

    def handlers(self, kind: type[Event]) -> tuple[EventHandler[Any], ...]:
        """The handlers of ``kind``, in subscription order."""
        return tuple(self._handlers.get(kind, ()))

    async def publish(self, uow: UnitOfWork, core: Core, event: Event) -> None:
        """Run every handler of the event's type in the caller's unit of work."""
        for handler in self._handlers.get(type(event), ()):
            await handler(uow, core, event)


@dataclass
class Core:
    """Database, clock, configuration and event handlers: what every core service receives.

    Built by the composition root (``bot.wiring.build_core``), which subscribes the handlers.
    """

    db: Database
    clock: Clock
    config: CoreConfig
    events: EventBus
    files: StoredFiles = field(default_factory=StoredFiles)
    """Who deletes each channel's stored files (registered by the composition root)."""

    async def publish(self, uow: UnitOfWork, event: Event) -> None:
        """Handle ``event`` in ``uow`` (before its commit) with the subscribed handlers."""
        await self.events.publish(uow, self, event)

    @asynccontextmanager
    async def transaction(
        self, inbound: tuple[str, str] | None = None
    ) -> AsyncIterator[UnitOfWork]:
        """One unit of work, committed on a clean exit; ``inbound`` (source, key) deduplicates.

        When the inbound key was seen before, :class:`RepeatedDelivery` is raised before the
        body runs and nothing is written; services mark themselves with :func:`entry`, which
        turns it into a quiet return.
        """
        async with self.db.uow() as uow:
            if inbound is not None and not await first_delivery(uow, self.clock, *inbound):
                raise RepeatedDelivery(*inbound)
            yield uow
            await uow.commit()

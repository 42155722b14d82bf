"""A world for scenario tests: the real core on a real database, a manual clock, recording senders.

Nothing of the core is mocked: services are called through their public functions, outbox rows are
delivered by the real dispatcher to recording senders (the network edge).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from bot.bootstrap import assemble_core, unreachable_hook
from core.clock import ManualClock
from core.context import Core, CoreConfig, StaffAddresses
from core.db import Database
from core.hours import HoursConfig, OpeningHours, parse_weekly_schedule
from core.models import Outbound
from core.outbox import Address, OutboundMessage
from core.timers import Handler, TimerLoop
from tests.fakes.recording import RecordingSender

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
REQUESTS = Address("slack", "C_REQUESTS")
SUPPORT = Address("slack", "C_SUPPORT")
BILLING = Address("slack", "C_BILLING")
ONSITE = Address("slack", "C_ONSITE")
LINKS = Address("slack", "C_LINKS")


def default_config(**overrides: Any) -> CoreConfig:
    """The SPEC's configuration with the test staff channels; ``overrides`` replace fields."""
    hours = OpeningHours(
        HoursConfig(
            timezone=SAO_PAULO,
            weekly=parse_weekly_schedule("mon-fri 08:00-12:00 13:30-18:00"),
        )
    )
    config = CoreConfig(
        hours=hours,
        staff=StaffAddresses(
            requests=REQUESTS, support=SUPPORT, billing=BILLING, onsite=ONSITE, links=LINKS
        ),
    )
    return replace(config, **overrides)


@dataclass
class World:
    """The core wired for a test, plus the recording senders it delivers to."""

    core: Core
    clock: ManualClock
    telegram: RecordingSender = field(default_factory=lambda: RecordingSender("telegram"))
    slack: RecordingSender = field(default_factory=lambda: RecordingSender("slack"))

    @classmethod
    def build(cls, db: Database, clock: ManualClock, **overrides: Any) -> World:
        """A world on a migrated ``db`` with the default configuration (plus ``overrides``)."""
        return cls(assemble_core(db, clock, default_config(**overrides)), clock)

    async def deliver(self) -> int:
        """Run the real outbox dispatcher until nothing is due; return how many rows it sent."""
        from core.outbox import OutboxDispatcher

        dispatcher = OutboxDispatcher(
            self.core.db,
            self.clock,
            {"telegram": self.telegram, "slack": self.slack},
            on_unreachable=unreachable_hook(self.core),
        )
        total = 0
        while processed := await dispatcher.run_once():
            total += processed
        return total

    async def run_timers(self, handlers: Mapping[str, Handler]) -> int:
        """Run the real timer loop with ``handlers`` until nothing is due; return how many ran."""
        loop, total = TimerLoop(self.core, handlers), 0
        while processed := await loop.run_once():
            total += processed
        return total

    async def outbox(self, to: Address | None = None) -> list[OutboundMessage]:
        """Messages written to the outbox (sent or not), oldest first, optionally for ``to``."""
        async with self.core.db.uow() as uow:
            statement = select(Outbound).order_by(col(Outbound.id))
            if to is not None:
                statement = statement.where(
                    Outbound.channel == to.channel, Outbound.address == to.id
                )
                if to.thread is not None:
                    statement = statement.where(Outbound.thread == to.thread)
            rows = (await uow.session.exec(statement)).all()
        return [OutboundMessage.from_payload(row.payload) for row in rows]

    def advance(self, **delta: float) -> None:
        """Move the clock forward (``minutes=45``)."""
        self.clock.advance(timedelta(**delta))

"""Rate limits counted in the database: failed sign-ins, link requests from fresh browsers.

A :class:`RateLimiter` holds a :class:`Budget` per key prefix; :meth:`RateLimiter.wait_minutes`
says whether (and for how long) a key used up its budget, :meth:`RateLimiter.count` counts an
event. The events are ``RateEvent`` rows, so every process counts the same ones and a restart
forgets nothing; rows older than the longest window are deleted as new ones are written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, delete, select

from core.clock import Clock
from core.db import UnitOfWork
from core.models import RateEvent

KEY_MAX = 160


@dataclass(frozen=True)
class Budget:
    """At most ``limit`` events per key with this ``prefix`` in ``window``."""

    prefix: str
    limit: int
    window: timedelta = timedelta(minutes=15)


class RateLimiter:
    """Events per key (``login:<name>``, ``ip:<address>``...), each key within its budget."""

    def __init__(self, clock: Clock, budgets: tuple[Budget, ...]) -> None:
        self._clock = clock
        self.budgets = budgets

    def _budget(self, key: str) -> Budget:
        for budget in self.budgets:
            if key.startswith(budget.prefix):
                return budget
        raise ValueError(f"no budget for {key!r}")

    async def _recent(self, uow: UnitOfWork, key: str) -> list[datetime]:
        budget = self._budget(key)
        statement = (
            select(RateEvent.at)
            .where(col(RateEvent.key) == key[:KEY_MAX])
            .where(col(RateEvent.at) > self._clock.now() - budget.window)
            .order_by(col(RateEvent.at).desc())
            .limit(budget.limit)
        )
        return list((await uow.session.exec(statement)).all())

    async def wait_minutes(self, uow: UnitOfWork, *keys: str) -> int:
        """0 when none of ``keys`` used up its budget; else the minutes until all may go on."""
        now, longest = self._clock.now(), 0
        for key in keys:
            budget, stamps = self._budget(key), await self._recent(uow, key)
            if len(stamps) >= budget.limit:
                left = stamps[-1] + budget.window - now
                longest = max(longest, max(1, math.ceil(left.total_seconds() / 60)))
        return longest

    async def count(self, uow: UnitOfWork, *keys: str) -> None:
        """Count one event against each of ``keys`` (and drop the expired ones)."""
        now = self._clock.now()
        horizon = now - max(budget.window for budget in self.budgets)
        await uow.session.execute(delete(RateEvent).where(col(RateEvent.at) <= horizon))
        uow.session.add_all(RateEvent(key=key[:KEY_MAX], at=now) for key in keys)
        await uow.session.flush()

    async def clear(self, uow: UnitOfWork, *keys: str) -> None:
        """Forget the events of ``keys`` (a successful sign-in forgets its failures)."""
        await uow.session.execute(
            delete(RateEvent).where(col(RateEvent.key).in_([k[:KEY_MAX] for k in keys]))
        )

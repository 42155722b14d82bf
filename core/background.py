"""The shared shape of the outbox dispatcher's and the timer loop's production loops."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Awaitable, Callable

from core.db import Database
from core.unit_of_work import ALL, EVERYTHING

logger = logging.getLogger(__name__)


def default_worker_name() -> str:
    """``hostname-pid``: who claimed a row, for the logs and lease checks (at most 64 chars)."""
    return f"{socket.gethostname()}-{os.getpid()}"[-64:]


class Wakeable:
    """A loop that runs ``run_once`` repeatedly and sleeps until woken or ``idle`` seconds pass."""

    name = "loop"

    def __init__(self, db: Database) -> None:
        self.db = db
        self._woken = asyncio.Event()
        self._sleeping = False

    @property
    def resting(self) -> bool:
        """True while the loop sleeps between rounds with no wake-up pending."""
        return self._sleeping and not self._woken.is_set()

    def wake(self, written: frozenset[str] = ALL) -> None:
        """Run the next round now if what a commit ``written`` concerns this loop (called by
        ``UnitOfWork.commit`` through ``db.wakers``; without arguments: now)."""
        if EVERYTHING in written or self.wants(written):
            self._woken.set()

    def wants(self, written: frozenset[str]) -> bool:
        """Whether a commit that wrote ``written`` (``core.unit_of_work``'s names) may have
        given this loop work; every commit does unless the loop knows better."""
        return True

    async def run_once(self) -> int:
        """Handle what is due; return how many items were handled."""
        raise NotImplementedError

    def more_due(self) -> bool:
        """After a round that handled something: whether another round may find more due now.

        True unless the loop knows better; False lets it sleep until woken (a commit that made
        something due wakes it) or ``idle`` passes, sparing an empty round per busy round.
        """
        return True

    async def run_forever(self, stop: asyncio.Event, idle: float = 1.0) -> None:
        """Loop until ``stop`` is set; a round in progress is finished first."""
        self.db.wakers.append(self.wake)
        try:
            while not stop.is_set():
                self._woken.clear()
                try:
                    handled = await self.run_once()
                except Exception:
                    logger.exception("%s round failed; retrying in %ss", self.name, idle)
                    handled = 0
                if (handled and self.more_due()) or stop.is_set():
                    continue
                self._sleeping = True
                try:
                    await _first_of(self._woken.wait, stop.wait, seconds=idle)
                finally:
                    self._sleeping = False
        finally:
            with contextlib.suppress(ValueError):
                self.db.wakers.remove(self.wake)


async def _first_of(*waits: Callable[[], Awaitable[object]], seconds: float) -> None:
    """Wait until one of ``waits`` completes or ``seconds`` pass; cancel the others."""
    tasks = [asyncio.ensure_future(wait()) for wait in waits]
    try:
        await asyncio.wait(tasks, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

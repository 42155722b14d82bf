"""Process-local wake-ups for live pages: a delivered web message wakes the pages showing it.

``notify(address, message_id)`` after a commit that added a ``web_message`` row for ``address``;
``wait(addresses, after_id, timeout)`` returns True once something newer than ``after_id`` may be
there (or on ``notify_all``, when another process committed), False on timeout. ``mark()`` taken
before reading closes the race between a read and the wait that follows it.

Typing signals (``typing(key, origin, label)``) are process-local and short-lived: a page that
streams with ``typing_keys`` gets ``event: typing`` for each new signal under those keys (not
its own: ``origin`` is the sender's visitor id). Other processes' pages do not see them; a lost
"typing..." costs nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterable
from dataclasses import dataclass

TYPING_SECONDS = 6.0
"""How long one typing signal shows ("digitando..." fades unless renewed)."""


@dataclass(frozen=True)
class TypingSignal:
    """Someone is typing: shown on the pages streaming ``key`` (except ``origin``'s own)."""

    seq: int
    key: str
    origin: str
    label: str
    side: str
    expires: float


class Hub:
    """See the module docstring."""

    def __init__(self) -> None:
        self._latest: dict[str, int] = {}
        self._waiters: dict[str, set[asyncio.Event]] = {}
        self._generation = 0
        self.closed = False
        self._typing: dict[str, dict[str, TypingSignal]] = {}
        self._typing_seq = 0
        self.streams: dict[str, int] = {}
        """Open event streams per visitor (see ``adapters.web.stream.stream_slot``)."""

    def mark(self) -> int:
        """The current generation (changes on every ``notify_all``)."""
        return self._generation

    def latest(self, addresses: Iterable[str]) -> int:
        """The newest message id notified for any of ``addresses`` (0: none yet).

        A read that starts after this call sees every one of those rows (each was notified
        after its commit): a stream waits for news after this id, not only after the last row
        it sent, which is older when the rows belong to other threads of the same address.
        """
        return max((self._latest.get(name, 0) for name in addresses), default=0)

    def notify(self, address: str, message_id: int | None = None) -> None:
        """Something new for ``address`` (message ``message_id`` when known)."""
        if message_id is not None:
            self._latest[address] = max(self._latest.get(address, 0), message_id)
        for event in self._waiters.get(address, ()):
            event.set()

    def notify_all(self) -> None:
        """Another process may have delivered: every waiting page looks again."""
        self._generation += 1
        for events in self._waiters.values():
            for event in events:
                event.set()

    def typing(self, key: str, origin: str, label: str, side: str) -> None:
        """``origin`` (a visitor id) is typing where ``key``'s pages look; ``label`` names them,
        ``side`` is ``client`` or ``staff``. Wakes those pages."""
        now = time.monotonic()
        self._typing_seq += 1
        signal = TypingSignal(self._typing_seq, key, origin, label, side, now + TYPING_SECONDS)
        current = {o: s for o, s in self._typing.get(key, {}).items() if s.expires > now}
        current[origin] = signal
        self._typing[key] = current
        for event in self._waiters.get(key, ()):
            event.set()

    def typing_seq(self) -> int:
        """The newest typing signal's number (a stream shows only later ones)."""
        return self._typing_seq

    def typing_after(self, keys: Iterable[str], seq: int, origin: str) -> list[TypingSignal]:
        """Live signals under ``keys`` newer than ``seq``, not sent by ``origin``."""
        now = time.monotonic()
        found = [
            signal
            for key in keys
            for signal in self._typing.get(key, {}).values()
            if signal.seq > seq and signal.origin != origin and signal.expires > now
        ]
        return sorted(found, key=lambda signal: signal.seq)

    def close(self) -> None:
        """The server is stopping: wake every page so its stream ends."""
        self.closed = True
        self.notify_all()

    async def wait(
        self,
        addresses: str | Iterable[str],
        after_id: int,
        seconds: float,
        *,
        since: int | None = None,
    ) -> bool:
        """Wait until ``addresses`` may have news after ``after_id``; False after ``seconds``."""
        names = [addresses] if isinstance(addresses, str) else list(addresses)
        if self.closed or any(self._latest.get(name, 0) > after_id for name in names):
            return True
        if since is not None and since != self._generation:
            return True
        event = asyncio.Event()
        for name in names:
            self._waiters.setdefault(name, set()).add(event)
        try:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(seconds):
                    await event.wait()
            return event.is_set()
        finally:
            for name in names:
                waiting = self._waiters.get(name)
                if waiting is not None:
                    waiting.discard(event)
                    if not waiting:
                        del self._waiters[name]

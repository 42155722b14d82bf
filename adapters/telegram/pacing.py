"""Per-chat pacing: at most one message per ``interval`` seconds to one chat.

PTB's ``AIORateLimiter`` keeps the bot under ~30 messages/s overall and 20/min per group, but does
not pace a private chat; Telegram asks for about one message per second per chat. Each chat has a
lock and the time its next message may go; a sender awaits its turn (``interval=0`` disables it,
as the tests do).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

_FORGET_AFTER = 300.0


class ChatPacer:
    """Spaces the messages to each chat by ``interval`` seconds."""

    def __init__(self, interval: float, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self._monotonic = monotonic
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    @asynccontextmanager
    async def turn(self, chat_id: str) -> AsyncIterator[None]:
        """Wait for ``chat_id``'s turn, hold it while sending, then book the next slot."""
        if self.interval <= 0:
            yield
            return
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            wait = self._next.get(chat_id, 0.0) - self._monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                now = self._monotonic()
                self._next[chat_id] = now + self.interval
                self._forget_idle(now)

    def _forget_idle(self, now: float) -> None:
        """Drop chats idle for minutes so the tables stay small."""
        if len(self._next) < 1000:
            return
        for chat_id, due in list(self._next.items()):
            lock = self._locks.get(chat_id)
            if due + _FORGET_AFTER < now and (lock is None or not lock.locked()):
                self._next.pop(chat_id, None)
                self._locks.pop(chat_id, None)

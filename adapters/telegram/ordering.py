"""Updates of different chats processed concurrently, each chat's in the order they came.

PTB processes one update at a time by default, so one client's slow transaction holds up every
other client. :class:`PerChatOrder` lets up to ``max_concurrent_updates`` run at once while the
updates of one chat (or, without a chat, of one user) still run one after the other, in order:
asyncio's locks are first come, first served, and PTB starts the updates' tasks in the order
it fetched them. Their transactions may share one commit (``core.db.grouped_commits``): a
chat's next update still starts only once the previous one's commit is done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from core.db import grouped_commits


def _key(update: object) -> int | None:
    """The chat (or user) whose updates must keep their order; None for the rest."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class PerChatOrder(BaseUpdateProcessor):
    """Concurrent across chats, sequential within one chat."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int | None, asyncio.Lock] = {}
        self._users: dict[int | None, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run ``coroutine`` once the earlier updates of the same chat are done."""
        key = _key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._users[key] = self._users.get(key, 0) + 1
        try:
            async with lock:
                with grouped_commits():
                    await coroutine
        finally:
            self._users[key] -= 1
            if not self._users[key]:
                del self._users[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

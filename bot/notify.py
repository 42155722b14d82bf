"""Cross-process wake-ups: PostgreSQL ``LISTEN/NOTIFY`` on one channel; a no-op on SQLite.

A commit that wrote outbox rows or timers calls the database's wakers (``Database.wakers``) with
what it wrote; ``Notifier.start`` adds one that asks for a ``NOTIFY``. A background task sends it
(coalesced: a burst of commits gives one notification, its payload what they all wrote, e.g.
``outbox:slack,timers``) on a dedicated asyncpg connection, which also ``LISTEN``\\ s: every
process — this one included — wakes the loops the payload concerns (an empty or unknown payload,
from an older release: all of them), so a row committed by one process is claimed promptly by
whichever is free, and a relayed message does not wake the timer loop. The connection is
reopened after a loss; in the meantime the loops' idle polling still finds the work.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import asyncpg
from sqlalchemy.engine import make_url

from core.db import Database
from core.unit_of_work import ALL, EVERYTHING, Waker

logger = logging.getLogger(__name__)

CHANNEL = "consultoria_wake"
"""The PostgreSQL notification channel every bot process listens on."""


def asyncpg_dsn(url: str) -> str:
    """The plain ``postgresql://`` DSN of a SQLAlchemy URL (asyncpg does not know drivers)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class Notifier:
    """Sends and receives the wake-up notifications of one process (see the module docstring)."""

    def __init__(
        self,
        db: Database,
        wake: Waker,
        *,
        reconnect_delay: float = 1.0,
        foreign: Callable[[], None] | None = None,
    ) -> None:
        """``wake`` on every notification; ``foreign`` too on one another process sent (and on
        (re)connecting): this process's own commits already woke whatever they concern."""
        self.db = db
        self.wake = wake
        self.foreign = foreign
        self.reconnect_delay = reconnect_delay
        self.received = 0
        self.sent = 0
        self._wanted = asyncio.Event()
        self._written: set[str] = set()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._connected = asyncio.Event()

    @property
    def enabled(self) -> bool:
        """True on PostgreSQL (SQLite has a single process: its in-process wakers suffice)."""
        return self.db.dialect == "postgresql"

    @property
    def quiet(self) -> bool:
        """No notification asked for or on its way back to this process (one process: tests)."""
        return not self._wanted.is_set() and self.received >= self.sent

    def request(self, written: frozenset[str] = ALL) -> None:
        """Ask for a notification of ``written`` soon (a database waker: synchronous, never
        raises)."""
        self._written.update(written)
        self._wanted.set()

    async def start(self, wait: float = 10.0) -> None:
        """Open the listening connection and the sending task; no-op on SQLite."""
        if not self.enabled:
            return
        self.db.wakers.append(self.request)
        self._task = asyncio.create_task(self._run(), name="notifier")
        async with asyncio.timeout(wait):
            await self._connected.wait()

    async def stop(self) -> None:
        """Send what is still asked for, stop listening, close the connection."""
        with contextlib.suppress(ValueError):
            self.db.wakers.remove(self.request)
        self._stop.set()
        if self._task is not None:
            task, self._task = self._task, None
            await asyncio.gather(task, return_exceptions=True)

    async def _run(self) -> None:
        """Keep a listening connection open; send the notifications asked for on it."""
        while not self._stop.is_set():
            try:
                connection = await asyncpg.connect(asyncpg_dsn(self.db.url), timeout=10)
            except (OSError, asyncpg.PostgresError, TimeoutError) as error:
                logger.warning("notify: cannot connect (%s); retrying", error)
                await self._pause()
                continue
            try:
                await self._serve(connection)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                logger.warning("notify: connection lost (%s); reconnecting", error)
                await self._pause()
            finally:
                with contextlib.suppress(Exception):
                    await connection.close(timeout=2)

    async def _serve(self, connection: asyncpg.Connection) -> None:
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _connection: lost.set())
        await connection.add_listener(CHANNEL, self._on_notification)
        self._connected.set()
        self.wake(ALL)  # whatever was committed while we were not listening
        if self.foreign is not None:
            self.foreign()
        while True:
            await _first(self._wanted, self._stop, lost)
            if lost.is_set():
                raise asyncpg.InterfaceError("listening connection closed")
            if self._wanted.is_set():
                self._wanted.clear()
                written, self._written = self._written, set()
                self.sent += 1
                await connection.execute("SELECT pg_notify($1, $2)", CHANNEL, payload(written))
            if self._stop.is_set():
                return

    def _on_notification(
        self, connection: asyncpg.Connection, pid: int, _channel: str, sent: object
    ) -> None:
        self.received += 1
        self.wake(what_was_written(sent))
        if self.foreign is not None and pid != connection.get_server_pid():
            self.foreign()

    async def _pause(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), self.reconnect_delay)


def payload(written: set[str]) -> str:
    """A notification's payload: what the commits wrote, comma separated (``EVERYTHING`` when
    that does not fit PostgreSQL's 8,000 bytes)."""
    joined = ",".join(sorted(written))
    return joined if len(joined) < 7900 else EVERYTHING


def what_was_written(sent: object) -> frozenset[str]:
    """The names a notification's payload carries; everything for an empty or odd one (a
    process of an older release notifies with an empty payload)."""
    if not isinstance(sent, str) or not sent.strip():
        return ALL
    return frozenset(name.strip() for name in sent.split(",") if name.strip())


async def _first(*events: asyncio.Event) -> None:
    """Return once any of ``events`` is set."""
    waits = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for wait in waits:
            wait.cancel()
        await asyncio.gather(*waits, return_exceptions=True)

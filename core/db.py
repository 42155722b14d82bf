"""Database plumbing: URL normalisation, the async engines (SQLite, PostgreSQL), ``Database``.

The unit of work is :mod:`core.unit_of_work`, the shared transactions of inbound deliveries
:mod:`core.group_commit`; both are re-exported here (``from core.db import UnitOfWork``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import sys
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import DateTime, String, event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util.concurrency import await_only, in_greenlet
from sqlmodel.ext.asyncio.session import AsyncSession

from core.group_commit import GroupCommit, GroupedUnitOfWork, grouped_commits, grouping
from core.unit_of_work import AfterCommit, UnitOfWork, Waker

logger = logging.getLogger(__name__)

__all__ = [
    "POOL_SIZE",
    "AfterCommit",
    "Database",
    "PoolSizing",
    "StrEnumColumn",
    "UTCDateTime",
    "UnitOfWork",
    "create_engine",
    "create_read_engine",
    "grouped_commits",
    "normalise_url",
    "ping_when_idle",
]

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_CHECKPOINT_EVERY = 500
POOL_SIZE = 5
"""Default of ``CONSULTORIA_DATABASE_POOL_SIZE`` (see :class:`PoolSizing`)."""
PING_IDLE_AFTER = 1.0
"""Seconds a pooled PostgreSQL connection may have stood idle and still be handed out unpinged
(:func:`ping_when_idle`)."""
POOL_RECYCLE = 1800
"""Seconds after which a pooled PostgreSQL connection is replaced by a fresh one."""


@dataclass(frozen=True)
class PoolSizing:
    """How many connections one process opens, and how long a unit of work waits for one.

    Two pools per database: the writers' (:meth:`Database.uow`: inbound deliveries, forms, the
    outbox dispatcher, the timer loop) and the readers' (:meth:`Database.read`: the pages' live
    streams and page reads), so a crowd of open pages can never take the connections the
    background loops write with. Each keeps ``size`` connections open and opens up to twice as
    many more under a burst (closed again when returned): at most ``6 * size`` per process,
    plus one for PostgreSQL ``LISTEN`` — with N processes on one PostgreSQL server keep
    ``N * (6 * size + 1)`` below its ``max_connections`` (100 by default: N = 3 at size 5).
    On SQLite a writer also waits for the in-process gate (one transaction at a time, at most
    the busy timeout); the readers need no gate (WAL: readers beside the writer).

    A unit of work that finds every connection of its pool taken waits ``timeout`` seconds at
    most, then fails (not SQLAlchemy's 30 s, which froze every caller behind a full pool).
    """

    size: int = POOL_SIZE
    timeout: float = 10.0

    @property
    def overflow(self) -> int:
        """Connections opened beyond ``size`` under a burst."""
        return 2 * self.size

    def options(self) -> dict[str, Any]:
        """``create_async_engine`` keyword arguments of one pool."""
        return {
            "pool_size": self.size,
            "max_overflow": self.overflow,
            "pool_timeout": self.timeout,
        }


class UTCDateTime(TypeDecorator[datetime]):
    """Stores instants as UTC on every engine and always returns aware UTC datetimes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes; store UTC (naive on SQLite, aware on PostgreSQL)."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC instants")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return an aware UTC datetime."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


S = TypeVar("S", bound=StrEnum)


class StrEnumColumn(TypeDecorator[S], Generic[S]):
    """A ``StrEnum`` stored as its string value (a VARCHAR, no database enum type).

    Rows come back as enum members; a value the enum does not know is refused on write.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[S], length: int = 16) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        """Store the member's value; a plain string must be one of the enum's values."""
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> S | None:
        """Return the enum member."""
        return None if value is None else self.enum(value)


def normalise_url(url: str) -> str:
    """Pick the async driver: ``sqlite://`` -> aiosqlite, ``postgresql://`` -> asyncpg."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:  # not a URL at all: a ValueError like any other bad value
        raise ValueError(str(error)) from error
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif backend in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    else:
        raise ValueError(f"unsupported database {backend!r}: use sqlite or postgresql")
    return parsed.render_as_string(hide_password=False)


def _sqlite_file(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """WAL, foreign keys and a busy timeout on every SQLite connection."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _read_only_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """A reader's connection refuses writes (a write in ``Database.read()`` is a bug)."""
    dbapi_connection.execute("PRAGMA query_only=ON")


def _without_autocheckpoint(dbapi_connection: Any, _record: Any) -> None:
    """The committing connection no longer checkpoints the WAL (:class:`SQLiteCheckpointer`)."""
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")


class SQLiteCheckpointer:
    """WAL checkpoints off the hot path: every ``every`` commits, in a thread, PASSIVE.

    SQLite's automatic checkpoint runs inside the COMMIT that fills the WAL past 1,000 pages,
    with its fsyncs: that commit (and every transaction queued behind it) stalls for tens to
    hundreds of milliseconds. A passive checkpoint on its own connection blocks no writer.
    """

    def __init__(self, path: Path, every: int = SQLITE_CHECKPOINT_EVERY) -> None:
        self.path = path
        self.every = every
        self._commits = 0
        self._task: asyncio.Future[None] | None = None

    def committed(self, *_: Any) -> None:
        """Engine ``commit`` event: count, and start a checkpoint when one is due."""
        self._commits += 1
        if self._commits < self.every or (self._task is not None and not self._task.done()):
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # synchronous use: SQLite's own checkpoints at close do it
        self._commits = 0
        self._task = asyncio.ensure_future(loop.run_in_executor(None, self._checkpoint))

    def _checkpoint(self) -> None:
        try:
            with contextlib.closing(sqlite3.connect(self.path, timeout=5)) as connection:
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            logger.warning("sqlite WAL checkpoint failed", exc_info=True)

    async def wait(self) -> None:
        """Let a running checkpoint finish (before the engine is disposed)."""
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)


_GATED = "consultoria_gate"


class SQLiteGate:
    """One transaction at a time per SQLite database in this process, first come, first served.

    SQLite allows one writer, and every transaction here takes the write lock at BEGIN. Without
    this gate, concurrent transactions of one process meet inside SQLite's busy handler, which
    sleeps in steps of milliseconds and favours whoever retries at the right moment; with it,
    they queue in the event loop, in order, and BEGIN finds the lock free (other processes on
    the same file still meet in the busy handler). The gate is held from a pooled connection's
    checkout to its checkin, that is, for one transaction. Waiting longer than the busy timeout
    fails as a busy database would ("database is locked").
    """

    def __init__(self, timeout: float = SQLITE_BUSY_TIMEOUT_MS / 1000) -> None:
        self.timeout = timeout
        self._held = False
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._holder: asyncio.Task[Any] | None = None
        self._since = 0.0

    def enter(self, _dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        """Pool checkout: wait for the gate (inside SQLAlchemy's greenlet: ``await_only``)."""
        if not self._held and not self._waiters:
            self._held = True
        elif in_greenlet():
            await_only(self._wait())
        else:
            raise sqlite3.OperationalError("database is locked (in-process gate held)")
        record.info[_GATED] = True
        self._holder, self._since = _current_task(), time.monotonic()

    def leave(self, _dbapi_connection: Any, record: Any) -> None:
        """Pool checkin: hand the gate to the next waiter, or open it."""
        if record.info.pop(_GATED, False):
            self._pass_on()

    def _pass_on(self) -> None:
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the gate passes to it, still held
                return
        self._held = False

    async def _wait(self) -> None:
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await asyncio.wait_for(asyncio.shield(waiter), self.timeout)
        except BaseException:
            if waiter.done() and not waiter.cancelled():
                self._pass_on()  # it was ours already: pass it on
            else:
                waiter.cancel()
            if isinstance(sys.exc_info()[1], TimeoutError):
                logger.warning(
                    "sqlite: gave up after %.1f s waiting for the in-process write gate, held "
                    "for %.1f s by %s",
                    self.timeout,
                    time.monotonic() - self._since,
                    _describe(self._holder),
                )
                raise sqlite3.OperationalError("database is locked") from None
            raise


def _current_task() -> asyncio.Task[Any] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no running loop (synchronous use)
        return None


def _describe(task: asyncio.Task[Any] | None) -> str:
    """A task as a log names it: its name, what it runs, and whether it has ended (a gate held
    by a task that ended was left by a transaction that never gave its connection back)."""
    if task is None:
        return "no task"
    state = "ended" if task.done() else "running"
    runs = getattr(task.get_coro(), "__qualname__", "?")
    return f"task {task.get_name()} ({runs}, {state})"


def _on_sqlite_begin(connection: Any) -> None:
    """Take the write lock at BEGIN: concurrent writers queue instead of failing midway."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _on_sqlite_read_begin(connection: Any) -> None:
    """A reader's BEGIN is deferred: one snapshot for its reads, no write lock (WAL)."""
    connection.exec_driver_sql("BEGIN")


def create_engine(
    url: str,
    *,
    echo: bool = False,
    checkpointer: SQLiteCheckpointer | None = None,
    pool: PoolSizing | None = None,
) -> AsyncEngine:
    """The async engine for ``url``; SQLite gets WAL, foreign keys on and a busy timeout.

    On SQLite every transaction passes the in-process :class:`SQLiteGate`; with a
    ``checkpointer`` (a database file) the WAL is checkpointed by it, not by commits.
    ``pool``: the writers' pool (:class:`PoolSizing`; an in-memory SQLite has one connection).
    """
    url = normalise_url(url)
    sizing = (pool or PoolSizing()).options()
    if make_url(url).get_backend_name() == "sqlite":
        path = _sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, echo=echo, **(sizing if path is not None else {}))
        gate = SQLiteGate()
        event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
        event.listen(engine.sync_engine, "begin", _on_sqlite_begin)
        event.listen(engine.sync_engine.pool, "checkout", gate.enter)
        event.listen(engine.sync_engine.pool, "checkin", gate.leave)
        if checkpointer is not None:
            event.listen(engine.sync_engine, "connect", _without_autocheckpoint)
            event.listen(engine.sync_engine, "commit", checkpointer.committed)
        return engine
    return ping_when_idle(create_async_engine(url, echo=echo, pool_recycle=POOL_RECYCLE, **sizing))


def create_read_engine(
    url: str, *, echo: bool = False, pool: PoolSizing | None = None
) -> AsyncEngine:
    """The readers' engine for ``url`` (a SQLite file or PostgreSQL; see :meth:`Database.read`).

    SQLite: a deferred BEGIN, no in-process gate, ``query_only``: many readers beside the one
    writer (WAL), and a write attempted here fails. PostgreSQL: every transaction is
    ``READ ONLY`` (``default_transaction_read_only``).
    """
    url = normalise_url(url)
    sizing = (pool or PoolSizing()).options()
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_async_engine(url, echo=echo, **sizing)
        event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
        event.listen(engine.sync_engine, "connect", _read_only_sqlite)
        event.listen(engine.sync_engine, "begin", _on_sqlite_read_begin)
        return engine
    read_only = {"server_settings": {"default_transaction_read_only": "on"}}
    engine = create_async_engine(
        url, echo=echo, pool_recycle=POOL_RECYCLE, connect_args=read_only, **sizing
    )
    return ping_when_idle(engine)


def ping_when_idle(engine: AsyncEngine, idle: float = PING_IDLE_AFTER) -> AsyncEngine:
    """Check a pooled connection with a round trip before handing it out — only when it stood
    idle for more than ``idle`` seconds (else it was working a moment ago).

    SQLAlchemy's ``pool_pre_ping`` pings at every checkout: a round trip per transaction
    (measured: +0.3 ms CPU and +0.2-1.3 ms wall on a 1 ms transaction). Connections die while
    they stand idle (server restart, idle timeout, failover): a dead one fails the ping and the
    pool opens a fresh one instead, as with ``pool_pre_ping``. A connection that dies while in
    use fails its transaction either way, and the pool then drops every connection opened before.
    """

    def checked_in(dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def checking_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        since = record.info.pop("idle_since", None)
        if since is None or time.monotonic() - since <= idle:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise DisconnectionError(f"pooled connection dead after {idle} s idle") from error

    event.listen(engine.sync_engine.pool, "checkin", checked_in)
    event.listen(engine.sync_engine.pool, "checkout", checking_out)
    return engine


class Database:
    """The engines and the session factories; ``uow()`` opens a new unit of work, ``read()`` a
    read-only one (its own pool; see :class:`PoolSizing`)."""

    def __init__(
        self,
        url: str,
        *,
        echo: bool = False,
        pool: PoolSizing | None = None,
        group_commit: bool = False,
    ) -> None:
        self.url = normalise_url(url)
        self.group_commit = group_commit
        """Units of work in :func:`grouped_commits` share transactions (:class:`GroupCommit`);
        off: that context changes nothing."""
        self.pool = pool or PoolSizing()
        sqlite = make_url(self.url).get_backend_name() == "sqlite"
        path = _sqlite_file(self.url) if sqlite else None
        self._checkpointer = SQLiteCheckpointer(path) if path is not None else None
        self.engine = create_engine(
            self.url, echo=echo, checkpointer=self._checkpointer, pool=self.pool
        )
        self.sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self.read_engine: AsyncEngine | None = None
        """The readers' engine; None for an in-memory SQLite (its reads go through the writer)."""
        self.read_sessions = self.sessions
        if path is not None or not sqlite:
            self.read_engine = create_read_engine(self.url, echo=echo, pool=self.pool)
            self.read_sessions = async_sessionmaker(
                self.read_engine, class_=AsyncSession, expire_on_commit=False
            )
        self.wakers: list[Waker] = []
        """Called after a commit that wrote outbox rows or timers (e.g. the dispatcher's wake)."""
        self._group: GroupCommit | None = None

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def uow(self) -> UnitOfWork:
        """A fresh unit of work on this database (in :func:`grouped_commits`, with
        ``group_commit`` on, a grouped one; one opened inside a grouped one runs on its own)."""
        if self.group_commit and grouping():
            if self._group is None:
                self._group = GroupCommit(self.sessions, self.wakers)
            return GroupedUnitOfWork(self._group)
        return UnitOfWork(self.sessions, self.wakers)

    def read(self) -> UnitOfWork:
        """A fresh read-only unit of work: for reads that write nothing (pages, live streams).

        It never waits behind writers: on SQLite it takes no write lock and not the in-process
        gate (a deferred BEGIN; WAL lets it read beside the writer), and it draws on the readers'
        pool, so open pages never hold the connections the writers (the background loops) need.
        It sees what was committed before it began. It cannot commit, and a write fails.
        """
        return UnitOfWork(self.read_sessions, readonly=True)

    async def warm(self) -> int:
        """Open each PostgreSQL pool's ``size`` connections now; how many were opened.

        A connection is opened when the pool first needs it otherwise: the first burst after a
        start (a restart in a busy hour) paid a connect and asyncpg's set-up per connection,
        tens of milliseconds with each message waiting behind it. The pools keep ``size``
        connections between bursts, so warming only opens what they would hold anyway. When the
        server refuses one (its ``max_connections``, the role's limit), the ones just opened are
        closed again and the pools open connections as needed, as before: a warning, no failure.
        SQLite has nothing to warm: its connections are file opens, and the writers' gate
        lets one be checked out at a time.
        """
        if self.dialect != "postgresql":
            return 0
        engines = [self.engine] + ([self.read_engine] if self.read_engine is not None else [])
        opened: list[AsyncConnection] = []
        try:
            for engine in engines:
                for _ in range(self.pool.size):
                    opened.append(await engine.connect())
        except (DBAPIError, OSError) as error:
            for connection in opened:
                await connection.invalidate()
                await connection.close()
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()
            logger.warning(
                "database pools not warmed (%s): connections are opened as needed",
                reason[0] if reason else type(error).__name__,
            )
            return 0
        for connection in opened:
            await connection.close()  # back to its pool, which keeps it open
        return len(opened)

    async def dispose(self) -> None:
        """Close every pooled connection (after a running WAL checkpoint)."""
        if self._checkpointer is not None:
            await self._checkpointer.wait()
        if self.read_engine is not None:
            await self.read_engine.dispose()
        await self.engine.dispose()

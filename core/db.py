"""Database plumbing: URL normalisation, the async engine (SQLite, PostgreSQL), unit of work."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar

from sqlalchemy import DateTime, String, event
from sqlalchemy.engine import CursorResult, Dialect, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.sql.base import Executable
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util.concurrency import await_only, in_greenlet
from sqlmodel.ext.asyncio.session import AsyncSession

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_CHECKPOINT_EVERY = 500
POOL_SIZE = 5
PING_IDLE_AFTER = 1.0
"""Seconds a pooled PostgreSQL connection may have stood idle and still be handed out unpinged
(:func:`ping_when_idle`)."""
POOL_RECYCLE = 1800
"""Seconds after which a pooled PostgreSQL connection is replaced by a fresh one."""
GROUP_COMMIT_MAX = 32
"""At most this many grouped units of work share one transaction (:class:`GroupCommit`)."""
GROUP_COMMIT_MAX_WAIT = 0.01
"""Seconds after its first member began that a shared transaction takes no new member."""
"""Default of ``CONSULTORIA_DATABASE_POOL_SIZE`` (see :class:`PoolSizing`)."""


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

    def enter(self, _dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        """Pool checkout: wait for the gate (inside SQLAlchemy's greenlet: ``await_only``)."""
        if not self._held and not self._waiters:
            self._held = True
        elif in_greenlet():
            await_only(self._wait())
        else:
            raise sqlite3.OperationalError("database is locked (in-process gate held)")
        record.info[_GATED] = True

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
                raise sqlite3.OperationalError("database is locked") from None
            raise


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


AfterCommit = Callable[[], Awaitable[None] | None]


class UnitOfWork:
    """One transaction: ``async with uow: ...; await uow.commit()``; no commit means rollback.

    Repositories and services never commit; whoever opens the unit of work does, once.
    Callbacks registered with ``after_commit`` run only when the commit succeeded
    (for example to wake the outbox dispatcher). A ``readonly`` one (:meth:`Database.read`)
    cannot commit.
    """

    def __init__(
        self,
        factory: async_sessionmaker[AsyncSession],
        wakers: list[Callable[[], None]] | None = None,
        *,
        readonly: bool = False,
    ) -> None:
        self.readonly = readonly
        self._factory = factory
        self._session: AsyncSession | None = None
        self._after_commit: list[AfterCommit] = []
        self._wakers = wakers if wakers is not None else []
        self._wake = False

    @property
    def session(self) -> AsyncSession:
        """The database session of this unit of work (only inside ``async with``)."""
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside 'async with'")
        return self._session

    async def execute(self, statement: Executable, params: Any = None) -> CursorResult[Any]:
        """Run a Core statement (built once, on tables: no ORM) on this transaction's connection.

        Lighter than ``session.execute`` on the hot paths: no ORM compile step or result
        processing; the compiled form comes from the engine's cache. Objects loaded in the
        session do not see what it changed (like any Core statement).
        """
        connection = await self.session.connection()
        return await connection.execute(statement, params)

    def after_commit(self, callback: AfterCommit) -> None:
        """Run ``callback`` once this unit of work has committed."""
        self._after_commit.append(callback)

    def after_commit_wake(self) -> None:
        """Wake the outbox dispatcher and timer loop once this unit of work has committed."""
        self._wake = True

    async def __aenter__(self) -> UnitOfWork:
        self._session = self._factory()
        self._after_commit = []
        self._wake = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            # Detach first, so what was read stays readable after the rollback of an
            # uncommitted (for instance read-only) unit of work instead of being expired.
            self._session.expunge_all()
            await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None

    async def commit(self) -> None:
        """Commit the transaction, then run the after-commit callbacks."""
        if self.readonly:
            raise RuntimeError("a read-only unit of work (Database.read) cannot commit")
        await self.session.commit()
        callbacks, self._after_commit = self._after_commit, []
        if self._wake:
            self._wake = False
            for waker in self._wakers:
                waker()
        for callback in callbacks:
            result = callback()
            if result is not None:
                await result


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
        self.wakers: list[Callable[[], None]] = []
        """Called after a commit that wrote outbox rows or timers (e.g. the dispatcher's wake)."""
        self._group: GroupCommit | None = None

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def uow(self) -> UnitOfWork:
        """A fresh unit of work on this database (in :func:`grouped_commits`, with
        ``group_commit`` on, a grouped one; one opened inside a grouped one runs on its own)."""
        if self.group_commit and _GROUPED.get() and not _IN_TURN.get():
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

    async def dispose(self) -> None:
        """Close every pooled connection (after a running WAL checkpoint)."""
        if self._checkpointer is not None:
            await self._checkpointer.wait()
        if self.read_engine is not None:
            await self.read_engine.dispose()
        await self.engine.dispose()


_GROUPED: ContextVar[bool] = ContextVar("consultoria_grouped_commits", default=False)
_IN_TURN: ContextVar[bool] = ContextVar("consultoria_grouped_turn", default=False)
"""This task runs a grouped member now: a unit of work opened inside it is not grouped (it would
wait for the turn its own caller holds)."""


@contextlib.contextmanager
def grouped_commits() -> Iterator[None]:
    """Writer units of work opened in this context may share a transaction (:class:`GroupCommit`).

    For inbound deliveries (a client's message): their transactions are short, and under load
    many arrive together. The guarantees stay each unit of work's own: its writes, its dedup key
    with them, are durable when its ``commit()`` returns, and are gone if it fails.
    """
    token = _GROUPED.set(True)
    try:
        yield
    finally:
        _GROUPED.reset(token)


class _Batch:
    """One shared transaction and its members (see :class:`GroupCommit`)."""

    def __init__(self, session: AsyncSession, started: float) -> None:
        self.session = session
        self.started = started
        self.done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        """Resolved when the shared transaction is over (an exception: its commit failed)."""
        self.turn = asyncio.Lock()
        """Held by the member using the session: members run one after the other, in order."""
        self.joined = 0
        self.active = 0
        self.kept = 0
        """Members whose writes are in the transaction now (committed members, not yet durable)."""
        self.closed = False
        self.finishing: asyncio.Future[None] | None = None
        self.idle: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        """Resolved when its last member is done (its commit may still run)."""
        self.after: asyncio.Future[None] | None = None
        """The previous shared transaction's ``idle``: members start once it is."""


class GroupCommit:
    """Units of work arriving together share one transaction, each in its own savepoint.

    A unit of work joins the open transaction (at most :data:`GROUP_COMMIT_MAX` members, joining
    within :data:`GROUP_COMMIT_MAX_WAIT` seconds of the first) and waits its turn; members run
    one at a time, in the order they joined (so one conversation's messages keep their order).
    The next shared transaction's members start once the previous one's are all done (its commit
    may still run): two shared transactions never wait for each other's row locks.
    A member's ``commit()`` releases its savepoint, lets the next member run, and returns once
    the shared transaction has committed; then its after-commit callbacks run. A member that
    fails (or leaves without committing) is rolled back to its savepoint: the others' writes
    stay. The first member whose writes the transaction holds needs no savepoint (nothing
    before it to keep: a failure rolls the transaction back). When the last member has finished,
    the transaction commits at once: a lone message waits for nobody. If that final commit
    fails, every member's ``commit()`` raises, as a unit of work's own failed commit does.
    """

    def __init__(
        self,
        factory: async_sessionmaker[AsyncSession],
        wakers: list[Callable[[], None]],
        *,
        size: int = GROUP_COMMIT_MAX,
        wait: float = GROUP_COMMIT_MAX_WAIT,
    ) -> None:
        self.factory = factory
        self.wakers = wakers
        self.size = size
        self.wait = wait
        self._open: _Batch | None = None

    def join(self) -> _Batch:
        """The open shared transaction (a new one when there is none, or it is full or old)."""
        now = asyncio.get_running_loop().time()
        batch = self._open
        if (
            batch is None
            or batch.closed
            or batch.joined >= self.size
            or now - batch.started > self.wait
        ):
            previous = batch
            batch = self._open = _Batch(self.factory(), now)
            if previous is not None and not previous.idle.done():
                batch.after = previous.idle
        batch.joined += 1
        batch.active += 1
        return batch

    def leave(self, batch: _Batch) -> None:
        """A member is done with the session; the last one starts the shared commit."""
        batch.active -= 1
        if batch.active > 0:
            return
        batch.closed = True
        if self._open is batch:
            self._open = None
        batch.idle.set_result(None)
        batch.finishing = asyncio.ensure_future(self._finish(batch))

    async def _finish(self, batch: _Batch) -> None:
        error: BaseException | None = None
        try:
            if batch.kept:
                await batch.session.commit()
        except BaseException as failure:  # every member's commit() raises it
            error = failure
        finally:
            try:
                batch.session.expunge_all()
                await batch.session.rollback()
                await batch.session.close()
            finally:
                if error is None:
                    batch.done.set_result(None)
                else:
                    batch.done.set_exception(error)
                    batch.done.exception()  # retrieved: members that all failed never await it


class GroupedUnitOfWork(UnitOfWork):
    """A unit of work that shares its transaction with others arriving together (see
    :class:`GroupCommit`); used like any other."""

    def __init__(self, group: GroupCommit) -> None:
        super().__init__(group.factory, group.wakers)
        self._group = group
        self._batch: _Batch | None = None
        self._savepoint: Any = None
        self._in_turn = False
        self._committed = False

    async def __aenter__(self) -> UnitOfWork:
        batch = self._group.join()
        try:
            await batch.turn.acquire()
        except BaseException:
            self._group.leave(batch)
            raise
        self._batch, self._in_turn = batch, True
        _IN_TURN.set(True)
        if batch.after is not None:
            try:
                await asyncio.shield(batch.after)
            except BaseException:
                await self._end_turn(kept=False)
                raise
        self._session = batch.session
        self._after_commit = []
        self._wake = False
        try:
            if batch.kept:
                self._savepoint = await batch.session.begin_nested()
        except BaseException:
            await self._end_turn(kept=False)
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._in_turn:  # not committed: this member's writes go
            await self._end_turn(kept=False)
            return
        if self._session is not None:  # used again after its commit: its own session
            await super().__aexit__(exc_type, exc, tb)

    @property
    def session(self) -> AsyncSession:
        """The shared session during this member's turn; after its commit, its own."""
        if self._session is None and self._committed:
            self._session = self._factory()
        return super().session

    async def _end_turn(self, *, kept: bool) -> None:
        batch = self._batch
        assert batch is not None
        session, savepoint = batch.session, self._savepoint
        self._savepoint, self._in_turn = None, False
        _IN_TURN.set(False)
        try:
            if not kept:
                if savepoint is not None:
                    await savepoint.rollback()
                elif not batch.kept:
                    await session.rollback()
            session.expunge_all()
        finally:
            if kept:
                batch.kept += 1
            self._session = None
            batch.turn.release()
            self._group.leave(batch)

    async def commit(self) -> None:
        """Keep this member's writes, then wait for the shared transaction's commit."""
        if not self._in_turn:
            await super().commit()  # used again after its commit: its own transaction
            return
        batch = self._batch
        assert batch is not None
        kept = False
        try:
            if self._savepoint is not None:
                await self._savepoint.commit()
            else:
                await batch.session.flush()
            kept = True
        finally:
            await self._end_turn(kept=kept)
        await asyncio.shield(batch.done)
        self._committed = True
        callbacks, self._after_commit = self._after_commit, []
        if self._wake:
            self._wake = False
            for waker in self._wakers:
                waker()
        for callback in callbacks:
            result = callback()
            if result is not None:
                await result

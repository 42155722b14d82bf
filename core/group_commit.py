"""Group commit: writer units of work opened inside :func:`grouped_commits` (inbound
deliveries arriving together) share one transaction, each in its own savepoint
(``CONSULTORIA_DATABASE_GROUP_COMMIT``; ``core.db.Database.uow`` hands them out)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from types import TracebackType
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from core.unit_of_work import UnitOfWork, Waker

GROUP_COMMIT_MAX = 32
"""At most this many grouped units of work share one transaction (:class:`GroupCommit`)."""
GROUP_COMMIT_MAX_WAIT = 0.01
"""Seconds after its first member began that a shared transaction takes no new member."""

_GROUPED: ContextVar[bool] = ContextVar("consultoria_grouped_commits", default=False)
_IN_TURN: ContextVar[bool] = ContextVar("consultoria_grouped_turn", default=False)
"""This task runs a grouped member now: a unit of work opened inside it is not grouped (it would
wait for the turn its own caller holds)."""


def grouping() -> bool:
    """A unit of work opened now would be grouped: inside :func:`grouped_commits`, and not from
    within a grouped member's own turn."""
    return _GROUPED.get() and not _IN_TURN.get()


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
        wakers: list[Waker],
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
        self._wake = set()
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
        await self._committed_now()

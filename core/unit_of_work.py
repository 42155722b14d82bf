"""The unit of work: one transaction, committed once by whoever opened it, with callbacks run
after the commit (``core.db.Database.uow`` and ``read`` open them)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any

from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlalchemy.sql.base import Executable
from sqlmodel.ext.asyncio.session import AsyncSession

AfterCommit = Callable[[], Awaitable[None] | None]

EVERYTHING = "*"
"""What a commit wrote, as told to the loops it may concern (``Waker``): anything (every loop)."""
TIMERS = "timers"
"""Timers were written: the timer loop."""
OUTBOX = "outbox"
"""Outbox rows of any channel: every outbox dispatcher."""
ALL = frozenset({EVERYTHING})
"""What an unqualified wake-up stands for: anything may have changed."""


def outbox_of(channel: str) -> str:
    """Outbox rows of ``channel``: the dispatcher that has its sender."""
    return f"{OUTBOX}:{channel}"


Waker = Callable[[frozenset[str]], None]
"""Called after a commit with what it wrote (``EVERYTHING``, ``TIMERS``, ``outbox_of(...)``)."""


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
        wakers: list[Waker] | None = None,
        *,
        readonly: bool = False,
    ) -> None:
        self.readonly = readonly
        self._factory = factory
        self._session: AsyncSession | None = None
        self._after_commit: list[AfterCommit] = []
        self._wakers = wakers if wakers is not None else []
        self._wake: set[str] = set()

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

    def after_commit_wake(self, *written: str) -> None:
        """Once this unit of work has committed, wake the loops that ``written`` concerns
        (``TIMERS``, ``outbox_of(channel)``, ``OUTBOX``; none given: ``EVERYTHING``)."""
        self._wake.update(written or (EVERYTHING,))

    async def __aenter__(self) -> UnitOfWork:
        self._session = self._factory()
        self._after_commit = []
        self._wake = set()
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
        await self._committed_now()

    async def _committed_now(self) -> None:
        """After a commit: wake the loops if asked, then run the after-commit callbacks."""
        callbacks, self._after_commit = self._after_commit, []
        if self._wake:
            written, self._wake = frozenset(self._wake), set()
            for waker in self._wakers:
                waker(written)
        for callback in callbacks:
            result = callback()
            if result is not None:
                await result

"""One read per wake-up shared by every live page of the same address (fan-out in memory).

Each address some open stream watches has a log here: its newest ``web_message`` rows (at most
:data:`KEEP`) and how far they are known (``upto``: every row of the address up to that id that
the hub had announced when it was read). When the hub announces news (``Hub.notify`` for one
address, ``Hub.notify_all`` for all), the first stream to look reads every stale log in ONE
statement (``address = :a AND id > :upto`` per address) in a task of its own; the other streams
woken by the same news await that task instead of reading. Each stream then takes from the logs
of its own addresses the rows after its own last id, in its own thread: what a viewer may see is
still chosen by the addresses its page was given (the room, and the person's own address), as
before. A stream behind the oldest row a log keeps (a page resuming from an old
``Last-Event-ID``) reads on its own, as before.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import and_, or_
from sqlmodel import col, select

from adapters.web.hub import Hub
from core.db import Database
from core.models import WebMessage
from core.webchat import read_messages

KEEP = 400
"""Rows each address's log keeps (the newest); a stream further behind reads on its own."""
BATCH = 200
"""Rows one read of the logs returns at most (a longer backlog: more reads in the same task)."""


@dataclass
class _Log:
    """The newest rows of one address and how far they are known."""

    watchers: int = 0
    rows: list[WebMessage] = field(default_factory=list)
    upto: int = -1
    """Every row up to this id is known (-1: never read)."""
    floor: int = 0
    """Rows up to this id may be missing (dropped or never read)."""
    latest: int = -1
    """The hub's newest id for the address when it was last read."""
    mark: int = -1
    """The hub's generation when it was last read."""
    reading: _Read | None = None
    """The latest read started for it."""


@dataclass
class _Read:
    """A read in flight: what the hub had announced when it started, and its task."""

    task: asyncio.Task[None]
    mark: int
    latest: dict[str, int]


class Fanout:
    """The logs of the watched addresses of one process's hub (see the module docstring)."""

    def __init__(self, db: Database, hub: Hub) -> None:
        self._db = db
        self._hub = hub
        self._logs: dict[str, _Log] = {}
        self.reads = 0
        """Statements run so far (each read of the logs)."""

    @contextmanager
    def watching(self, addresses: Sequence[str]) -> Iterator[None]:
        """Keep the logs of ``addresses`` while a stream shows them."""
        for name in addresses:
            self._logs.setdefault(name, _Log()).watchers += 1
        try:
            yield
        finally:
            for name in addresses:
                log = self._logs.get(name)
                if log is not None:
                    log.watchers -= 1
                    if log.watchers <= 0:
                        del self._logs[name]

    def _stale(self, name: str, log: _Log) -> bool:
        return log.mark != self._hub.mark() or self._hub.latest([name]) > log.latest

    def _pending(self, name: str) -> asyncio.Task[None] | None:
        """The read in flight that will cover everything announced for ``name``, if any."""
        log = self._logs[name]
        reading = log.reading
        if reading is None or reading.task.done() or reading.mark != self._hub.mark():
            return None
        return reading.task if self._hub.latest([name]) <= reading.latest[name] else None

    async def rows_after(
        self, addresses: Sequence[str], thread: str | None, after: int, limit: int
    ) -> list[WebMessage]:
        """Rows of ``addresses`` (in ``thread`` when given) after ``after``, oldest first."""
        names = list(addresses)
        while stale := [name for name in names if self._stale(name, self._logs[name])]:
            tasks = {task for name in stale if (task := self._pending(name)) is not None}
            if any(self._pending(name) is None for name in stale):
                tasks.add(self._start_read())
            await asyncio.gather(*(asyncio.shield(task) for task in tasks))
        if any(self._logs[name].floor > after for name in names):
            return await read_messages(self._db, names, thread, after, limit=limit)
        found = [
            row
            for name in names
            for row in self._logs[name].rows
            if row.id is not None and row.id > after and (thread is None or row.thread == thread)
        ]
        found.sort(key=lambda row: row.id or 0)
        return found[:limit]

    def _start_read(self) -> asyncio.Task[None]:
        """Read every stale watched log no read in flight covers: one task, one statement."""
        names = [
            name
            for name, log in self._logs.items()
            if self._stale(name, log) and self._pending(name) is None
        ]
        latest = {name: self._hub.latest([name]) for name in names}
        mark = self._hub.mark()
        task = asyncio.ensure_future(self._read(names, latest, mark))
        reading = _Read(task, mark, latest)
        for name in names:
            self._logs[name].reading = reading
        return task

    async def _read(self, names: list[str], latest: dict[str, int], mark: int) -> None:
        logs = {name: self._logs[name] for name in names if name in self._logs}
        fresh = [name for name, log in logs.items() if log.upto < 0]
        for name in fresh:  # a new log starts from the address's newest rows
            rows = await read_messages(self._db, [name], None, None, limit=KEEP)
            self.reads += 1
            self._keep(logs[name], rows, full=len(rows) >= KEEP)
        known = {name: log for name, log in logs.items() if name not in fresh}
        while known:
            rows = await self._read_known(known)
            self.reads += 1
            if not rows:
                break
            by_name: dict[str, list[WebMessage]] = {}
            for row in rows:
                by_name.setdefault(row.address, []).append(row)
            for name, log in known.items():
                self._keep(log, by_name.get(name, []), full=False)
            if len(rows) < BATCH:
                break
            newest = rows[-1].id or 0
            for log in known.values():  # every row up to ``newest`` was in this read
                log.upto = max(log.upto, newest)
        for log in logs.values():
            log.mark = mark
        for name, log in logs.items():
            log.latest = max(log.latest, latest.get(name, -1))

    async def _read_known(self, logs: dict[str, _Log]) -> list[WebMessage]:
        """The rows after each log's ``upto``, oldest first: one statement."""
        after = [
            and_(col(WebMessage.address) == name, col(WebMessage.id) > log.upto)
            for name, log in logs.items()
        ]
        statement = select(WebMessage).where(or_(*after)).order_by(col(WebMessage.id))
        async with self._db.read() as uow:
            return list((await uow.session.exec(statement.limit(BATCH))).all())

    @staticmethod
    def _keep(log: _Log, rows: list[WebMessage], *, full: bool) -> None:
        """Add ``rows`` (oldest first) to ``log``; ``full``: older rows may exist unread."""
        if full and rows and rows[0].id is not None:
            log.floor = max(log.floor, rows[0].id - 1)
        log.rows.extend(row for row in rows if row.id is not None and row.id > log.upto)
        if log.rows:
            log.upto = max(log.upto, log.rows[-1].id or 0)
        elif log.upto < 0:
            log.upto = 0
        if len(log.rows) > KEEP:
            dropped = log.rows[: len(log.rows) - KEEP]
            log.rows = log.rows[len(log.rows) - KEEP :]
            log.floor = max(log.floor, dropped[-1].id or 0)


_FANOUTS: weakref.WeakKeyDictionary[Hub, Fanout] = weakref.WeakKeyDictionary()


def fanout_of(db: Database, hub: Hub) -> Fanout:
    """The process's fan-out for ``hub`` (made on first use)."""
    found = _FANOUTS.get(hub)
    if found is None:
        found = _FANOUTS[hub] = Fanout(db, hub)
    return found

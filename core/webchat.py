"""The web channel's message store: the ``web_message`` rows its pages show, written and read.

Three writers, each keeping a message from showing twice:

- the web sender stores one row per delivered outbox row (:func:`store_delivery`); ``outbound_id``
  is unique, so a retried delivery finds the row already written;
- the client chat shows the client's own message once per client message id
  (:func:`add_client_echo`, the ``client_key`` of the payload), and removes it again when the
  core refused the message (:func:`delete_message`);
- the console shows a staff member's relayed message in the session's thread
  (:func:`add_staff_echo`), keyed by the relay row's id made negative.

Readers: the live streams and histories (:func:`read_messages`), the check that a browser may
fetch a file (:func:`recent_payloads`), the console's rooms and threads (:func:`messages_at`).
Every function opens its own unit of work, except :func:`messages_at` (the caller's).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, delete, select

from core.db import Database, UnitOfWork
from core.models import WebMessage

logger = logging.getLogger(__name__)

PAGE = 200
"""How many rows one read returns at most (a page's history, one batch of a stream)."""
CLIENT_ECHO_SEARCHED = 50
"""How many of the address's newest rows are searched for a client message id seen before."""


@dataclass(frozen=True)
class StoredMessage:
    """The row of a delivered outbox row: ``new`` when this call wrote it."""

    id: int
    new: bool


async def _insert(db: Database, row: WebMessage) -> int:
    """Write ``row`` in its own transaction and return its id (IntegrityError on a conflict)."""
    async with db.uow() as uow:
        uow.session.add(row)
        await uow.session.flush()
        row_id = row.id
        await uow.commit()
    assert row_id is not None
    return row_id


async def delivered_message_id(db: Database, outbound_id: int) -> int | None:
    """The id of the row stored for the outbox row ``outbound_id``, if any."""
    async with db.uow() as uow:
        statement = select(WebMessage.id).where(WebMessage.outbound_id == outbound_id)
        return (await uow.session.exec(statement)).first()


async def store_delivery(
    db: Database,
    row: WebMessage,
    *,
    on_conflict: Callable[[], Awaitable[None]] | None = None,
) -> StoredMessage:
    """Store the row of a delivered outbox row, once per ``row.outbound_id``.

    When the insert conflicts, ``on_conflict`` is awaited first (the sender forgets the files it
    kept for this attempt), then the row stored earlier for the same outbox row is returned
    (``new`` False). A conflict with no such row is not a repeated delivery: the IntegrityError
    is raised again.
    """
    assert row.outbound_id is not None
    try:
        return StoredMessage(await _insert(db, row), new=True)
    except IntegrityError:
        if on_conflict is not None:
            await on_conflict()
        found = await delivered_message_id(db, row.outbound_id)
        if found is None:
            raise
        return StoredMessage(found, new=False)


async def add_staff_echo(db: Database, row: WebMessage) -> int | None:
    """Store a staff member's own message in a thread; None when its row is there already.

    ``row.outbound_id`` (the relay row's id made negative) is unique, so two requests racing to
    show the same relayed message store it once.
    """
    try:
        return await _insert(db, row)
    except IntegrityError:
        return None


async def add_client_echo(db: Database, row: WebMessage, key: str) -> int | None:
    """Store the client's own message ``row`` unless its message id ``key`` was shown already.

    None when one of the address's :data:`CLIENT_ECHO_SEARCHED` newest rows carries ``key`` as
    its ``client_key`` (a double submit: the message is handled once).
    """
    async with db.uow() as uow:
        recent = await uow.session.exec(
            select(WebMessage)
            .where(WebMessage.address == row.address)
            .order_by(col(WebMessage.id).desc())
            .limit(CLIENT_ECHO_SEARCHED)
        )
        if any((seen.payload or {}).get("client_key") == key for seen in recent.all()):
            return None
        uow.session.add(row)
        await uow.session.flush()
        row_id = row.id
        await uow.commit()
    assert row_id is not None
    return row_id


async def delete_message(db: Database, row_id: int) -> None:
    """Remove the row ``row_id`` (a client's message the core refused: nothing of it is kept)."""
    async with db.uow() as uow:
        await uow.session.exec(delete(WebMessage).where(col(WebMessage.id) == row_id))
        await uow.commit()


async def read_messages(
    db: Database,
    addresses: Sequence[str],
    thread: str | None,
    after_id: int | None,
    *,
    limit: int = PAGE,
) -> list[WebMessage]:
    """Rows for ``addresses`` (and ``thread`` when given) after ``after_id``, oldest first.

    Without ``after_id``: the newest ``limit`` rows (a page's history).
    """
    statement = select(WebMessage).where(col(WebMessage.address).in_(list(addresses)))
    if thread is not None:
        statement = statement.where(WebMessage.thread == thread)
    async with db.read() as uow:
        if after_id is None:
            newest = statement.order_by(col(WebMessage.id).desc()).limit(limit)
            return list(reversed((await uow.session.exec(newest)).all()))
        ordered = statement.where(col(WebMessage.id) > after_id).order_by(col(WebMessage.id))
        return list((await uow.session.exec(ordered.limit(limit))).all())


async def recent_payloads(db: Database, address: str, limit: int) -> list[Mapping[str, Any]]:
    """The payloads of the ``limit`` newest rows of ``address``, newest first."""
    statement = (
        select(WebMessage.payload)
        .where(WebMessage.address == address)
        .order_by(col(WebMessage.id).desc())
        .limit(limit)
    )
    async with db.read() as uow:
        return list((await uow.session.exec(statement)).all())


def collapse(rows: list[WebMessage]) -> list[WebMessage]:
    """Rows with edits applied: an edit takes its original's place (the original's order)."""
    order: list[int] = []
    latest: dict[int, WebMessage] = {}
    for row in rows:
        assert row.id is not None
        target = row.replaces_id if row.replaces_id in latest else row.id
        if target not in latest:
            order.append(target)
        latest[target] = row
    return [latest[key] for key in order]


async def messages_at(
    uow: UnitOfWork, addresses: list[str], thread: str | None, *, limit: int = PAGE
) -> list[WebMessage]:
    """Rows for ``addresses`` (top level when ``thread`` is None), oldest first, edits applied."""
    statement = select(WebMessage).where(col(WebMessage.address).in_(addresses))
    if thread is None:
        statement = statement.where(col(WebMessage.thread).is_(None))
    else:
        statement = statement.where(WebMessage.thread == thread)
    newest = statement.order_by(col(WebMessage.id).desc()).limit(limit)
    rows = list(reversed((await uow.session.exec(newest)).all()))
    return collapse(rows)

"""Things sent at most once per interval per client, counted in the database so that several
bot processes (HTTP mode) and a restart share the count: the queue position message and the
nudge template.

One row per (kind, client's keyed hash) holds when it was last sent. ``claim`` is one
``INSERT ... ON CONFLICT DO UPDATE ... WHERE last_at <= now - interval RETURNING``: a row comes
back only to the one caller that may send now (a concurrent claim waits for the first one's
commit, then finds the interval not over).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from core.clock import Clock
from core.db import Database
from core.models import WhatsAppThrottle

POSITION = "position"
NUDGE = "nudge"
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def _claim(insert: Any) -> Any:
    statement = insert(WhatsAppThrottle).values(
        kind=bindparam("kind"), key=bindparam("key"), last_at=bindparam("now")
    )
    return statement.on_conflict_do_update(
        index_elements=["kind", "key"],
        set_={"last_at": statement.excluded.last_at},
        where=col(WhatsAppThrottle.last_at) <= bindparam("threshold"),
    ).returning(col(WhatsAppThrottle.id))


_CLAIM = {"postgresql": _claim(postgresql_insert), "sqlite": _claim(sqlite_insert)}


async def claim(db: Database, clock: Clock, kind: str, key: str, interval: timedelta) -> bool:
    """True (and the time recorded) when ``kind`` was not sent to ``key`` within ``interval``:
    this caller sends it; False when another process or an earlier run already did."""
    now = clock.now()
    async with db.uow() as uow:
        statement = _CLAIM[uow.session.get_bind().dialect.name]
        params = {"kind": kind, "key": key, "now": now, "threshold": now - interval}
        won = (await uow.session.execute(statement, params)).first() is not None
        await uow.commit()
    return won


async def release(db: Database, clock: Clock, kind: str, key: str) -> None:
    """Give back a claim made now whose sending failed (the next try may send)."""
    async with db.uow() as uow:
        await uow.session.execute(
            update(WhatsAppThrottle)
            .where(
                col(WhatsAppThrottle.kind) == kind,
                col(WhatsAppThrottle.key) == key,
                col(WhatsAppThrottle.last_at) == clock.now(),
            )
            .values(last_at=LONG_AGO)
        )
        await uow.commit()

"""Small values the bot learned about itself, kept in the database (table ``bot_setting``).

Today: the Telegram bot's username, stored by ``consultoria setup telegram`` from ``getMe``, so
every ``https://t.me/<bot>?start=<code>`` link is real without a setting to fill in by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.base import Executable

from core.clock import Clock
from core.db import UnitOfWork
from core.models import BotSetting

TELEGRAM_USERNAME = "telegram_bot_username"
"""Key of the Telegram bot's username (without the ``@``)."""
_USERNAME = re.compile(r"^[A-Za-z]\w{3,31}$", re.ASCII)


async def read_setting(uow: UnitOfWork, key: str) -> str | None:
    """The stored value of ``key``, or None."""
    row = await uow.session.get(BotSetting, key)
    return row.value if row is not None else None


_TABLE: Table = BotSetting.__table__  # type: ignore[attr-defined]


def _upsert(insert: Callable[[Table], Any]) -> Executable:
    statement = insert(_TABLE)
    excluded = statement.excluded
    return statement.on_conflict_do_update(  # type: ignore[no-any-return]
        index_elements=[_TABLE.c.key],
        set_={"value": excluded.value, "updated_at": excluded.updated_at},
    )


_UPSERT = {"postgresql": _upsert(pg_insert), "sqlite": _upsert(sqlite_insert)}
"""Insert or replace in one statement: processes starting together (each storing what
``getMe`` said) do not collide on the key."""


async def write_setting(uow: UnitOfWork, clock: Clock, key: str, value: str) -> None:
    """Store ``value`` under ``key`` (replacing what was there); the caller commits."""
    connection = await uow.session.connection()
    values = {"key": key, "value": value, "updated_at": clock.now()}
    await connection.execute(_UPSERT[connection.dialect.name], values)


async def stored_telegram_username(uow: UnitOfWork) -> str:
    """The Telegram bot's username as last stored ("" when never stored)."""
    return await read_setting(uow, TELEGRAM_USERNAME) or ""


async def store_telegram_username(uow: UnitOfWork, clock: Clock, username: str) -> str:
    """Store the bot's username (``@`` dropped); ValueError when it is not a username."""
    name = username.strip().lstrip("@")
    if not _USERNAME.match(name):
        raise ValueError(f"not a Telegram username: {username!r}")
    await write_setting(uow, clock, TELEGRAM_USERNAME, name)
    return name


async def telegram_username(uow: UnitOfWork, configured: str = "") -> str:
    """The username for links: the configured one (``CONSULTORIA_TELEGRAM_BOT_USERNAME``) when
    set, else the stored one; "" when neither is known."""
    return configured.strip().lstrip("@") or await stored_telegram_username(uow)

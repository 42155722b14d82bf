"""Small values the bot learned about itself, kept in the database (table ``bot_setting``).

Today: the Telegram bot's username, stored by ``consultoria setup telegram`` from ``getMe``, so
every ``https://t.me/<bot>?start=<code>`` link is real without a setting to fill in by hand.
"""

from __future__ import annotations

import re

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


async def write_setting(uow: UnitOfWork, clock: Clock, key: str, value: str) -> None:
    """Store ``value`` under ``key`` (replacing what was there); the caller commits."""
    row = await uow.session.get(BotSetting, key)
    if row is None:
        uow.session.add(BotSetting(key=key, value=value, updated_at=clock.now()))
    else:
        row.value, row.updated_at = value, clock.now()
        uow.session.add(row)
    await uow.session.flush()


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

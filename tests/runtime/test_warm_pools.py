"""A started bot on PostgreSQL holds its pools' connections open before the first message.

Opened only when first needed, each connection cost the first burst after a start (a restart in a
busy hour) a connect and asyncpg's set-up, with messages waiting behind it.
"""

from __future__ import annotations

import logging

import asyncpg
import pytest

from bot.notify import asyncpg_dsn
from bot.runtime import Runtime
from tests.runtime.conftest import settings_for

pytestmark = pytest.mark.postgres

POOL_SIZE = 3


async def _connections(url: str) -> int:
    """Connections to the database of ``url`` other than the asking one."""
    asking = await asyncpg.connect(asyncpg_dsn(url))
    try:
        return int(
            await asking.fetchval(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    finally:
        await asking.close()


async def test_a_started_bot_has_both_pools_open_before_any_message(
    postgres_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.runtime")
    settings = settings_for(None, None, postgres_url, database_pool_size=POOL_SIZE)
    runtime = Runtime(settings, idle=30)
    await runtime.start()
    try:
        # the writers' and the readers' pools, plus the LISTEN connection for wake-ups
        assert await _connections(postgres_url) >= 2 * POOL_SIZE + 1
        assert f"database pools warmed: {2 * POOL_SIZE} connections open" in caplog.text
    finally:
        await runtime.stop()
    assert await _connections(postgres_url) == 0, "stopping closes every connection"

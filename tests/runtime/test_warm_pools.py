"""A started bot on PostgreSQL holds its pools' connections open before the first message.

Opened only when first needed, each connection cost the first burst after a start (a restart in a
busy hour) a connect and asyncpg's set-up, with messages waiting behind it. Where the server has
fewer connections to give, the bot starts all the same and opens them as needed.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator

import aiohttp
import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.notify import asyncpg_dsn
from bot.runtime import Runtime
from tests.conftest import POSTGRES_URL
from tests.runtime.conftest import settings_for

pytestmark = pytest.mark.postgres

POOL_SIZE = 3


async def _connections(url: str) -> int:
    """Connections to the database of ``url`` other than the asking one."""
    asking = await asyncpg.connect(asyncpg_dsn(POSTGRES_URL), database=make_url(url).database)
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


LIMIT = 6
"""Connections the scarce server gives the bot's role: enough to run on, fewer than its two
warm pools (10) and the LISTEN connection."""


@pytest.fixture
async def scarce_url(postgres_url: str) -> AsyncIterator[str]:
    """``postgres_url`` reached as a role the server gives ``LIMIT`` connections (it owns the
    database; superusers have no limit)."""
    role = f"consultoria_scarce_{uuid.uuid4().hex[:8]}"
    database = make_url(postgres_url).database
    admin = await asyncpg.connect(asyncpg_dsn(POSTGRES_URL))
    try:
        await admin.execute(f'CREATE ROLE "{role}" LOGIN CONNECTION LIMIT {LIMIT}')
        await admin.execute(f'ALTER DATABASE "{database}" OWNER TO "{role}"')
        yield make_url(postgres_url).set(username=role).render_as_string(hide_password=False)
    finally:
        inside = await asyncpg.connect(asyncpg_dsn(POSTGRES_URL), database=database)
        try:
            await inside.execute(f'REASSIGN OWNED BY "{role}" TO CURRENT_USER')
        finally:
            await inside.close()
        await admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        await admin.close()


async def test_with_too_few_connections_to_warm_the_bot_starts_and_serves(
    scarce_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    runtime = Runtime(settings_for(None, None, scarce_url, database_pool_size=5), idle=30)
    await runtime.start()
    try:
        assert "database pools not warmed" in caplog.text
        assert "connections are opened as needed" in caplog.text
        assert "database pools warmed:" not in caplog.text
        assert await _connections(scarce_url) <= LIMIT
        async with aiohttp.ClientSession() as http:
            health = f"http://127.0.0.1:{runtime.http_port}/healthz"
            async with http.get(health) as response:
                assert response.status == 200, await response.text()
    finally:
        await runtime.stop()

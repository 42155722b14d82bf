"""Several processes starting together on a new release upgrade the same database once."""

from __future__ import annotations

import asyncio

import pytest

from bot.schema import current_revision, head_revision, upgrade
from core.db import Database

pytestmark = pytest.mark.postgres


async def test_four_processes_upgrading_an_empty_postgresql_database_together_all_succeed(
    postgres_url: str,
) -> None:
    databases = [Database(postgres_url) for _ in range(4)]  # one engine per "process"
    try:
        together = asyncio.gather(*(upgrade(db) for db in databases))
        reached = await asyncio.wait_for(together, 120)  # without the lock they block each other
        assert reached == [head_revision()] * 4
        assert await current_revision(databases[0]) == head_revision()
    finally:
        for db in databases:
            await db.dispose()

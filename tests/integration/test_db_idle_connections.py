"""A pooled PostgreSQL connection that died while idle is replaced, not handed out."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from core.db import normalise_url, ping_when_idle
from tests.conftest import POSTGRES_URL

pytestmark = pytest.mark.postgres


async def test_a_connection_killed_while_idle_is_replaced_before_use() -> None:
    engine = ping_when_idle(create_async_engine(normalise_url(POSTGRES_URL)), idle=0.0)
    admin = await asyncpg.connect(POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        async with engine.begin() as connection:
            killed = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        await admin.execute("SELECT pg_terminate_backend($1)", killed)

        async with engine.begin() as connection:
            now_on = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()

        assert now_on != killed
    finally:
        await admin.close()
        await engine.dispose()

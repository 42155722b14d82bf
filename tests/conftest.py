"""Shared fixtures: a manual clock, SQLite and PostgreSQL databases migrated from empty."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
import pytest

from bot import schema
from core.clock import ManualClock
from core.db import Database

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
POSTGRES_URL = os.environ.get(
    "CONSULTORIA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("CONSULTORIA_REQUIRE_POSTGRES") == "1"


@pytest.fixture
def clock() -> ManualClock:
    """Monday 23/11/2026 10:00 in São Paulo: inside opening hours."""
    return ManualClock(datetime(2026, 11, 23, 10, 0, tzinfo=SAO_PAULO))


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No developer .env or CONSULTORIA_* variable leaks into a test; SQLite file per test."""
    for name in list(os.environ):
        if name.startswith("CONSULTORIA_") and not name.startswith("CONSULTORIA_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONSULTORIA_DATABASE_URL", f"sqlite:///{tmp_path / 'test.db'}")


async def _admin_connection() -> asyncpg.Connection:
    dsn = POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://")
    try:
        return await asyncpg.connect(dsn, timeout=5)
    except (OSError, asyncpg.PostgresError) as error:
        if REQUIRE_POSTGRES:
            pytest.fail(
                f"PostgreSQL required (CONSULTORIA_REQUIRE_POSTGRES=1) but unreachable: {error}"
            )
        pytest.skip(f"no PostgreSQL server reachable at {POSTGRES_URL}: {error}")


@asynccontextmanager
async def fresh_postgres_database() -> AsyncIterator[str]:
    """Create an empty PostgreSQL database, yield its URL, drop it afterwards."""
    admin = await _admin_connection()
    name = f"consultoria_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file for one test."""
    return f"sqlite:///{tmp_path / 'consultoria.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An empty database on each engine (the PostgreSQL one needs the local server)."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'engine.db'}")
        try:
            yield db
        finally:
            await db.dispose()
        return
    async with fresh_postgres_database() as url:
        db = Database(url)
        try:
            yield db
        finally:
            await db.dispose()


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A fresh, empty PostgreSQL database for one test (for CLI tests on PostgreSQL)."""
    async with fresh_postgres_database() as url:
        yield url


@pytest.fixture
async def db(empty_db: Database) -> Database:
    """A database on each engine, migrated to the newest revision."""
    await schema.upgrade(empty_db)
    return empty_db

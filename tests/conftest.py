"""Shared fixtures: a manual clock, SQLite and PostgreSQL databases migrated from empty."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import pytest

from bot import schema
from core.clock import ManualClock
from core.db import Database

# python-telegram-bot 22: opt in to timedelta durations (RetryAfter.retry_after), as bot/ does.
os.environ.setdefault("PTB_TIMEDELTA", "1")

pytest_plugins = ["tests.fakes.fixtures"]  # fake_telegram, fake_slack

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
async def fresh_postgres_database(template: str | None = None) -> AsyncIterator[str]:
    """Create a PostgreSQL database (empty, or a copy of ``template``), drop it afterwards."""
    admin = await _admin_connection()
    name = f"consultoria_test_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    await admin.execute(f'CREATE DATABASE "{name}"{copy}')
    base = POSTGRES_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def _run_blocking(work: Coroutine[Any, Any, None]) -> None:
    """Run ``work`` on its own loop in a thread (session fixtures are set up inside a loop)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, work).result()


async def _migrate(url: str) -> None:
    db = Database(url)
    try:
        await schema.upgrade(db)
    finally:
        await db.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once per test run; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    _run_blocking(_migrate(f"sqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A PostgreSQL database migrated once per test run, copied (CREATE ... TEMPLATE) per test."""
    name = f"consultoria_template_{uuid.uuid4().hex[:12]}"

    async def _create() -> None:
        admin = await _admin_connection()
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        await _migrate(f"{POSTGRES_URL.rsplit('/', 1)[0]}/{name}")

    async def _drop() -> None:
        admin = await _admin_connection()
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()

    _run_blocking(_create())
    yield name
    _run_blocking(_drop())


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


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A database on each engine, migrated to the newest revision (a copy of a migrated one)."""
    if request.param == "sqlite":
        path = tmp_path / "migrated.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        database = Database(f"sqlite:///{path}")
        try:
            yield database
        finally:
            await database.dispose()
        return
    async with fresh_postgres_database(request.getfixturevalue("postgres_template")) as url:
        database = Database(url)
        try:
            yield database
        finally:
            await database.dispose()


@pytest.fixture
async def postgres_db(postgres_template: str) -> AsyncIterator[Database]:
    """A migrated PostgreSQL database alone (for row-locking behaviour SQLite does not have)."""
    async with fresh_postgres_database(postgres_template) as url:
        database = Database(url)
        try:
            yield database
        finally:
            await database.dispose()

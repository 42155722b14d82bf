"""Database schema upgrades with Alembic, run on start and by ``consultoria db upgrade``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from core.db import Database

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
UPGRADE_LOCK = 0x636F6E73
"""PostgreSQL advisory lock key held for a schema change: processes starting together on a new
revision upgrade one after the other (the later ones then find nothing to do)."""


def alembic_config() -> Config:
    """An Alembic configuration pointing at the shipped migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest revision the code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    """Switch SQLite's foreign-key enforcement (only possible outside a transaction)."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    finally:
        cursor.close()


def _dangling_references(connection: Connection) -> list[Any]:
    return list(connection.exec_driver_sql("PRAGMA foreign_key_check").all())


async def _migrate(db: Database, run: Callable[[Connection], None]) -> None:
    """Run Alembic in one transaction; on SQLite with foreign keys off while tables are rebuilt.

    SQLite changes a column by copying the table and dropping the old one, which foreign keys
    from rows elsewhere forbid; the references are checked before the commit instead. On
    PostgreSQL an advisory lock makes concurrent upgrades (several processes starting on a new
    release) wait for each other instead of failing on each other's tables; SQLite's own write
    lock does the same there.
    """
    async with db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            await connection.run_sync(_sqlite_foreign_keys, False)
        try:
            if connection.dialect.name == "postgresql":  # released at commit or rollback
                await connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})")
            await connection.run_sync(run)
            if sqlite:
                dangling = await connection.run_sync(_dangling_references)
                if dangling:
                    raise RuntimeError(f"migration left rows pointing nowhere: {dangling[:5]}")
            await connection.commit()
        finally:
            if sqlite:
                await connection.rollback()
                await connection.run_sync(_sqlite_foreign_keys, True)


async def upgrade(db: Database, revision: str = "head") -> str:
    """Bring the database to ``revision`` (default: the newest) and return where it now is."""
    config = alembic_config()

    def _upgrade(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    await _migrate(db, _upgrade)
    current = await current_revision(db)
    return current or "base"


async def downgrade(db: Database, revision: str) -> str:
    """Take the database back to ``revision`` (keeping its rows) and return where it now is."""
    config = alembic_config()

    def _downgrade(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    await _migrate(db, _downgrade)
    current = await current_revision(db)
    return current or "base"


async def current_revision(db: Database) -> str | None:
    """The revision the database is at, or None when it is empty."""

    def _current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with db.engine.connect() as connection:
        return await connection.run_sync(_current)

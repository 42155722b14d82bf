"""Copies of the database: SQLite through its online backup API, PostgreSQL through ``pg_dump``.

A backup is written to ``<file>.partial`` and renamed once checked, so a file with the chosen name
is always whole: a SQLite copy passes ``PRAGMA integrity_check`` and holds ``alembic_version``; a
PostgreSQL dump (custom format) is listed by ``pg_restore --list`` and holds that table's data.
Both are consistent while the bot runs and writes: SQLite copies in one step inside one read
transaction (WAL lets the writers go on), ``pg_dump`` reads one snapshot. The PostgreSQL URL's
parts go to the tools as ``PG*`` environment variables (the password never on a command line).

A restore goes onto an EMPTY database only (no table at all), in one transaction: SQLite through
the same backup API, PostgreSQL with ``pg_restore --single-transaction --exit-on-error``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import create_async_engine

from core.db import normalise_url
from core.errors import BusinessError

logger = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
PG_TABLES = (
    "SELECT count(*) FROM information_schema.tables "
    "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
)


class BackupError(BusinessError):
    """A backup or restore that cannot be done: the reason, in the operator's language."""


@dataclass(frozen=True)
class BackupResult:
    """A checked backup file: where, how big, and the schema revision it holds."""

    path: Path
    size: int
    revision: str
    engine: str


def _engine(url: str) -> str:
    return make_url(normalise_url(url)).get_backend_name()


def sqlite_path(url: str) -> Path:
    """The file of a SQLite URL; BackupError for an in-memory database."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("backup.sqlite_memory")
    return Path(database)


def pg_environment(url: str) -> dict[str, str]:
    """The process environment plus the URL's host, port, user, password and options as
    ``PG*`` variables (what libpq's tools read; nothing secret on a command line)."""
    parsed: URL = make_url(url)
    env = dict(os.environ)
    values = {
        "PGHOST": parsed.host,
        "PGPORT": str(parsed.port) if parsed.port else None,
        "PGUSER": parsed.username,
        "PGPASSWORD": parsed.password,
        "PGDATABASE": parsed.database,
    }
    for key in ("sslmode", "sslrootcert", "sslcert", "sslkey", "application_name"):
        value = parsed.query.get(key)
        if isinstance(value, str):
            values[f"PG{key.upper()}"] = value
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError("backup.tool_missing", tool=name)
    return found


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def _checked_sqlite(path: Path) -> str:
    """The revision a SQLite copy holds; BackupError when it is damaged or not ours."""
    try:
        with contextlib.closing(sqlite3.connect(path)) as copy:
            verdict = copy.execute("PRAGMA integrity_check").fetchone()
            if verdict is None or verdict[0] != "ok":
                raise BackupError("backup.damaged", path=path, detail=verdict)
            row = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError("backup.damaged", path=path, detail=error) from error
    if row is None:
        raise BackupError("backup.no_revision", path=path)
    return str(row[0])


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target`` in one step (one read transaction: a consistent copy)."""
    with (
        contextlib.closing(sqlite3.connect(source, timeout=30)) as origin,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        origin.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file


def _backup_sqlite(url: str, output: Path) -> BackupResult:
    source = sqlite_path(url)
    if not source.is_file():
        raise BackupError("backup.sqlite_missing", path=source)
    partial = _partial(output)
    partial.unlink(missing_ok=True)
    try:
        _sqlite_copy(source, partial)
        revision = _checked_sqlite(partial)
        partial.replace(output)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupError("backup.failed", path=output, detail=error) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(output, output.stat().st_size, revision, "sqlite")


async def _run(command: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        *command,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    out, err = await process.communicate()
    code = process.returncode if process.returncode is not None else -1
    return code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _first_line(text_: str) -> str:
    lines = [line for line in text_.strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else ""


async def _backup_postgres(url: str, output: Path) -> BackupResult:
    pg_dump, pg_restore = _tool("pg_dump"), _tool("pg_restore")
    env = pg_environment(url)
    partial = _partial(output)
    partial.unlink(missing_ok=True)
    try:
        code, _, err = await _run([pg_dump, "--format=custom", f"--file={partial}"], env)
        if code != 0:
            raise BackupError("backup.pg_dump_failed", detail=_first_line(err))
        code, listing, err = await _run([pg_restore, "--list", str(partial)], env)
        if code != 0:
            raise BackupError("backup.damaged", path=output, detail=_first_line(err))
        if "TABLE DATA public alembic_version" not in listing:
            raise BackupError("backup.no_revision", path=output)
        revision = await _pg_revision(url)
        size = _publish(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(output, size, revision, "postgresql")


def _publish(partial: Path, output: Path) -> int:
    """Give the checked ``partial`` file its name; its size."""
    partial.replace(output)
    return output.stat().st_size


async def _pg_scalar(url: str, statement: str) -> object:
    engine = create_async_engine(normalise_url(url))
    try:
        async with engine.connect() as connection:
            return (await connection.execute(text(statement))).scalar()
    finally:
        await engine.dispose()


async def _pg_revision(url: str) -> str:
    return str(await _pg_scalar(url, "SELECT version_num FROM alembic_version"))


async def back_up(url: str, output: Path) -> BackupResult:
    """Write a checked, consistent backup of the database at ``url`` to ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    if _engine(url) == "sqlite":
        result = await asyncio.to_thread(_backup_sqlite, url, output)
    else:
        result = await _backup_postgres(url, output)
    logger.info("backup written: %s (%s bytes, revision %s)", output, result.size, result.revision)
    return result


def backup_kind(path: Path) -> str:
    """``sqlite`` or ``postgresql``: what made the backup file; BackupError when neither."""
    try:
        with path.open("rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise BackupError("backup.unreadable", path=path, detail=error.strerror) from error
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise BackupError("backup.unknown_file", path=path)


def _sqlite_tables(path: Path) -> int:
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with contextlib.closing(sqlite3.connect(path)) as connection:
        row = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
        return int(row.fetchone()[0])


async def _dump_revision(backup: Path) -> str:
    """The revision a PostgreSQL dump holds (its ``alembic_version`` data)."""
    command = [_tool("pg_restore"), "--data-only", "--table=alembic_version", "--file=-"]
    code, out, err = await _run([*command, str(backup)], dict(os.environ))
    if code != 0:
        raise BackupError("backup.damaged", path=backup, detail=_first_line(err))
    lines = out.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and number + 1 < len(lines):
            value = lines[number + 1].strip()
            if value and value != "\\.":
                return value
    raise BackupError("backup.no_revision", path=backup)


def _restore_sqlite(url: str, backup: Path) -> str:
    target = sqlite_path(url)
    revision = _checked_sqlite(backup)
    if _sqlite_tables(target):
        raise BackupError("backup.restore_not_empty", database=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        _sqlite_copy(backup, target)
    except sqlite3.Error as error:
        raise BackupError("backup.restore_failed", database=target, detail=error) from error
    return revision


async def _restore_postgres(url: str, backup: Path) -> str:
    pg_restore = _tool("pg_restore")
    if int(str(await _pg_scalar(url, PG_TABLES))):
        raise BackupError("backup.restore_not_empty", database=make_url(url).database)
    env = pg_environment(url)
    command = [
        pg_restore,
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        "--no-privileges",
        f"--dbname={env['PGDATABASE']}",
        str(backup),
    ]
    code, _, err = await _run(command, env)
    if code != 0:
        raise BackupError("backup.pg_restore_failed", detail=_first_line(err))
    return await _pg_revision(url)


async def restore(url: str, backup: Path, *, known: Callable[[str], bool] | None = None) -> str:
    """Restore ``backup`` onto the EMPTY database at ``url``; the revision it held.

    BackupError when the database holds any table, when the file is not a backup of this
    database's engine, when its schema revision is not ``known`` (made by a newer version), or
    when the tool fails: nothing is then written.
    """
    kind, engine = backup_kind(backup), _engine(url)
    if kind != engine:
        raise BackupError("backup.wrong_engine", made=kind, database=engine)
    if known is not None:
        if kind == "sqlite":
            held = await asyncio.to_thread(_checked_sqlite, backup)
        else:
            held = await _dump_revision(backup)
        if not known(held):
            raise BackupError("backup.newer_revision", revision=held)
    if engine == "sqlite":
        revision = await asyncio.to_thread(_restore_sqlite, url, backup)
    else:
        revision = await _restore_postgres(url, backup)
    logger.info("backup %s restored (revision %s)", backup, revision)
    return revision

"""``consultoria backup`` / ``restore`` as an operator types them, on both engines."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import pytest
from typer.testing import CliRunner, Result

from bot.cli import app
from tests.conftest import fresh_postgres_database

runner = CliRunner()


def run(*args: str) -> Result:
    """Invoke ``consultoria ARGS``."""
    return runner.invoke(app, list(args))


def ok(*args: str) -> str:
    """Invoke ``consultoria ARGS``, expect success and return the output."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def refused(*args: str) -> str:
    """Invoke ``consultoria ARGS``, expect exit status 2 and return stderr."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


@contextmanager
def pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database (``test`` server), dropped afterwards."""
    loop = asyncio.new_event_loop()
    made = fresh_postgres_database()
    try:
        yield loop.run_until_complete(made.__aenter__())
    finally:
        loop.run_until_complete(made.__aexit__(None, None, None))
        loop.close()


async def _set_revision(url: str, revision: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("UPDATE alembic_version SET version_num = $1", revision)
    finally:
        await connection.close()


async def _tables(url: str) -> int:
    connection = await asyncpg.connect(url)
    try:
        query = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        return int(await connection.fetchval(query))
    finally:
        await connection.close()


def _a_company() -> None:
    ok(
        "company",
        "add",
        "--name",
        "Metalúrgica Exemplo",
        "--product-line",
        "Industrial",
        "--rate",
        "180,00",
    )


def test_a_sqlite_backup_restores_into_a_new_file_and_not_onto_a_used_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_company()
    copy = tmp_path / "copia.db"
    assert "conferida" in ok("backup", "--output", str(copy))
    assert not (tmp_path / "copia.db.partial").exists()

    monkeypatch.setenv("CONSULTORIA_DATABASE_URL", f"sqlite:///{tmp_path / 'novo.db'}")
    assert "restaurada" in ok("restore", str(copy))
    assert "Metalúrgica Exemplo" in ok("company", "list")
    assert "não está vazio" in refused("restore", str(copy))


def test_a_copy_that_cannot_be_written_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    _a_company()
    blocked = tmp_path / "arquivo"
    blocked.write_text("", encoding="utf-8")
    assert "Não foi possível gravar" in refused("backup", "--output", str(blocked / "copia.db"))
    (tmp_path / "pasta.db").mkdir()
    assert "Não foi possível gravar" in refused("backup", "--output", str(tmp_path / "pasta.db"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arquivo", "pasta.db", "test.db"]


def test_a_copy_made_by_a_newer_version_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_company()
    copy = tmp_path / "copia.db"
    ok("backup", "--output", str(copy))
    with contextlib.closing(sqlite3.connect(copy)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
    monkeypatch.setenv("CONSULTORIA_DATABASE_URL", f"sqlite:///{tmp_path / 'novo.db'}")
    assert "9999" in refused("restore", str(copy))
    assert not (tmp_path / "novo.db").exists()


def test_what_is_not_a_backup_is_refused_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notas.txt"
    notes.write_text("nada aqui", encoding="utf-8")
    monkeypatch.setenv("CONSULTORIA_DATABASE_URL", f"sqlite:///{tmp_path / 'novo.db'}")
    assert "não é uma cópia do bot" in refused("restore", str(notes))
    assert "não existe" in refused("restore", str(tmp_path / "sumiu.db"))
    assert not (tmp_path / "novo.db").exists()


@pytest.mark.postgres
def test_a_postgresql_backup_restores_into_another_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pg_database() as first:
        monkeypatch.setenv("CONSULTORIA_DATABASE_URL", first)
        _a_company()
        copy = tmp_path / "copia.dump"
        assert "conferida" in ok("backup", "--output", str(copy))
    assert copy.read_bytes().startswith(b"PGDMP")

    with pg_database() as other:
        monkeypatch.setenv("CONSULTORIA_DATABASE_URL", other)
        assert "restaurada" in ok("restore", str(copy))
        assert "Metalúrgica Exemplo" in ok("company", "list")
        assert "não está vazio" in refused("restore", str(copy))

    with pg_database() as newer:  # a dump made by a newer version: refused, nothing restored
        monkeypatch.setenv("CONSULTORIA_DATABASE_URL", newer)
        _a_company()
        asyncio.run(_set_revision(newer, "9999"))
        ok("backup", "--output", str(tmp_path / "nova.dump"))
        with pg_database() as other:
            monkeypatch.setenv("CONSULTORIA_DATABASE_URL", other)
            assert "9999" in refused("restore", str(tmp_path / "nova.dump"))
            assert asyncio.run(_tables(other)) == 0

    with pg_database() as other:  # a SQLite copy is not for PostgreSQL
        sqlite_copy = tmp_path / "copia.db"
        monkeypatch.setenv("CONSULTORIA_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
        _a_company()
        ok("backup", "--output", str(sqlite_copy))
        monkeypatch.setenv("CONSULTORIA_DATABASE_URL", other)
        assert "mesmo tipo" in refused("restore", str(sqlite_copy))


@pytest.mark.postgres
def test_without_pg_dump_the_operator_is_told_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pg_database() as url:
        monkeypatch.setenv("CONSULTORIA_DATABASE_URL", url)
        _a_company()
        monkeypatch.setenv("PATH", str(tmp_path))
        message = refused("backup", "--output", str(tmp_path / "copia.dump"))
    assert "pg_dump não foi encontrado" in message
    assert "postgresql-client" in message
    assert not (tmp_path / "copia.dump").exists()

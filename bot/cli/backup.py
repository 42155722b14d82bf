"""``consultoria backup`` and ``consultoria restore``: a checked copy of the database, and its
restoration onto an empty database (then brought to the newest schema and checked)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.exc import DBAPIError, OperationalError

from bot import schema
from bot.cli.common import refuse, run_async
from bot.settings import Settings
from bot.wiring import database, display_url, load_settings
from core.backups import BackupResult, back_up, restore
from core.messages import t

logger = logging.getLogger(__name__)


def size_text(size: int, language: str) -> str:
    """A file size as people read it: ``512 B``, ``12,3 kB``, ``4,5 MB`` (``4.5 MB`` in en)."""
    value, unit = float(size), "B"
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    text = f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
    return text if language == "en" else text.replace(".", ",")


def _unreachable(settings: Settings, error: BaseException) -> None:
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    refuse(
        t(
            "db.unreachable",
            settings.language,
            database=display_url(settings.database_url),
            detail=text[0] if text else type(error).__name__,
        )
    )


def backup_command(
    output: Annotated[Path, typer.Option("--output", help="The backup file to write.")],
) -> None:
    """Write a checked copy of the database to OUTPUT (safe while the bot runs)."""
    settings = load_settings()

    async def _work() -> BackupResult:
        return await back_up(settings.database_url, output)

    try:
        result = run_async(settings, _work)
    except (OperationalError, DBAPIError, OSError) as error:
        if isinstance(error, OSError) and error.filename is not None:
            refuse(t("backup.unwritable", settings.language, path=output, detail=error.strerror))
        _unreachable(settings, error)
    typer.echo(
        t(
            "backup.written",
            settings.language,
            path=result.path,
            size=size_text(result.size, settings.language),
            revision=result.revision,
        )
    )


def _known(revision: str) -> bool:
    try:
        return (
            ScriptDirectory.from_config(schema.alembic_config()).get_revision(revision) is not None
        )
    except CommandError:
        return False


def restore_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by `backup`.")],
) -> None:
    """Restore FILE onto the EMPTY database of CONSULTORIA_DATABASE_URL, then check its schema."""
    settings = load_settings()
    language = settings.language
    if not file.is_file():
        refuse(t("backup.file_missing", language, path=file))

    async def _work() -> str:
        await restore(settings.database_url, file, known=_known)
        db = database(settings)
        try:
            await schema.upgrade(db)
            current = await schema.current_revision(db)
        finally:
            await db.dispose()
        if current != schema.head_revision():  # pragma: no cover - upgrade reaches the head
            refuse(t("backup.newer_revision", language, revision=current))
        return str(current)

    try:
        current = run_async(settings, _work)
    except (OperationalError, DBAPIError, OSError) as error:
        _unreachable(settings, error)
    typer.echo(
        t(
            "backup.restored",
            language,
            path=file,
            database=display_url(settings.database_url),
            revision=current,
        )
    )

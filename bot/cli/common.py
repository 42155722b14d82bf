"""Shared plumbing of the CLI commands: settings, database, business errors -> exit status 2."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import NoReturn, TypeVar

import typer
from sqlalchemy.exc import DBAPIError, OperationalError

from bot import schema
from bot.settings import Settings
from bot.wiring import database, display_url, load_settings
from core.clock import SystemClock
from core.db import Database
from core.errors import BusinessError
from core.messages import t

logger = logging.getLogger(__name__)

T = TypeVar("T")


def refuse(message: str) -> NoReturn:
    """Print ``message`` on stderr and exit with status 2 (bad input, nothing written)."""
    typer.echo(message, err=True)
    raise typer.Exit(2)


def write_whole(output: Path, data: bytes | str, unwritable: str, language: str) -> None:
    """Write ``data`` to ``output`` whole or not at all (a ``.partial`` file renamed at the end);
    a refusal (exit 2) with the text ``unwritable`` (``{path}``, ``{detail}``) when it cannot be
    written."""
    partial = output.with_name(output.name + ".partial")
    content = data.encode("utf-8") if isinstance(data, str) else data
    try:
        partial.write_bytes(content)
        partial.replace(output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        refuse(t(unwritable, language, path=output, detail=error.strerror))


def run_async(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    """Run ``work`` on a fresh event loop; business errors become a message and exit status 2."""
    try:
        return asyncio.run(_guarded(work))
    except BusinessError as error:
        refuse(error.render(settings.language))


async def _guarded(work: Callable[[], Awaitable[T]]) -> T:
    return await work()


def with_database(
    work: Callable[[Settings, Database], Awaitable[T]], settings: Settings | None = None
) -> T:
    """Load the settings, open and upgrade the database, run ``work``, close the database."""
    resolved = settings or load_settings()

    async def _run() -> T:
        db = database(resolved)
        try:
            try:
                await schema.upgrade(db)
            except (OperationalError, DBAPIError, OSError) as error:
                logger.debug("database unreachable", exc_info=True)
                refuse(
                    t(
                        "db.unreachable",
                        resolved.language,
                        database=display_url(db.url),
                        detail=_first_line(error),
                    )
                )
            return await work(resolved, db)
        finally:
            await db.dispose()

    return run_async(resolved, _run)


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error)
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


clock = SystemClock()
"""The server clock used by CLI commands."""

"""``consultoria run``: upgrade the database, then start whatever channels are configured."""

from __future__ import annotations

import logging

import typer

from bot.cli.common import clock, with_database
from bot.logs import configure_logging
from bot.settings import Settings
from bot.wiring import display_url, load_settings
from core.db import Database
from core.messages import t
from core.terms import ensure_default_terms

logger = logging.getLogger(__name__)

MISSING_CHANNELS_EXIT = 3


def run_command() -> None:
    """Start the bot: database upgraded, default terms published, channels started."""
    settings = load_settings()
    configure_logging(settings)

    async def _prepare(settings: Settings, db: Database) -> None:
        async with db.uow() as uow:
            await ensure_default_terms(uow, clock)
            await uow.commit()
        logger.info("database ready at %s", display_url(db.url))

    with_database(_prepare, settings)
    missing = settings.missing_channel_settings()
    if missing:
        typer.echo(
            t(
                "settings.missing_channels",
                settings.language,
                database=display_url(settings.database_url),
                names=", ".join(missing),
            ),
            err=True,
        )
        raise typer.Exit(MISSING_CHANNELS_EXIT)

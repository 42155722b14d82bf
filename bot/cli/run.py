"""``consultoria run``: start the bot with whatever channels are configured."""

from __future__ import annotations

import typer

from bot.cli.common import with_database
from bot.settings import Settings
from bot.wiring import display_url
from core.db import Database
from core.messages import t


def run_command() -> None:
    """Upgrade the database and start the configured channels."""

    async def _start(settings: Settings, db: Database) -> list[str]:
        return settings.missing_channel_settings()

    settings_missing = with_database(_start)
    if settings_missing:
        from bot.wiring import load_settings

        settings = load_settings()
        typer.echo(
            t(
                "settings.missing_channels",
                settings.language,
                database=display_url(settings.database_url),
                names=", ".join(settings_missing),
            ),
            err=True,
        )
        raise typer.Exit(3)

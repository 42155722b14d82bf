"""``consultoria db``: schema upgrades by hand (the bot also upgrades on start)."""

from __future__ import annotations

import typer

from bot import schema
from bot.cli.common import with_database
from bot.settings import Settings
from bot.wiring import display_url
from core.db import Database
from core.messages import t

app = typer.Typer(
    help="Database schema: upgrade to the newest revision, show the current one.",
    no_args_is_help=True,
)


@app.command("upgrade")
def upgrade_command() -> None:
    """Create or upgrade the database schema to the newest revision."""

    async def _work(settings: Settings, db: Database) -> str:
        return t(
            "db.upgraded",
            settings.language,
            database=display_url(db.url),
            revision=await schema.current_revision(db),
        )

    typer.echo(with_database(_work))


@app.command("current")
def current_command() -> None:
    """Print the revision the database is at."""

    async def _work(settings: Settings, db: Database) -> str:
        return str(await schema.current_revision(db))

    typer.echo(with_database(_work))

"""``consultoria run``: start the Runtime, serve until SIGTERM/SIGINT, stop cleanly, exit 0.

With no token at all the web channel runs alone (client chat, staff console, dashboard) and its
address is printed: ``Consultoria Online: http://127.0.0.1:8080/chat``.

Exit statuses: 0 after a clean stop; 2 when a setting is wrong (the message names it: a
malformed token, an unreachable database, a missing channel id, missing Slack scopes); 3 when no
channel is on at all (no token and ``CONSULTORIA_WEB_ENABLED=false``: the database is still
prepared, and the missing settings named).
"""

from __future__ import annotations

import asyncio
import logging
import signal

import typer

from bot import heap
from bot.checks import NoChannelError, StartupError
from bot.cli.common import clock, with_database
from bot.logs import configure_logging
from bot.runtime import Runtime
from bot.settings import Settings
from bot.wiring import display_url, load_settings
from core.db import Database
from core.messages import t
from core.terms import ensure_default_terms

logger = logging.getLogger(__name__)

MISSING_CHANNELS_EXIT = 3
BAD_SETTING_EXIT = 2
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def run_command() -> None:
    """Start the bot: database upgraded, default terms published, channels started."""
    settings = load_settings()
    configure_logging(settings)
    try:
        asyncio.run(serve(settings))
    except NoChannelError:
        _prepare_only(settings)
    except StartupError as error:
        logger.debug("start-up failed", exc_info=True)
        typer.echo(error.render(settings.language), err=True)
        raise typer.Exit(BAD_SETTING_EXIT) from None


async def serve(settings: Settings) -> None:
    """Run until a stop signal, then stop (flushing the outbox)."""
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for number in STOP_SIGNALS:
        loop.add_signal_handler(number, stopping.set)
    runtime = Runtime(settings)
    try:
        await runtime.start()
        heap.settle()
        if runtime.web_address is not None:
            typer.echo(f"Consultoria Online: {runtime.web_address}")
        logger.info("ready; stop with SIGTERM or Ctrl-C")
        await stopping.wait()
        logger.info("stop signal received; finishing")
        await runtime.stop()
    finally:
        for number in STOP_SIGNALS:
            loop.remove_signal_handler(number)
    logger.info("stopped")


def _prepare_only(settings: Settings) -> None:
    """No channel configured: prepare the database, name what is missing, exit 3."""

    async def _prepare(settings: Settings, db: Database) -> None:
        async with db.uow() as uow:
            await ensure_default_terms(uow, clock)
            await uow.commit()
        logger.info("database ready at %s", display_url(db.url))

    with_database(_prepare, settings)
    typer.echo(
        t(
            "settings.missing_channels",
            settings.language,
            database=display_url(settings.database_url),
            names=", ".join(settings.missing_channel_settings()),
        ),
        err=True,
    )
    raise typer.Exit(MISSING_CHANNELS_EXIT)

"""``/start [code]``: link by a deep-link access code (or not), greet, show the menu."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from adapters.telegram.handlers.common import (
    Context,
    TelegramApplication,
    act_and_reply,
    client_input,
)
from core import intake
from core.context import Core


def register(application: TelegramApplication, core: Core) -> None:
    """Add the ``/start`` handler."""

    async def start(update: Update, context: Context) -> None:
        """Hand ``/start`` and its optional code to ``intake.start``."""
        who = client_input(update)
        if who is None:
            return
        code = context.args[0] if context.args else None
        await act_and_reply(
            update,
            context,
            who,
            lambda: intake.start(
                core,
                who.address,
                code=code,
                name=who.name,
                language=who.language,
                inbound=who.inbound,
            ),
        )

    application.add_handler(CommandHandler("start", start, filters=filters.UpdateType.MESSAGE))

"""Free text from a client: ``intake.handle_text`` decides (relay, description, code, menu)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from adapters.telegram.handlers.common import (
    Context,
    TelegramApplication,
    act_and_reply,
    client_input,
)
from core import intake
from core.context import Core


def register(application: TelegramApplication, core: Core) -> None:
    """Add the handler of new text messages (commands excluded)."""

    async def text(update: Update, context: Context) -> None:
        """Hand the text to the core as is (any length: the core caps or relays it)."""
        who = client_input(update)
        message = update.message
        if who is None or message is None or message.text is None:
            return
        body = message.text
        await act_and_reply(
            update,
            context,
            who,
            lambda: intake.handle_text(
                core,
                who.address,
                body,
                name=who.name,
                language=who.language,
                inbound=who.inbound,
            ),
        )

    only = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(only, text))

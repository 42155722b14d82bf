"""Messages the service cannot take (stickers, locations, polls): a clear answer, no core call."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from adapters.telegram.handlers.common import Context, TelegramApplication, client_input, reply
from core.messages import t


async def unsupported(update: Update, context: Context) -> None:
    """Say what the bot can take instead."""
    who = client_input(update)
    message = update.message
    if who is None or message is None:
        return
    key = "tg.sticker" if message.sticker is not None else "tg.unsupported"
    await reply(context, who.chat_id, t(key, who.language))


def register(application: TelegramApplication) -> None:
    """Add the last-resort handler of new messages (registered after every other one)."""
    ignored = filters.StatusUpdate.ALL
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & ~ignored, unsupported))

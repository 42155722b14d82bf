"""Only private chats are served: anything from a group or channel gets a pointer and stops."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, TypeHandler

from adapters.telegram.handlers.common import Context, TelegramApplication, reply
from core.messages import t

logger = logging.getLogger(__name__)


async def guard_private(update: Update, context: Context) -> None:
    """Refuse groups, supergroups and channels with a link to the private chat."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    user = update.effective_user
    text = t("tg.group", user.language_code if user else None, bot=context.bot.username)
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text, show_alert=True)
        except TelegramError as error:
            logger.warning("could not answer a group callback: %s", error)
    elif update.message is not None and user is not None and not user.is_bot:
        await reply(context, chat.id, text)
    raise ApplicationHandlerStop


def register(application: TelegramApplication) -> None:
    """Run the guard before every other handler (group -1)."""
    application.add_handler(TypeHandler(Update, guard_private), group=-1)

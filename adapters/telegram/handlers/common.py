"""What every handler needs: who wrote (address, language, name), the dedup key, error handling."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeAlias

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from core.client import outcome_of
from core.messages import normalise_language
from core.outbox import Address

logger = logging.getLogger(__name__)

TelegramApplication: TypeAlias = Application[Any, Any, Any, Any, Any, Any]
Context: TypeAlias = ContextTypes.DEFAULT_TYPE
Callback: TypeAlias = Callable[[Update, Context], Awaitable[None]]


@dataclass(frozen=True)
class ClientInput:
    """A private chat's update as the core sees it."""

    address: Address
    chat_id: int
    inbound: tuple[str, str]
    language: str | None
    name: str | None

    @property
    def reply_language(self) -> str:
        """The language of the adapter's own answers (the Telegram client's, or pt-BR)."""
        return normalise_language(self.language)


def delivery_key(update: Update) -> tuple[str, str]:
    """``("telegram", "<bot id>:<update_id>")``: update ids restart after a week without
    updates and each bot counts its own, so the bot's id (its token's prefix) is in the key."""
    try:
        bot_id = update.get_bot().token.partition(":")[0]
    except RuntimeError:  # an update built without a bot (tests of parsing only)
        bot_id = "0"
    return "telegram", f"{bot_id}:{update.update_id}"


def client_input(update: Update) -> ClientInput | None:
    """Address, dedup key (:func:`delivery_key`), language and name; None without a chat."""
    chat = update.effective_chat
    if chat is None:
        return None
    user = update.effective_user
    return ClientInput(
        address=Address("telegram", str(chat.id)),
        chat_id=chat.id,
        inbound=delivery_key(update),
        language=user.language_code if user else None,
        name=user.full_name if user else None,
    )


async def act(update: Update, who: ClientInput, call: Callable[[], Awaitable[None]]) -> str | None:
    """Run one core call; return the text to show the person when it refused or failed."""
    what = f"update {update.update_id} from chat {who.chat_id}"
    return (await outcome_of(call(), who.reply_language, what)).notice


async def reply(context: Context, chat_id: int, text: str) -> None:
    """Say ``text`` in the chat at once (plain text; refusals and adapter notices only)."""
    try:
        await context.bot.send_message(chat_id, text)
    except TelegramError as error:
        logger.warning("could not answer chat %s: %s", chat_id, error)


async def act_and_reply(
    update: Update, context: Context, who: ClientInput, call: Callable[[], Awaitable[None]]
) -> None:
    """Run one core call and, if it refused or failed, tell the person why."""
    problem = await act(update, who, call)
    if problem is not None:
        await reply(context, who.chat_id, problem)

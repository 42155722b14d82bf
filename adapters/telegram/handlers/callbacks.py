"""Inline button presses: answer the query, call the core, explain a refusal or a stale button.

The query is answered right after the core call (a few milliseconds), with the refusal as a
toast if there is one, and always, even when the core failed. A stale button (its request, draft,
session or booking has moved on, or its action id is unknown) gets "Esta opção expirou" and the
client's current state again.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from adapters.telegram.handlers.common import (
    ClientInput,
    Context,
    TelegramApplication,
    client_input,
    reply,
)
from core import intake
from core.client import Outcome, Result, press
from core.context import Core
from core.messages import t

logger = logging.getLogger(__name__)


async def _answer(query: CallbackQuery, text: str | None) -> None:
    """Stop the button's spinner (a toast with ``text`` if given); never raises."""
    try:
        await query.answer(text[:200] if text else None)
    except TelegramError as error:  # a repeated press: the query is already answered or old
        logger.info("could not answer callback query %s: %s", query.id, error)


async def _show_state(core: Core, who: ClientInput) -> None:
    """Show where the client stands now (terms pending, in the queue, or the menu)."""
    try:
        await intake.handle_text(core, who.address, "", name=who.name, language=who.language)
    except Exception:
        logger.exception("could not show the state of chat %s", who.chat_id)


async def _run(core: Core, who: ClientInput, query: CallbackQuery) -> Outcome:
    """The pressed button's outcome (parsed, run and judged in ``core.client``)."""
    ref = str(query.message.message_id) if query.message is not None else None
    return await press(
        core,
        who.address,
        query.data or "",
        language=who.reply_language,
        inbound=who.inbound,
        message_ref=ref,
    )


def register(application: TelegramApplication, core: Core) -> None:
    """Add the callback-query handler (every button of every message)."""

    async def pressed(update: Update, context: Context) -> None:
        """Route ``callback_data`` to the core; always answer the query."""
        query = update.callback_query
        who = client_input(update)
        if query is None or who is None:
            return
        outcome = Outcome(Result.FAILED, t("error.unexpected", who.reply_language))
        try:
            outcome = await _run(core, who, query)
        finally:
            stale = outcome.result is Result.EXPIRED
            await _answer(
                query, t("intake.expired", who.reply_language) if stale else outcome.notice
            )
        if outcome.notice is not None:
            await reply(context, who.chat_id, outcome.notice)
        if outcome.result is Result.EXPIRED:
            await _show_state(core, who)

    application.add_handler(CallbackQueryHandler(pressed))

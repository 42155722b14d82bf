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
from adapters.telegram.handlers.routes import Click, route_of
from core import intake
from core.client import is_stale
from core.context import Core
from core.errors import BusinessError
from core.messages import t

logger = logging.getLogger(__name__)


async def _answer(query: CallbackQuery, text: str | None) -> None:
    """Stop the button's spinner (a toast with ``text`` if given); never raises."""
    try:
        await query.answer(text[:200] if text else None)
    except TelegramError:
        logger.warning("could not answer callback query %s", query.id, exc_info=True)


async def _show_state(core: Core, who: ClientInput) -> None:
    """Show where the client stands now (terms pending, in the queue, or the menu)."""
    try:
        await intake.handle_text(core, who.address, "", name=who.name, language=who.language)
    except Exception:
        logger.exception("could not show the state of chat %s", who.chat_id)


async def _expired(core: Core, context: Context, who: ClientInput, reason: str | None) -> None:
    expired = t("intake.expired", who.reply_language)
    text = expired if reason is None or reason == expired else f"{expired}\n{reason}"
    await reply(context, who.chat_id, text)
    await _show_state(core, who)


async def _run(core: Core, who: ClientInput, query: CallbackQuery) -> tuple[str | None, bool]:
    """Call the route of the pressed button; (text to show or None, whether it was stale)."""
    found = route_of(query.data or "")
    if found is None:
        return None, True
    route, args = found
    ref = str(query.message.message_id) if query.message is not None else None
    try:
        await route(core, Click(who.address, args, who.inbound, ref))
    except (ValueError, IndexError):
        logger.info("malformed action %r", query.data)
        return None, True
    except BusinessError as error:
        return error.render(who.reply_language), is_stale(error)
    except Exception:
        logger.exception("action %r of chat %s failed", query.data, who.chat_id)
        return t("error.unexpected", who.reply_language), False
    return None, False


def register(application: TelegramApplication, core: Core) -> None:
    """Add the callback-query handler (every button of every message)."""

    async def pressed(update: Update, context: Context) -> None:
        """Route ``callback_data`` to the core; always answer the query."""
        query = update.callback_query
        who = client_input(update)
        if query is None or who is None:
            return
        problem, stale = None, False
        try:
            problem, stale = await _run(core, who, query)
        finally:
            toast = t("intake.expired", who.reply_language) if stale else problem
            await _answer(query, toast)
        if stale:
            await _expired(core, context, who, problem)
        elif problem is not None:
            await reply(context, who.chat_id, problem)

    application.add_handler(CallbackQueryHandler(pressed))

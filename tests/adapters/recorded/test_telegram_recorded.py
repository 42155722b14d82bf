"""Recorded Telegram Updates (Bot API ``Update`` objects) through the adapter's own parsing."""

from __future__ import annotations

from telegram import Bot, Update

from adapters.telegram.handlers.common import client_input
from core.client import ROUTES
from core.outbox import Address
from tests.adapters.recorded.payloads import load
from tests.adapters.telegram.conftest import Harness
from tests.fakes.telegram_server import TOKEN

BOT = Bot(TOKEN)
"""A bot as PTB gives it to each update (its token's prefix is the bot's id: 123456)."""


def test_a_button_press_gives_the_chat_the_user_and_the_action() -> None:
    update = Update.de_json(load("telegram_update_callback_query"), BOT)
    who = client_input(update)
    query = update.callback_query
    assert who is not None and query is not None
    assert who.address == Address("telegram", "4201")
    assert who.inbound == ("telegram", "123456:483920117"), "the bot's id and the update's"
    assert (who.name, who.language, who.reply_language) == ("Ana Cliente", "pt-br", "pt-BR")
    assert query.data == "menu:help"
    assert query.message is not None and query.message.message_id == 1187
    verb, option = query.data.split(":")
    assert verb in ROUTES and option in ROUTES[verb].options


def test_a_text_message_gives_the_chat_the_user_and_the_text() -> None:
    update = Update.de_json(load("telegram_update_text_message"), BOT)
    who = client_input(update)
    assert who is not None and update.message is not None
    assert who.address == Address("telegram", "4201")
    assert who.inbound == ("telegram", "123456:483920118")
    assert who.name == "Ana Cliente"
    assert update.message.text == "Bom dia, preciso de ajuda com o fechamento de custos"
    assert update.callback_query is None and update.edited_message is None


async def test_the_recorded_button_press_is_answered_and_the_chat_gets_a_reply(
    tg: Harness,
) -> None:
    await tg.feed(load("telegram_update_callback_query"))
    answered = tg.fake.calls_of("answerCallbackQuery")
    assert [c.params["callback_query_id"] for c in answered] == ["4382bfdwdsb323b2d9"]
    await tg.deliver()
    assert "Como funciona" in tg.last_text("4201")  # menu:help shows the help, with the menu
    assert ("Ajuda", "menu:help") in tg.buttons("4201")


async def test_after_the_help_the_recorded_text_is_not_taken_as_a_company_name(
    tg: Harness,
) -> None:
    # Not linked to a company yet: a greeting is answered with the access code question (and its
    # "Não tenho código" button), never sent to the secretaries as a company's name.
    await tg.feed(load("telegram_update_callback_query"))
    await tg.feed(load("telegram_update_text_message"))
    await tg.deliver()
    assert "Não reconheci um código de acesso" in tg.last_text("4201")
    assert tg.buttons("4201") == [("Não tenho código", "nocode")]
    await tg.press("4201", "nocode")
    await tg.feed(load("telegram_update_text_message") | {"update_id": 483920200})
    await tg.deliver()
    assert "Bom dia, preciso de ajuda com o fechamento de custos" in tg.last_text("4201")

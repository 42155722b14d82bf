"""Input the flow did not ask for: each a clear answer, nothing lost; repeats acted on once."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from core.queue import claim_request
from tests.adapters.telegram.conftest import Harness
from tests.scenarios.intake_helpers import given_company, requests_of
from tests.scenarios.sessions_helpers import BRUNO, thread_of

CHAT = "4201"


async def test_free_text_where_a_button_was_expected_repeats_the_question(tg: Harness) -> None:
    await tg.start_linked(CHAT)
    await tg.press(CHAT, "menu:consult")
    await tg.deliver()
    request_id = int(tg.data_starting(CHAT, "area:")[0].split(":")[1])
    await tg.press(CHAT, f"area:{request_id}:3")
    await tg.text(CHAT, "Como fechar o custo do mês?")
    await tg.deliver()
    await tg.text(CHAT, "sim, pode ser")  # the terms card waits for Aceito / Não aceito
    await tg.deliver()
    assert "responda aos termos acima" in tg.last_text(CHAT)
    [request] = await requests_of(tg.world)
    assert request.status == "awaiting_terms"


async def test_a_stale_button_says_it_expired_and_shows_the_state(tg: Harness) -> None:
    await tg.start_linked(CHAT)
    await tg.press(CHAT, "menu:consult")
    await tg.deliver()
    request_id = int(tg.data_starting(CHAT, "area:")[0].split(":")[1])
    old_area_message = tg.message_with(CHAT, f"area:{request_id}:3")
    await tg.press(CHAT, f"area:{request_id}:3")
    await tg.text(CHAT, "Como fechar o custo do mês?")
    await tg.deliver()
    await tg.press(CHAT, f"terms_ok:{request_id}")
    await tg.deliver()
    answers_before = len(tg.fake.calls_of("answerCallbackQuery"))
    await tg.press(CHAT, f"area:{request_id}:1", message=old_area_message)
    await tg.deliver()
    assert len(tg.fake.calls_of("answerCallbackQuery")) == answers_before + 1
    assert "expirou" in tg.fake.calls_of("answerCallbackQuery")[-1].params["text"]
    texts = tg.fake.texts_to(CHAT)
    assert "Esta opção expirou" in texts[-2]
    assert f"já está na fila com o pedido {request_id}" in texts[-1]
    # an action id nobody knows (an old version of the bot) is stale too
    await tg.press(CHAT, "oldverb:1", message=old_area_message)
    await tg.deliver()
    assert "Esta opção expirou" in tg.fake.texts_to(CHAT)[-2]


STICKER = {
    "file_id": "STK",
    "file_unique_id": "uSTK",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
    "type": "regular",
    "emoji": "👍",
}
UNTAKEABLE = [
    pytest.param({"sticker": STICKER}, "figurinha", id="sticker"),
    pytest.param(
        {"location": {"latitude": -29.7, "longitude": -51.1}, "language": "en"},
        "cannot handle this kind of message",
        id="location, in English",
    ),
]


@pytest.mark.parametrize(("content", "answer"), UNTAKEABLE)
async def test_input_the_bot_cannot_take_gets_a_clear_answer(
    tg: Harness, content: dict[str, Any], answer: str
) -> None:
    await tg.start_linked(CHAT)
    await tg.feed(tg.message(CHAT, **content))
    assert answer in tg.fake.texts_to(CHAT)[-1]


async def test_a_group_chat_is_pointed_to_the_private_chat(tg: Harness) -> None:
    group = "-100200300"
    await tg.command(group, "/start", chat_type="supergroup")
    await tg.text(group, "Alguém aí?", chat_type="supergroup")
    assert (
        tg.fake.texts_to(group)
        == [
            "Eu atendo apenas em conversa privada. Abra uma conversa comigo: "
            "https://t.me/consultoria_test_bot"
        ]
        * 2
    )
    assert await requests_of(tg.world) == []
    assert await tg.deliver() == 0


async def test_an_unlinked_user_is_asked_for_the_access_code(tg: Harness) -> None:
    company = await given_company(tg.world)
    await tg.command(CHAT, "/start")
    await tg.deliver()
    assert "código de acesso" in tg.last_text(CHAT)
    await tg.press(CHAT, "menu:consult", message={"message_id": 1, "date": 0})
    await tg.deliver()
    assert "preciso saber de qual empresa" in tg.last_text(CHAT)
    await tg.text(CHAT, company.access_code)
    await tg.deliver()
    assert f"vinculado à empresa {company.name}" in tg.all_text(CHAT)


async def test_a_10000_character_message_is_relayed_whole_or_refused_with_a_reason(
    tg: Harness,
) -> None:
    await tg.start_linked(CHAT)
    await tg.press(CHAT, "menu:consult")
    await tg.deliver()
    request_id = int(tg.data_starting(CHAT, "area:")[0].split(":")[1])
    await tg.press(CHAT, f"area:{request_id}:3")
    await tg.deliver()
    huge = ("Preciso entender o custo médio. " * 400)[:10_000]
    await tg.text(CHAT, huge)
    await tg.deliver()
    assert "o limite é" in tg.fake.texts_to(CHAT)[-1]
    await tg.text(CHAT, "Como fechar o custo do mês?")
    await tg.deliver()
    await tg.press(CHAT, f"terms_ok:{request_id}")
    claimed = await claim_request(tg.world.core, request_id, BRUNO)
    assert claimed.session_id is not None
    thread = await thread_of(tg.world, claimed.session_id)
    await tg.text(CHAT, huge)
    await tg.deliver()
    relayed = "".join(d.message.text for d in tg.world.slack.to(thread))
    assert huge.strip() in relayed


async def test_a_repeated_update_id_is_acted_on_once(tg: Harness) -> None:
    await tg.start_linked(CHAT)
    first = await tg.press(CHAT, "menu:consult")
    await tg.press(CHAT, "menu:consult", update_id=first)
    await tg.deliver()
    assert len(await requests_of(tg.world)) == 1
    assert len(tg.fake.calls_of("answerCallbackQuery")) == 2  # both answered, one acted on
    before = len(tg.fake.texts_to(CHAT))
    update_id = await tg.text(CHAT, "oi")
    await tg.feed(tg.message(CHAT, text="oi") | {"update_id": update_id})
    await tg.deliver()
    assert len(tg.fake.texts_to(CHAT)) == before + 1


async def test_unserved_product_line_is_told_politely(tg: Harness) -> None:
    company = await given_company(tg.world, product_line="varejo")
    await tg.command(CHAT, f"/start {company.access_code}")
    await tg.press(CHAT, "menu:consult", message={"message_id": 1, "date": 0})
    await tg.deliver()
    assert "ainda não está disponível" in tg.all_text(CHAT)
    assert await requests_of(tg.world) == []


FORGED = (
    "leave:999999999999999999999",
    "area:99999999999:1",
    "terms_ok:0",
    "tobook:-1",
    "client_end:1e9",
    "rate:1:999",
    "bslot:999912312359",
    "bday:20261301",
    "bcancel:١٢",  # Arabic-Indic digits are digits to str.isdigit, not to us
    "menu:nope",
    "bok:extra",
)


async def test_forged_button_ids_expire_and_reach_no_rule(
    tg: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await tg.start_linked(CHAT)
    menu = tg.message_with(CHAT, "menu:consult")
    for action in FORGED:
        await tg.press(CHAT, action, message=menu)
        await tg.deliver()
        assert "expirou" in tg.fake.calls_of("answerCallbackQuery")[-1].params["text"], action
        assert "Esta opção expirou" in tg.fake.texts_to(CHAT)[-2], action
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert await requests_of(tg.world) == []

"""Bad input in the web chat gets a clear answer and stores nothing; one browser cannot read
another's conversation."""

from __future__ import annotations

import logging
from datetime import timedelta

import aiohttp
import pytest
from sqlmodel import func, select
from yarl import URL

from core.models import LinkRequest
from core.queue import claim_request
from core.sessions import end_session
from tests.web.client.helpers import (
    CONSULTANT,
    choice,
    consult,
    given_company,
    given_consultant,
    message_id,
    press,
    say,
    stored_counts,
    texts,
)
from tests.web.conftest import WebWorld


async def test_an_unknown_access_code_is_answered_in_the_chat(web: WebWorld) -> None:
    ana = await web.browser()
    status, answer = await ana.post("/chat/start", {"code": "ZZZZ9999", "message_id": message_id()})
    assert (status, answer) == (200, {"ok": True, "linked": False, "named": False})
    await web.deliver()
    assert "ZZZZ9999" in texts(await ana.events())


async def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing(web: WebWorld) -> None:
    await given_company(web)
    ana = await web.browser()
    before = await stored_counts(web)
    for token in ("", "forged-token"):
        status, answer = await ana.post(
            "/chat/send", {"text": "olá", "message_id": message_id()}, csrf=token
        )
        assert status == 403
        assert answer["ok"] is False and "Recarregue a página" in answer["notice"]
    intruder = await web.browser()  # its own token does not fit Ana's cookie
    intruder.http.cookie_jar.update_cookies({"cw_client": "x" * 43}, response_url=URL(web.base_url))
    status, _ = await intruder.post("/chat/action", {"action": "menu:consult"})
    assert status == 403
    assert await stored_counts(web) == before


async def test_a_stale_button_says_the_option_expired_and_shows_the_state(web: WebWorld) -> None:
    company = await given_company(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await ana.events(at_least=2)
    for action in ("terms_ok:999", "area:1:x", "nonsense:1", "rate:abc:5"):
        answer = await press(ana, action)
        assert answer["ok"] is False and answer["stale"] is True
        assert answer["notice"].startswith("Esta opção expirou")
    await web.deliver()
    assert choice(await ana.events(), "menu:consult"), "the menu is shown again"


async def test_a_double_submit_acts_once(web: WebWorld) -> None:
    company = await given_company(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await ana.events(at_least=2)
    same = message_id()
    for _ in range(2):
        status, _ = await ana.post("/chat/action", {"action": "menu:consult", "message_id": same})
        assert status == 200
    await web.deliver()
    events = await ana.events()
    questions = [e for e in events if any(c["action"].startswith("area:") for c in e["choices"])]
    assert len(questions) == 1


async def test_a_description_of_10000_characters_is_refused_and_nothing_is_kept(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await press(ana, *choice(await ana.events(at_least=2), "menu:consult"))
    await web.deliver()
    request_id = int(choice(await ana.events(), "area:")[0].split(":")[1])
    await press(ana, f"area:{request_id}:3")
    await web.deliver()
    await ana.events()
    before = await stored_counts(web)
    status, answer = await ana.post(
        "/chat/send", {"text": "x" * 10_000, "message_id": message_id()}
    )
    assert status == 400
    assert answer["notice"] == "Mensagem longa demais: 10.000 caracteres (o máximo é 4.000)."
    assert await stored_counts(web) == before
    status, answer = await ana.post("/chat/send", {"text": "   ", "message_id": message_id()})
    assert status == 400 and "Escreva uma mensagem" in answer["notice"]
    # Within the page's limit but over the core's: the core's refusal, and no echo kept.
    answer = await say(ana, "y" * 1500)
    assert answer["ok"] is False and "1500" in answer["notice"].replace(".", "")
    assert await stored_counts(web) == before


async def test_an_unknown_address_gets_a_friendly_page_without_a_trace(web: WebWorld) -> None:
    ana = await web.browser()
    status, body = await ana.open("/chat/nothing-here")
    assert status == 404
    assert "Página não encontrada" in body and "Traceback" not in body
    status, body = await ana.open("/chat/nothing-here", **{"Accept-Language": "en-US,en"})
    assert status == 404 and "Page not found" in body
    status, answer = await ana.post("/chat/nothing", {})
    assert status == 404 and answer["ok"] is False
    status, answer = await ana.post("/chat/send", "not an object")
    assert status == 400 and answer["ok"] is False


async def test_another_browser_cannot_read_the_conversation(web: WebWorld) -> None:
    company = await given_company(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await say(ana, "meu segredo industrial")
    await web.deliver()
    mine = await ana.history()
    assert "meu segredo industrial" in texts(mine)

    beto = await web.browser()
    assert await beto.history() == []
    assert await beto.events(seconds=1) == []
    await beto.post("/chat/start", {"message_id": message_id()})
    await web.deliver()
    theirs = await beto.events(seconds=2)
    assert theirs and {e["id"] for e in theirs}.isdisjoint({m["id"] for m in mine})
    assert "meu segredo industrial" not in texts(theirs + await beto.history())

    async with aiohttp.ClientSession() as bare, bare.get(web.base_url + "/chat/events") as response:
        assert response.status == 403, "no cookie: no stream"


async def test_english_is_selectable_and_reaches_the_core(web: WebWorld) -> None:
    company = await given_company(web)
    ana = await web.browser()
    status, answer = await ana.post("/chat/language", {"language": "en"})
    assert status == 200 and answer["notice"] == "Language changed."
    status, body = await ana.open("/chat")
    assert 'lang="en"' in body and "Write your message" in body
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    assert "Metalúrgica Exemplo" in texts(await ana.events(at_least=2))
    await press(ana, "menu:help")
    await web.deliver()
    english = texts(await ana.events())
    assert english and "Escolha" not in english
    assert "Outside them you can book a time or leave a message for the team." in english
    status, answer = await ana.post("/chat/language", {"language": "fr"})
    assert status == 400


async def test_the_page_sets_a_safe_cookie_and_headers(web: WebWorld) -> None:
    ana = await web.browser()
    async with aiohttp.ClientSession() as bare:
        async with bare.get(web.base_url + "/chat?code=ABCD2345") as response:
            body = await response.text()
            cookie = response.headers["Set-Cookie"]
            policy = response.headers["Content-Security-Policy"]
        async with bare.get(web.base_url + "/", allow_redirects=False) as root:
            assert root.status == 302 and root.headers["Location"] == "/chat"
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    script_policy = policy.split("script-src")[1].split(";")[0]
    assert script_policy.strip() == "'self'", "no inline script allowed"
    assert 'value="ABCD2345"' in body and "<script>" not in body
    assert ana.csrf and ana.csrf not in cookie


async def test_forged_action_ids_expire_store_nothing_and_log_no_error(
    web: WebWorld, caplog: pytest.LogCaptureFixture
) -> None:
    company = await given_company(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await ana.events(at_least=2)
    _, contacts, keys = await stored_counts(web)
    forged = (
        "leave:999999999999999999999",
        "area:99999999999:1",
        "tobook:-5",
        "terms_ok:0",
        "client_end:1_000",
        "rate:1:6000",
        "bmove:" + "9" * 60,
        "bslot:999912312359",
        "bday:00000000",
        "menu:admin",
        "z" * 500,
    )
    for action in forged:
        answer = await press(ana, action)
        assert answer["ok"] is False and answer["stale"] is True, action
        assert answer["notice"].startswith("Esta opção expirou"), action
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    _, contacts_after, keys_after = await stored_counts(web)
    assert (contacts_after, keys_after) == (contacts, keys), "no forged id reached the core"


async def test_a_body_over_the_limit_is_refused_in_the_visitors_language(web: WebWorld) -> None:
    ana = await web.browser()
    huge = {"text": "x" * 2_000_000, "message_id": message_id()}
    status, answer = await ana.post("/chat/send", huge)
    assert (status, answer["notice"]) == (413, "O conteúdo enviado é grande demais.")
    english = await web.browser()
    await english.open("/chat?lang=en")  # the language chosen on the page (its cookie)
    status, answer = await english.post("/chat/send", huge)
    assert (status, answer["notice"]) == (413, "What was sent is too large.")


async def test_one_browser_holds_a_bounded_number_of_live_streams(web: WebWorld) -> None:
    ana = await web.browser()
    await ana.open("/chat")
    headers = {"Accept": "text/event-stream"}
    streams = []
    for _ in range(8):
        response = await ana.http.get(ana.base_url + "/chat/events", headers=headers)
        assert response.status == 200
        await response.content.readline()  # the stream is open
        streams.append(response)
    async with ana.http.get(ana.base_url + "/chat/events", headers=headers) as refused:
        assert refused.status == 429
        assert "abas demais" in (await refused.json())["notice"]
    other = await web.browser()
    await other.open("/chat")
    async with other.http.get(other.base_url + "/chat/events", headers=headers) as fine:
        assert fine.status == 200, "another browser is not held back"
    for response in streams:
        response.close()


async def test_fresh_browsers_guessing_codes_from_one_address_are_slowed_down(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    guessed = 0
    while True:
        fresh = await web.browser()  # a new cookie each time, the same address
        status, answer = await fresh.post(
            "/chat/start", {"code": f"CHUTE{guessed:03d}", "message_id": message_id()}
        )
        if status == 429:
            break
        guessed += 1
        assert guessed <= 60
    assert guessed == 60
    assert answer["notice"] == "Muitas tentativas deste endereço. Tente de novo em 60 min."
    async with web.core.db.uow() as uow:
        links = (await uow.session.exec(select(func.count()).select_from(LinkRequest))).one()
    web.clock.advance(timedelta(minutes=61))
    late = await web.browser()
    status, _ = await late.post("/chat/start", {"code": company.access_code, "message_id": "m1"})
    assert status == 200
    assert links <= 60


async def test_a_stale_button_in_the_web_chat_points_to_the_menu_not_to_start(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await ana.events(at_least=2)
    for action in ("terms_ok:999", "nonsense:1", "bok", "bok"):
        answer = await press(ana, action)
        assert answer["ok"] is False and answer["stale"] is True
        assert "/start" not in answer["notice"], "a Telegram word in the web chat"
        assert "Toque em Menu" in answer["notice"]
        assert answer["notice"].count("expirou") == 1, answer["notice"]


async def test_the_ended_session_loses_its_buttons_and_a_stale_end_speaks_to_the_client(
    web: WebWorld,
) -> None:
    company = await given_company(web)
    await given_consultant(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    request_id = await consult(web, ana, 3, "Como fechar o custo do mês?")
    result = await claim_request(web.core, request_id, CONSULTANT)
    assert result.session_id is not None
    await web.deliver()
    end, started = choice(await ana.events(at_least=2), "client_end:")
    await end_session(web.core, result.session_id, by=CONSULTANT)
    await web.deliver()
    seen = await ana.events(at_least=2)
    replaced = [e for e in seen if e["replaces"] == started]
    assert replaced and replaced[-1]["choices"] == [], "the start message lost its buttons"

    answer = await press(ana, end, started)
    assert answer["ok"] is False and answer["stale"] is True
    assert "Este atendimento já foi encerrado." in answer["notice"]
    assert "A sessão" not in answer["notice"] and "/start" not in answer["notice"]


async def test_leaving_the_queue_in_the_web_chat_points_to_the_menu(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    request_id = await consult(web, ana, 3, "Como fechar o custo do mês?")
    await web.deliver()
    await ana.events(at_least=2)
    await press(ana, f"leave:{request_id}")
    await web.deliver()
    said = texts(await ana.events(at_least=1))
    assert "Você saiu da fila" in said
    assert "/start" not in said and "Toque em Menu" in said

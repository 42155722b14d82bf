"""``/resposta`` through bolt over signed HTTP: the modal, its type-ahead, the submission relayed
into the session's thread and to the client as the consultant's message."""

from __future__ import annotations

from typing import Any

from core.replies import ReplyDraft, create_reply
from tests.adapters.slack.agendar_helpers import suggest
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.session_setup import Opened, open_session
from tests.fakes import slack_signing as signing
from tests.scenarios.sessions_helpers import ANA, BRUNO, CARLA

EXPECTED = "Bruno Lima: Olá, Ana! Aqui é Bruno Lima, da Metalúrgica Exemplo."


async def _with_replies(slack: SlackHarness) -> tuple[Opened, int]:
    opened = await open_session(slack)
    core = slack.world.core
    welcome = await create_reply(
        core,
        ReplyDraft("Boas-vindas", "Olá, {cliente}! Aqui é {consultor}, da {empresa}.", "pt-BR"),
        by="web:gerente",
    )
    await create_reply(core, ReplyDraft("Encerramento", "Até logo, {cliente}.", "pt-BR"), by="g")
    await create_reply(core, ReplyDraft("Welcome", "Hi {client_first_name}.", "en"), by="g")
    assert welcome.id is not None
    return opened, welcome.id


def _view(slack: SlackHarness) -> dict[str, Any]:
    call = slack.fake.calls_to("views.open")[-1]
    view = call.json_arg("view")
    assert isinstance(view, dict)
    return view


def _blocks(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {block["block_id"]: block["element"] for block in view["blocks"]}


def _submission(
    user: str, reply: str | None, session: str | None, view_hash: str = "h1"
) -> dict[str, Any]:
    def chosen(value: str | None) -> dict[str, Any]:
        return {"selected_option": {"value": value} if value else None}

    return signing.view_submission(
        "saved_reply_form",
        {
            "saved_reply": {"saved_reply": chosen(reply)},
            "saved_reply_session": {"saved_reply_session": chosen(session)},
        },
        user_id=user,
        view_hash=view_hash,
    )


async def test_resposta_opens_the_modal_offers_replies_and_sends_the_chosen_one(
    slack: SlackHarness,
) -> None:
    opened, welcome = await _with_replies(slack)
    assert await slack.command("/resposta", "boas", BRUNO, channel="C_REQUESTS") == 200
    view = _view(slack)
    assert view["callback_id"] == "saved_reply_form"
    blocks = _blocks(view)
    assert blocks["saved_reply"]["type"] == "external_select"
    assert blocks["saved_reply"]["initial_option"]["value"] == str(welcome)
    assert blocks["saved_reply_session"]["initial_option"]["value"] == str(opened.session_id)

    options = await suggest(slack, "saved_reply", "ENCERR", BRUNO, view)
    assert [o["text"]["text"] for o in options] == ["Encerramento (pt-BR)"]
    options = await suggest(slack, "saved_reply", "", BRUNO, view)
    assert [o["text"]["text"] for o in options] == [
        "Boas-vindas (pt-BR)",
        "Encerramento (pt-BR)",
        "Welcome (en)",
    ]
    assert await suggest(slack, "saved_reply", "", CARLA, view) == []

    payload = _submission(BRUNO, str(welcome), str(opened.session_id))
    assert await slack.submit(payload) == (200, {})
    assert await slack.submit(payload) == (200, {})  # a redelivery sends nothing more
    await slack.deliver()
    thread = [c.args["text"] for c in slack.fake.posted("C_REQUESTS", thread=opened.thread_ts)]
    assert thread.count(EXPECTED) == 1
    client = slack.world.telegram.texts_to(ANA)
    assert client.count(EXPECTED) == 1


async def test_only_the_sessions_staff_may_send_and_bad_choices_come_back_on_their_field(
    slack: SlackHarness,
) -> None:
    opened, welcome = await _with_replies(slack)
    assert await slack.command("/resposta", "", CARLA, channel="C_REQUESTS") == 200
    assert slack.fake.calls_to("views.open") == []
    (answer,) = slack.fake.responses
    assert answer["response_type"] == "ephemeral"
    assert "nenhuma sessão aberta" in answer["text"]

    status, refused = await slack.submit(
        _submission(CARLA, str(welcome), str(opened.session_id), "h2")
    )
    assert status == 200 and refused["response_action"] == "errors"
    assert "Só quem participa da sessão" in refused["errors"]["saved_reply_session"]

    status, refused = await slack.submit(_submission(BRUNO, None, str(opened.session_id), "h3"))
    assert refused["errors"] == {"saved_reply": "Escolha uma resposta."}
    status, refused = await slack.submit(_submission(BRUNO, "99999", str(opened.session_id), "h4"))
    assert "não existe" in refused["errors"]["saved_reply"]
    status, refused = await slack.submit(_submission(BRUNO, str(welcome), "12x", "h5"))
    assert refused["errors"] == {"saved_reply_session": "Escolha a sessão."}

    await slack.deliver()
    assert not any("Olá, Ana!" in text for text in slack.world.telegram.texts_to(ANA))

"""Session buttons in the thread: *Encerrar*, *Chamar especialista*, *Transferir*, *Presencial*."""

from __future__ import annotations

from typing import Any

import pytest

from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.session_setup import Opened, open_session
from tests.fakes import slack_signing as signing
from tests.fakes.slack_server import Fault
from tests.scenarios.sessions_helpers import ANA, BRUNO, CARLA, DIEGO, participants, stored_session


async def _press(slack: SlackHarness, opened: Opened, verb: str) -> None:
    value = f"{verb}:{opened.session_id}"
    status = await slack.click(
        value,
        BRUNO,
        channel="C_REQUESTS",
        message_ts="1700000000.999999",
        thread_ts=opened.thread_ts,
    )
    assert status == 200


def _opened_view(slack: SlackHarness) -> dict[str, object]:
    (call,) = slack.fake.calls_to("views.open")
    view = call.json_arg("view")
    assert isinstance(view, dict)
    return view


async def test_end_posts_the_billing_summary_in_the_thread_and_the_billing_channel(
    slack: SlackHarness,
) -> None:
    opened = await open_session(slack)
    slack.world.advance(minutes=45)
    await _press(slack, opened, "end")
    await slack.deliver()
    in_thread = [c.args["text"] for c in slack.fake.posted("C_REQUESTS", thread=opened.thread_ts)]
    assert any("R$\xa0180,00" in text for text in in_thread)
    (card,) = slack.fake.posted("C_BILLING")
    blocks = card.json_arg("blocks")
    assert blocks[0]["type"] == "header"
    fields = [f["text"] for b in blocks if b.get("fields") for f in b["fields"]]
    assert "*Total*\nR$\xa0180,00" in fields
    assert "*Períodos*\n2" in fields
    assert any("R$\xa0180,00" in m.text for m in await slack.world.outbox(ANA))


async def test_call_a_specialist_by_area_through_the_modal(slack: SlackHarness) -> None:
    opened = await open_session(slack)
    await _press(slack, opened, "specialist")
    view = _opened_view(slack)
    assert view["callback_id"] == "session_specialist"
    assert view["private_metadata"] == str(opened.session_id)
    payload = signing.view_submission(
        "session_specialist",
        {"area": {"area": {"selected_option": {"value": "Estoque"}}}},
        user_id=BRUNO,
        private_metadata=str(opened.session_id),
    )
    status, answer = await slack.submit(payload)
    assert (status, answer) == (200, {})
    await slack.deliver()
    joined = [p.staff_key for p in await participants(slack.world, opened.session_id)]
    assert CARLA in joined
    thread = [c.args["text"] for c in slack.fake.posted("C_REQUESTS", thread=opened.thread_ts)]
    assert any(f"<@{CARLA}>" in text for text in thread)  # mentioned in the thread
    (invite,) = slack.fake.calls_to("conversations.invite")  # and added to a private channel
    assert (invite.args["channel"], invite.args["users"]) == ("C_REQUESTS", CARLA)


async def test_a_specialist_who_cannot_be_invited_is_still_mentioned(slack: SlackHarness) -> None:
    opened = await open_session(slack)
    slack.fake.fail_next("conversations.invite", Fault("error", error="missing_scope"))
    payload = signing.view_submission(
        "session_specialist",
        {"area": {"area": {"selected_option": {"value": "Estoque"}}}},
        user_id=BRUNO,
        private_metadata=str(opened.session_id),
    )
    assert await slack.submit(payload) == (200, {})
    await slack.deliver()
    thread = [c.args["text"] for c in slack.fake.posted("C_REQUESTS", thread=opened.thread_ts)]
    assert sum(f"<@{CARLA}>" in text for text in thread) == 1


async def test_transfer_through_the_modal(slack: SlackHarness) -> None:
    opened = await open_session(slack)
    await _press(slack, opened, "transfer")
    view = _opened_view(slack)
    options = view["blocks"][0]["element"]["options"]  # type: ignore[index]
    diego = next(o["value"] for o in options if o["text"]["text"].startswith("Diego"))
    payload = signing.view_submission(
        "session_transfer",
        {"consultant": {"consultant": {"selected_option": {"value": diego}}}},
        user_id=BRUNO,
        private_metadata=str(opened.session_id),
    )
    assert await slack.submit(payload) == (200, {})
    session = await stored_session(slack.world, opened.session_id)
    assert session.consultant_id == opened.cast.consultant_ids[DIEGO]
    await slack.deliver()
    (invite,) = slack.fake.calls_to("conversations.invite")
    assert (invite.args["channel"], invite.args["users"]) == ("C_REQUESTS", DIEGO)


async def test_recommend_onsite_through_the_modal(slack: SlackHarness) -> None:
    opened = await open_session(slack)
    await _press(slack, opened, "onsite")
    assert _opened_view(slack)["callback_id"] == "session_onsite"
    values = {"reason": {"reason": {"value": "Precisa ver o chão de fábrica"}}}
    payload = signing.view_submission(
        "session_onsite", values, user_id=BRUNO, private_metadata=str(opened.session_id)
    )
    assert await slack.submit(payload) == (200, {})
    await slack.deliver()
    (visit,) = slack.fake.posted("C_ONSITE")
    assert "chão de fábrica" in str(visit.json_arg("blocks"))


FORM_REFUSALS = [
    pytest.param("session_specialist", {}, "consultant", "consultor ou a área", id="no specialist"),
    pytest.param(
        "session_onsite",
        {"reason": {"reason": {"value": " "}}},
        "reason",
        "motivo",
        id="empty onsite reason",
    ),
]


@pytest.mark.parametrize(("callback_id", "values", "field", "reason"), FORM_REFUSALS)
async def test_a_session_modal_shows_its_refusal_inside_the_form(
    slack: SlackHarness, callback_id: str, values: dict[str, Any], field: str, reason: str
) -> None:
    opened = await open_session(slack)
    payload = signing.view_submission(
        callback_id, values, user_id=BRUNO, private_metadata=str(opened.session_id)
    )
    status, answer = await slack.submit(payload)
    assert status == 200
    assert answer["response_action"] == "errors"
    assert reason in answer["errors"][field]

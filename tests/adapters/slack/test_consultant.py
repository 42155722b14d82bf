"""``/consultor`` and the App Home tab."""

from __future__ import annotations

import pytest

from core.outbox import Address
from tests.adapters.slack.harness import SlackHarness
from tests.scenarios.common_helpers import consultant_status
from tests.scenarios.sessions_helpers import BRUNO, given_cast


async def test_consultor_changes_status_and_confirms_by_direct_message(
    slack: SlackHarness,
) -> None:
    await given_cast(slack.world)
    assert await slack.command("/consultor", "ausente", BRUNO) == 200
    assert await consultant_status(slack.world, BRUNO) == "ausente"
    await slack.deliver()
    dms = [c.args["text"] for c in slack.fake.posted(BRUNO)]
    assert dms[-1] == "Seu status agora é: ausente."
    assert await slack.command("/consultor", "disponível", BRUNO) == 200
    assert await consultant_status(slack.world, BRUNO) == "disponivel"


async def test_consultor_status_answers_privately(slack: SlackHarness) -> None:
    await given_cast(slack.world)
    assert await slack.command("/consultor", "status", BRUNO) == 200
    (answer,) = slack.fake.responses
    assert answer["response_type"] == "ephemeral"
    assert answer["text"].startswith("Status: disponível.")


CONSULTOR_REFUSALS = [
    pytest.param("talvez", BRUNO, "Status inválido", id="unknown status"),
    pytest.param(
        "ausente", "U0NOBODY", "Você não está cadastrado como consultor", id="not a consultant"
    ),
    pytest.param("", BRUNO, "Uso: /consultor", id="no word"),
]


@pytest.mark.parametrize(("word", "user", "reason"), CONSULTOR_REFUSALS)
async def test_consultor_refusals_are_specific(
    slack: SlackHarness, word: str, user: str, reason: str
) -> None:
    await given_cast(slack.world)
    await slack.command("/consultor", word, user)
    (answer,) = slack.fake.responses
    assert answer["text"].startswith(reason)
    assert await consultant_status(slack.world, BRUNO) == "disponivel"


async def test_app_home_shows_status_and_todays_bookings(slack: SlackHarness) -> None:
    await given_cast(slack.world)
    event = {"type": "app_home_opened", "user": BRUNO, "channel": "D1", "tab": "home"}
    assert await slack.event(event, event_id="EvHome1") == 200
    (call,) = slack.fake.calls_to("views.publish")
    assert call.args["user_id"] == BRUNO
    text = str(call.json_arg("view"))
    assert "Status: disponível." in text
    assert "Seus agendamentos de hoje" in text
    assert "Nenhum agendamento." in text


async def test_app_home_of_someone_who_is_not_a_consultant(slack: SlackHarness) -> None:
    event = {"type": "app_home_opened", "user": "U0NOBODY", "tab": "home"}
    assert await slack.event(event, event_id="EvHome2") == 200
    (call,) = slack.fake.calls_to("views.publish")
    assert "não está cadastrado como consultor" in str(call.json_arg("view"))
    assert Address("slack", "U0NOBODY") is not None

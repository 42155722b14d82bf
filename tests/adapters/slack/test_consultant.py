"""``/consultor`` and the App Home tab."""

from __future__ import annotations

from core.consultants import consultant_by_slack_user
from core.outbox import Address
from tests.adapters.slack.harness import SlackHarness
from tests.scenarios.sessions_helpers import BRUNO, given_cast


async def _status(slack: SlackHarness, user: str) -> str:
    async with slack.world.core.db.uow() as uow:
        consultant = await consultant_by_slack_user(uow, user)
    assert consultant is not None
    return consultant.status


async def test_consultor_changes_status_and_confirms_by_direct_message(
    slack: SlackHarness,
) -> None:
    await given_cast(slack.world)
    assert await slack.command("/consultor", "ausente", BRUNO) == 200
    assert await _status(slack, BRUNO) == "ausente"
    await slack.deliver()
    dms = [c.args["text"] for c in slack.fake.posted(BRUNO)]
    assert dms[-1] == "Seu status agora é: ausente."
    assert await slack.command("/consultor", "disponível", BRUNO) == 200
    assert await _status(slack, BRUNO) == "disponivel"


async def test_consultor_status_answers_privately(slack: SlackHarness) -> None:
    await given_cast(slack.world)
    assert await slack.command("/consultor", "status", BRUNO) == 200
    (answer,) = slack.fake.responses
    assert answer["response_type"] == "ephemeral"
    assert answer["text"].startswith("Status: disponível.")


async def test_consultor_refusals_are_specific(slack: SlackHarness) -> None:
    await given_cast(slack.world)
    await slack.command("/consultor", "talvez", BRUNO)
    await slack.command("/consultor", "ausente", "U0NOBODY")
    await slack.command("/consultor", "", BRUNO)
    texts = [r["text"] for r in slack.fake.responses]
    assert "Status inválido" in texts[0]
    assert "não está cadastrado como consultor" in texts[1]
    assert texts[2].startswith("Uso: /consultor")
    assert await _status(slack, BRUNO) == "disponivel"


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

"""A colleague invited by the client: the Slack thread tells them apart by name, and a reply
in the thread reaches both."""

from __future__ import annotations

from core import intake
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.session_setup import open_session, reply
from tests.scenarios.guests_helpers import DORA, invitation_code, joins
from tests.scenarios.sessions_helpers import ANA, BRUNO, last


async def test_each_participant_arrives_labelled_in_the_thread(slack: SlackHarness) -> None:
    opened = await open_session(slack)
    await joins(slack.world, DORA, await invitation_code(slack.world), "Dora Colega")
    await intake.handle_text(slack.world.core, DORA, "Eu cuido do estoque.")
    await intake.handle_text(slack.world.core, ANA, "E eu dos custos.")
    await slack.deliver()

    in_thread = [c.args.get("text") for c in slack.fake.posted("C_REQUESTS", opened.thread_ts)]
    assert "Dora Colega (colega de Ana Cliente) entrou na sessão." in in_thread
    assert "Dora Colega: Eu cuido do estoque." in in_thread
    assert "Ana Cliente: E eu dos custos." in in_thread

    event = reply(BRUNO, "Vejo os dois pontos.", opened.thread_ts, "1700000900.1")
    assert await slack.event(event, event_id="EvG01") == 200
    assert (await last(slack.world, DORA)).text == "Bruno Lima: Vejo os dois pontos."
    assert (await last(slack.world, ANA)).text == "Bruno Lima: Vejo os dois pontos."

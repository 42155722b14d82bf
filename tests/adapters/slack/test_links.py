"""Link request cards in Slack: *Aprovar* (choose the company) and *Recusar*, secretaries only."""

from __future__ import annotations

from typing import Any

from adapters.slack.agendar.links import LINK_VIEW
from adapters.slack.agendar.modal import COMPANY
from core import intake
from core.contacts import find_contact
from tests.adapters.slack.agendar_helpers import select
from tests.adapters.slack.harness import SlackHarness, button_values
from tests.fakes import slack_signing as signing
from tests.scenarios.intake_helpers import (
    CLIENT,
    CONSULTANT,
    SECRETARY,
    given_company,
    given_staff,
)

LINKS = "C_LINKS"


async def _card(slack: SlackHarness, hint: str) -> tuple[str, list[str]]:
    """An unknown person names ``hint``; the card's ts and its buttons' values."""
    await given_staff(slack.world)
    await intake.start(slack.world.core, CLIENT, name="Ana")
    await intake.request_link(slack.world.core, CLIENT, hint)
    await slack.deliver()
    (card,) = slack.fake.posted(LINKS)
    return str(card.result["ts"]), button_values(card)


async def _company_of_client(slack: SlackHarness) -> int | None:
    async with slack.world.core.db.uow() as uow:
        contact = await find_contact(uow, CLIENT)
    assert contact is not None
    return contact.company_id


def _updates(slack: SlackHarness, ts: str) -> list[str]:
    return [
        str(c.args.get("text"))
        for c in slack.fake.calls_to("chat.update")
        if c.args.get("channel") == LINKS and c.args.get("ts") == ts
    ]


async def test_a_secretary_approves_and_the_card_and_the_client_are_told(
    slack: SlackHarness,
) -> None:
    company = await given_company(slack.world)
    ts, values = await _card(slack, "Metalúrgica Exemplo")
    assert values[0].startswith("link_ok:") and values[-1].startswith("link_no:")
    where = {"channel": LINKS, "message_ts": ts, "action_ts": "1700000700.000001"}
    assert await slack.click(values[0], SECRETARY, **where) == 200
    assert await slack.click(values[0], SECRETARY, **where) == 200  # a redelivery: acts once
    assert await _company_of_client(slack) == company.id
    assert slack.ephemerals(SECRETARY) == []
    await slack.deliver()
    assert any("Vínculo aprovado por" in text for text in _updates(slack, ts))
    told = slack.world.telegram.texts_to(CLIENT)
    assert any("vinculado à empresa Metalúrgica Exemplo" in text for text in told)
    assert await slack.click(values[0], SECRETARY, channel=LINKS, message_ts=ts) == 200
    (note,) = slack.ephemerals(SECRETARY)
    assert "já foi aprovado" in str(note.args["text"])


async def test_a_non_secretary_cannot_decide(slack: SlackHarness) -> None:
    await given_company(slack.world)
    ts, values = await _card(slack, "Metalúrgica Exemplo")
    for value in (values[0], values[-1]):
        await slack.click(value, CONSULTANT, channel=LINKS, message_ts=ts)
    notes = slack.ephemerals(CONSULTANT)
    assert len(notes) == 2
    assert all("Somente secretárias" in str(n.args["text"]) for n in notes)
    assert notes[0].args["channel"] == LINKS
    assert await _company_of_client(slack) is None
    await slack.deliver()
    assert _updates(slack, ts) == []


async def test_a_secretary_refuses(slack: SlackHarness) -> None:
    await given_company(slack.world)
    ts, values = await _card(slack, "Metalúrgica Exemplo")
    await slack.click(values[-1], SECRETARY, channel=LINKS, message_ts=ts)
    assert await _company_of_client(slack) is None
    await slack.deliver()
    assert any("Vínculo recusado por" in text for text in _updates(slack, ts))
    later = await slack.click(values[0], SECRETARY, channel=LINKS, message_ts=ts)
    assert later == 200
    (note,) = slack.ephemerals(SECRETARY)
    assert "já foi recusado" in str(note.args["text"])


async def test_several_matches_list_the_candidates_and_open_the_chooser(
    slack: SlackHarness,
) -> None:
    await given_company(slack.world)
    second = await given_company(slack.world, name="Metalúrgica Irmãos")
    ts, values = await _card(slack, "Metalúrgica")
    assert f"link_ok:1:{second.id}" in values
    await slack.click(values[0], SECRETARY, channel=LINKS, message_ts=ts)
    (note,) = slack.ephemerals(SECRETARY)
    assert "Metalúrgica Exemplo" in note.args["text"] and "Metalúrgica Irmãos" in note.args["text"]
    (opened,) = slack.fake.calls_to("views.open")
    view: dict[str, Any] = opened.json_arg("view")
    assert view["callback_id"] == LINK_VIEW and view["private_metadata"] == "1"
    assert await _company_of_client(slack) is None
    chosen = signing.view_submission(
        LINK_VIEW,
        {COMPANY: {COMPANY: select(str(second.id))}},
        user_id=SECRETARY,
        private_metadata="1",
    )
    assert await slack.submit(chosen) == (200, {})
    assert await _company_of_client(slack) == second.id


async def test_a_candidate_button_approves_for_that_company(slack: SlackHarness) -> None:
    await given_company(slack.world)
    second = await given_company(slack.world, name="Metalúrgica Irmãos")
    ts, _ = await _card(slack, "Metalúrgica")
    await slack.click(f"link_ok:1:{second.id}", SECRETARY, channel=LINKS, message_ts=ts)
    assert await _company_of_client(slack) == second.id
    assert slack.ephemerals(SECRETARY) == []


async def test_the_chooser_refuses_a_non_secretary_inside_the_modal(slack: SlackHarness) -> None:
    company = await given_company(slack.world)
    await _card(slack, "Metalúrgica Exemplo")
    chosen = signing.view_submission(
        LINK_VIEW,
        {COMPANY: {COMPANY: select(str(company.id))}},
        user_id=CONSULTANT,
        private_metadata="1",
    )
    _, answer = await slack.submit(chosen)
    assert answer["response_action"] == "errors"
    assert "Somente secretárias" in answer["errors"][COMPANY]
    assert await _company_of_client(slack) is None

"""*Converter em consultoria* on a support card in Slack: the attendant picks who attends the
client once they accept (an area's consultants, anyone, or themselves), then the client gets the
terms."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core import intake, support
from tests.adapters.slack.harness import SlackHarness, button_values
from tests.scenarios.intake_helpers import (
    ATTENDANT,
    CLIENT,
    CONSULTANT,
    given_company,
    given_staff,
    linked_client,
    requests_of,
    session_of,
)

SUPPORT = "C_SUPPORT"


async def _support_card(slack: SlackHarness) -> tuple[int, int, str, list[str]]:
    """A support chat: (request id, session id, card ts, the card's button values)."""
    world = slack.world
    await given_staff(world)
    await linked_client(world, await given_company(world))
    await support.begin_support(world.core, CLIENT)
    [*_, request] = await requests_of(world)
    session = await session_of(world, request.id or 0)
    await slack.deliver()
    (card,) = [c for c in slack.fake.posted(SUPPORT) if c.args.get("thread_ts") is None]
    return request.id or 0, session.id or 0, str(card.result["ts"]), button_values(card)


async def test_the_convert_button_asks_who_attends_then_sends_the_client_the_terms(
    slack: SlackHarness,
) -> None:
    request_id, session_id, ts, values = await _support_card(slack)
    assert f"convert:{session_id}" in values
    await slack.click(f"convert:{session_id}", ATTENDANT, channel=SUPPORT, message_ts=ts)
    (picker,) = slack.ephemerals(ATTENDANT)
    assert "para quem vai o atendimento" in picker.args["text"]
    areas = slack.world.core.config.areas
    assert button_values(picker) == [  # not a consultant: no "Eu atendo"
        *(f"convert_to:{session_id}:{n}" for n in range(1, len(areas) + 1)),
        f"convert_to:{session_id}:0",
    ]
    assert len(await slack.world.outbox(CLIENT)) == 3, "nothing sent to the client yet"
    custos = areas.index("Custos") + 1
    await slack.click(
        f"convert_to:{session_id}:{custos}", ATTENDANT, channel=SUPPORT, message_ts=ts
    )
    await slack.deliver()
    told = slack.world.telegram.to(CLIENT)
    terms = told[-1].message
    assert "R$\xa0180,00 por hora" in terms.text
    assert [c.action for c in terms.choices] == [f"terms_ok:{request_id}", f"terms_no:{request_id}"]
    thread = slack.fake.posted(SUPPORT, thread=ts)
    assert any("enviou ao cliente os termos" in str(c.args.get("text")) for c in thread)
    assert any("fila dos consultores (Custos)" in str(c.args.get("text")) for c in thread)
    assert (await session_of(slack.world, request_id)).billing_started_at is None
    assert len(slack.ephemerals(ATTENDANT)) == 1, "no refusal"


async def test_a_repeated_click_converts_once(slack: SlackHarness) -> None:
    request_id, session_id, ts, _ = await _support_card(slack)
    where = {"channel": SUPPORT, "message_ts": ts, "action_ts": "1700000600.000001"}
    before = len(await slack.world.outbox(CLIENT))
    await slack.click(f"convert_to:{session_id}:0", ATTENDANT, **where)
    sent = len(await slack.world.outbox(CLIENT))
    assert sent > before
    await slack.click(f"convert_to:{session_id}:0", ATTENDANT, **where)
    assert len(await slack.world.outbox(CLIENT)) == sent
    assert request_id


async def test_someone_outside_support_is_refused_privately(slack: SlackHarness) -> None:
    _, session_id, ts, _ = await _support_card(slack)
    before = len(await slack.world.outbox(CLIENT))
    await slack.click(f"convert:{session_id}", "U0NOBODY", channel=SUPPORT, message_ts=ts)
    (note,) = slack.ephemerals("U0NOBODY")
    assert note.args["channel"] == SUPPORT
    assert "Somente atendentes do suporte ou consultores" in str(note.args["text"])
    assert len(await slack.world.outbox(CLIENT)) == before


async def test_converting_on_a_saturday_night_asks_to_confirm_an_agreed_time(
    slack: SlackHarness,
) -> None:
    request_id, session_id, ts, _ = await _support_card(slack)
    slack.world.clock.set(datetime(2026, 11, 28, 21, 0, tzinfo=ZoneInfo("America/Sao_Paulo")))
    before = len(await slack.world.outbox(CLIENT))

    await slack.click(f"convert_to:{session_id}:4", ATTENDANT, channel=SUPPORT, message_ts=ts)
    (note,) = slack.ephemerals(ATTENDANT)
    assert "abrimos segunda-feira, 30/11/2026 às 08:00" in note.args["text"]
    assert button_values(note) == [f"convert_to_alt:{session_id}:4"]
    assert len(await slack.world.outbox(CLIENT)) == before, "no terms before the agreement"

    await slack.click(f"convert_to_alt:{session_id}:4", ATTENDANT, channel=SUPPORT, message_ts=ts)
    await slack.deliver()
    terms = slack.world.telegram.to(CLIENT)[-1].message
    assert [c.action for c in terms.choices] == [f"terms_ok:{request_id}", f"terms_no:{request_id}"]
    assert (await session_of(slack.world, request_id)).alternative_hours is True


async def test_a_consultant_is_offered_to_keep_the_client_in_their_areas(
    slack: SlackHarness,
) -> None:
    _, session_id, ts, _ = await _support_card(slack)
    await slack.click(f"convert:{session_id}", CONSULTANT, channel=SUPPORT, message_ts=ts)
    (picker,) = slack.ephemerals(CONSULTANT)
    areas = slack.world.core.config.areas
    keep = [v for v in button_values(picker) if v.startswith("convert_keep:")]
    assert keep == [
        f"convert_keep:{session_id}:{areas.index(area) + 1}" for area in ("Manufatura", "Custos")
    ]


async def test_a_handed_over_chat_is_claimed_in_the_requests_channel_with_its_history(
    slack: SlackHarness,
) -> None:
    request_id, session_id, ts, _ = await _support_card(slack)
    world = slack.world
    await intake.handle_text(world.core, CLIENT, "Preciso aprender a fechar o custo")
    custos = world.core.config.areas.index("Custos") + 1
    await slack.click(
        f"convert_to:{session_id}:{custos}", ATTENDANT, channel=SUPPORT, message_ts=ts
    )
    await intake.accept_terms(world.core, CLIENT, request_id)
    await slack.deliver()
    (card,) = [
        c
        for c in slack.fake.posted("C_REQUESTS")
        if f"claim:{request_id}" in button_values(c) and c.args.get("thread_ts") is None
    ]
    card_ts = str(card.result["ts"])
    history = slack.fake.posted("C_REQUESTS", thread=card_ts)
    assert any("Preciso aprender a fechar o custo" in str(c.args.get("text")) for c in history)

    await slack.click(f"claim:{request_id}", CONSULTANT, channel="C_REQUESTS", message_ts=card_ts)
    await slack.deliver()
    thread = slack.fake.posted("C_REQUESTS", thread=card_ts)
    started = [c for c in thread if f"end:{session_id}" in button_values(c)]
    assert started and f"specialist:{session_id}" in button_values(started[-1])
    support_thread = slack.fake.posted(SUPPORT, thread=ts)
    assert "Bruno Consultor assumiu o atendimento" in str(support_thread[-1].args.get("text"))
    session = await session_of(world, request_id)
    assert session.id == session_id and session.billing_started_at is not None

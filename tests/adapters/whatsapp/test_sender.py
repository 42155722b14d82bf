"""The sender through the outbox: error mapping, the 24-hour window, templates, paging."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlmodel import select

from adapters.whatsapp.sender import WhatsAppSender
from bot.bootstrap import timer_handlers
from core.models import Contact, Outbound, OutboundStatus, WhatsAppThrottle
from core.outbox import Address, Choice, OutboundMessage, send
from core.privacy import ensure_retention_timer
from tests.adapters.whatsapp.conftest import WaHarness

CLIENT = "5548988887777"
TO = Address("whatsapp", CLIENT)


async def _enqueue(wa: WaHarness, message: OutboundMessage, purpose: str | None = None) -> int:
    async with wa.world.core.db.uow() as uow:
        row = await send(uow, wa.world.clock, TO, message, purpose=purpose)
        await uow.commit()
    assert row.id is not None
    return row.id


async def _row(wa: WaHarness, row_id: int) -> Outbound:
    async with wa.world.core.db.read() as uow:
        row = await uow.session.get(Outbound, row_id)
    assert row is not None
    return row


async def test_a_rate_limit_is_retried_after_its_wait(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.fake.fail_next(400, 130429, "Rate limit hit")
    row_id = await _enqueue(wa, OutboundMessage("Depois do limite"))
    await wa.deliver()
    row = await _row(wa, row_id)
    assert row.status == OutboundStatus.PENDING and "130429" in (row.last_error or "")
    wa.world.clock.advance(timedelta(minutes=2))
    await wa.deliver()
    assert (await _row(wa, row_id)).status == OutboundStatus.SENT
    assert "Depois do limite" in wa.all_text(CLIENT)


async def test_a_server_error_is_transient(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.fake.fail_next(503, 2, "Service temporarily unavailable")
    row_id = await _enqueue(wa, OutboundMessage("Tente de novo"))
    await wa.deliver()
    assert (await _row(wa, row_id)).status == OutboundStatus.PENDING


async def test_an_undeliverable_number_is_permanent_and_the_contact_unreachable(
    wa: WaHarness,
) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.fake.fail_next(400, 131026, "Message undeliverable")
    row_id = await _enqueue(wa, OutboundMessage("Não chega"))
    await wa.deliver()
    row = await _row(wa, row_id)
    assert row.status == OutboundStatus.FAILED
    async with wa.world.core.db.read() as uow:
        contact = (await uow.session.exec(select(Contact))).one()
    assert contact.unreachable_since is not None


async def test_outside_the_window_a_row_is_held_until_the_client_writes(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.world.clock.advance(timedelta(hours=25))
    before = len(wa.fake.sent(CLIENT))
    row_id = await _enqueue(wa, OutboundMessage("Uma novidade"))
    await wa.deliver()
    row = await _row(wa, row_id)
    assert row.status == OutboundStatus.FAILED and "24-hour" in (row.last_error or "")
    assert len(wa.fake.sent(CLIENT)) == before, "nothing goes outside the window"
    await wa.text(CLIENT, "Voltei")
    await wa.deliver()
    assert (await _row(wa, row_id)).status == OutboundStatus.SENT
    assert "Uma novidade" in wa.all_text(CLIENT)


async def test_a_held_row_does_not_hold_up_a_reminder_behind_it(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.world.clock.advance(timedelta(hours=25))
    held = await _enqueue(wa, OutboundMessage("Uma resposta do consultor"))
    reminder = await _enqueue(
        wa, OutboundMessage("Lembrete: seu atendimento é amanhã"), purpose="booking_reminder"
    )
    await wa.deliver()
    assert (await _row(wa, reminder)).status == OutboundStatus.SENT
    assert wa.fake.sent(CLIENT)[-1].kind == "template"
    assert (await _row(wa, held)).status == OutboundStatus.FAILED
    await wa.text(CLIENT, "Oi, vi o lembrete")
    await wa.deliver()
    assert (await _row(wa, held)).status == OutboundStatus.SENT
    assert "Uma resposta do consultor" in wa.all_text(CLIENT)


async def test_a_row_held_for_more_than_a_week_is_not_sent_when_the_client_returns(
    wa: WaHarness,
) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.world.clock.advance(timedelta(hours=25))
    held = await _enqueue(wa, OutboundMessage("Uma resposta antiga"))
    await wa.deliver()
    wa.world.clock.advance(timedelta(days=8))
    await wa.text(CLIENT, "Voltei depois de muito tempo")
    await wa.deliver()
    assert (await _row(wa, held)).status == OutboundStatus.FAILED
    assert "Uma resposta antiga" not in wa.all_text(CLIENT)


@pytest.mark.parametrize("purpose", ["booking_reminder", "booking_notice"])
async def test_a_booking_notice_outside_the_window_goes_as_its_template(
    wa: WaHarness, purpose: str
) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.world.clock.advance(timedelta(hours=30))
    text = "Lembrete: seu atendimento é amanhã\nàs 10:00"
    row_id = await _enqueue(wa, OutboundMessage(text), purpose=purpose)
    await wa.deliver()
    assert (await _row(wa, row_id)).status == OutboundStatus.SENT
    template = wa.fake.sent(CLIENT)[-1]
    assert template.kind == "template"
    body = template.body["template"]
    assert body["name"] == "consultoria_lembrete" and body["language"] == {"code": "pt_BR"}
    parameter = body["components"][0]["parameters"][0]["text"]
    assert "\n" not in parameter and "amanhã" in parameter


async def test_many_choices_are_paged_with_a_more_options_row(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    choices = tuple(Choice(f"opt:{n}", f"Opção {n}") for n in range(1, 15))
    row_id = await _enqueue(wa, OutboundMessage("Escolha", choices=choices))
    await wa.deliver()
    rows = wa.choices(CLIENT)
    assert len(rows) == 10
    assert rows[-1] == (f"wa.more:{row_id}:1", "Mais opções")
    await wa.press(CLIENT, f"wa.more:{row_id}:1")
    assert [i for i, _ in wa.choices(CLIENT)] == [f"opt:{n}" for n in range(10, 15)]


async def test_long_labels_make_a_list_with_cut_titles(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    long = "Uma opção com um rótulo bem comprido"
    await _enqueue(
        wa, OutboundMessage("Escolha", choices=(Choice("a:1", long), Choice("b:1", "B")))
    )
    await wa.deliver()
    sent = wa.fake.sent(CLIENT)[-1].body["interactive"]
    assert sent["type"] == "list"
    row = sent["action"]["sections"][0]["rows"][0]
    assert len(row["title"]) <= 24 and row["description"] == long


async def test_bold_is_whatsapp_bold(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    await _enqueue(wa, OutboundMessage("Total: **R$ 90,00**"))
    await wa.deliver()
    assert wa.fake.sent(CLIENT)[-1].text == "Total: *R$ 90,00*"


async def test_a_billed_summary_outside_the_window_goes_as_the_summary_template(
    wa: WaHarness,
) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.world.clock.advance(timedelta(hours=24, minutes=1))
    summary = OutboundMessage("Resumo\n\nTotal: **R$ 180,00**", extra={"receipt": {"id": 1}})
    await _enqueue(wa, summary)
    await wa.deliver()
    sent = wa.fake.sent(CLIENT)[-1]
    assert sent.kind == "template" and sent.body["template"]["name"] == "consultoria_resumo"


async def test_the_opening_notice_without_its_template_is_held(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.world.clock.advance(timedelta(hours=26))
    keep = (Choice("keep:7", "Manter lugar"), Choice("leave:7", "Sair"))
    row_id = await _enqueue(wa, OutboundMessage("Encerramos; abrimos amanhã às 8h", keep))
    await wa.deliver()
    held = await _row(wa, row_id)
    assert held.status == OutboundStatus.FAILED and "24-hour" in (held.last_error or "")


async def test_inside_the_window_a_reminder_is_a_normal_message(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.world.clock.advance(timedelta(hours=23))
    await _enqueue(wa, OutboundMessage("Lembrete"), purpose="booking_reminder")
    await wa.deliver()
    assert wa.fake.sent(CLIENT)[-1].kind == "text"


async def test_a_queue_position_is_a_new_message_at_most_once_per_interval(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    card = await _enqueue(wa, OutboundMessage("Você é o 3º da fila"), purpose="queue_card")
    await wa.deliver()
    before = len(wa.fake.sent(CLIENT))

    async def position(text: str) -> None:
        async with wa.world.core.db.uow() as uow:
            message = OutboundMessage(text)
            await send(uow, wa.world.clock, TO, message, purpose="queue_card", edit_of=card)
            await uow.commit()
        await wa.deliver()

    await position("Você é o 2º da fila")
    await position("Você é o 1º da fila")
    texts = [c.text for c in wa.fake.sent(CLIENT)[before:]]
    assert texts == ["Você é o 2º da fila"], "one new message within the interval"
    wa.world.clock.advance(timedelta(seconds=301))
    await position("Você é o próximo")
    assert wa.fake.sent(CLIENT)[-1].text == "Você é o próximo"


async def test_an_edit_that_closes_a_menu_sends_nothing(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    menu = await _enqueue(wa, OutboundMessage("Menu", choices=(Choice("menu:help", "Ajuda"),)))
    await wa.deliver()
    before = len(wa.fake.sent(CLIENT))
    async with wa.world.core.db.uow() as uow:
        await send(uow, wa.world.clock, TO, OutboundMessage("Menu"), edit_of=menu)
        await uow.commit()
    await wa.deliver()
    assert len(wa.fake.sent(CLIENT)) == before


async def test_a_held_row_nudges_the_client_once_with_the_nudge_template(
    wa: WaHarness,
) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    wa.sender.config = replace(
        wa.sender.config, templates=replace(wa.sender.config.templates, nudge="novidade")
    )
    wa.world.clock.advance(timedelta(hours=25))
    first = await _enqueue(wa, OutboundMessage("Uma resposta do consultor"))
    await wa.deliver()
    wa.world.clock.advance(timedelta(hours=2))
    await wa.deliver()
    nudges = [c for c in wa.fake.sent(CLIENT) if c.kind == "template"]
    assert len(nudges) == 1 and nudges[0].body["template"]["name"] == "novidade"
    assert "components" not in nudges[0].body["template"]
    assert (await _row(wa, first)).status == OutboundStatus.FAILED  # held
    await wa.press(CLIENT, "whatever:1")
    await wa.deliver()
    assert (await _row(wa, first)).status == OutboundStatus.SENT


def _another_process(wa: WaHarness, **overrides: object) -> WhatsAppSender:
    """The sender of a second bot process (or of the same one restarted) on the same database."""
    sender = WhatsAppSender(wa.sender.graph, wa.world.core.db, wa.world.clock, {})
    sender.config = replace(wa.sender.config, **overrides)  # type: ignore[arg-type]
    return sender


async def test_two_processes_send_one_queue_position_within_the_interval(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    card = await _enqueue(wa, OutboundMessage("Você é o 3º da fila"), purpose="queue_card")
    await wa.deliver()
    before = len(wa.fake.sent(CLIENT))
    first, second = wa.sender, _another_process(wa)
    for sender, text in ((first, "Você é o 2º da fila"), (second, "Você é o 1º da fila")):
        async with wa.world.core.db.uow() as uow:
            message = OutboundMessage(text)
            await send(uow, wa.world.clock, TO, message, purpose="queue_card", edit_of=card)
            await uow.commit()
        wa.sender = sender
        await wa.deliver()
    texts = [c.text for c in wa.fake.sent(CLIENT)[before:]]
    assert texts == ["Você é o 2º da fila"], "the second process knows the first one sent"


async def test_a_restart_does_not_nudge_again_the_same_day(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    templates = replace(wa.sender.config.templates, nudge="novidade")
    wa.sender = _another_process(wa, templates=templates)
    wa.world.clock.advance(timedelta(hours=25))
    await _enqueue(wa, OutboundMessage("Uma resposta do consultor"))
    await wa.deliver()

    def nudges() -> int:
        return len([c for c in wa.fake.sent(CLIENT) if c.kind == "template"])

    assert nudges() == 1
    wa.sender = _another_process(wa, templates=templates)  # the bot restarted
    wa.world.clock.advance(timedelta(hours=3))
    await _enqueue(wa, OutboundMessage("Outra resposta"))
    await wa.deliver()
    assert nudges() == 1, "not again the same day"
    wa.world.clock.advance(timedelta(hours=22))
    await _enqueue(wa, OutboundMessage("Mais uma"))
    await wa.deliver()
    assert nudges() == 2, "a day later, once more"


async def test_a_position_message_refused_by_a_server_error_is_sent_on_the_retry(
    wa: WaHarness,
) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    card = await _enqueue(wa, OutboundMessage("Você é o 3º da fila"), purpose="queue_card")
    await wa.deliver()
    wa.fake.fail_next(500, 1, "An unknown error occurred")
    async with wa.world.core.db.uow() as uow:
        message = OutboundMessage("Você é o 2º da fila")
        await send(uow, wa.world.clock, TO, message, purpose="queue_card", edit_of=card)
        await uow.commit()
    await wa.deliver()
    wa.world.clock.advance(timedelta(seconds=30))  # the retry, still inside the interval
    await wa.deliver()
    taken = [c.text for c in wa.fake.sent(CLIENT) if c.wamid]
    assert taken[-1] == "Você é o 2º da fila", "the failed send did not use up the interval"


async def test_the_retention_purge_forgets_throttles_once_their_day_is_over(
    wa: WaHarness,
) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    card = await _enqueue(wa, OutboundMessage("Você é o 3º da fila"), purpose="queue_card")
    await wa.deliver()
    async with wa.world.core.db.uow() as uow:
        message = OutboundMessage("Você é o 2º da fila")
        await send(uow, wa.world.clock, TO, message, purpose="queue_card", edit_of=card)
        await uow.commit()
    await wa.deliver()

    async def throttles() -> int:
        async with wa.world.core.db.read() as uow:
            return len((await uow.session.exec(select(WhatsAppThrottle))).all())

    assert await throttles() == 1
    await ensure_retention_timer(wa.world.core)
    await wa.world.run_timers(timer_handlers())
    assert await throttles() == 1, "a throttle still running is kept"
    wa.world.clock.advance(timedelta(days=3))
    await wa.world.run_timers(timer_handlers())
    assert await throttles() == 0, "a row kept past its throttle says only that a client wrote"

"""Telegram: a button that was used leaves its message, which is edited to show what was
chosen (the booking summary's Confirmar / Cancelar, Não tenho código, the company switch);
pressing the old message again gets one clear answer."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.adapters.telegram.conftest import Harness
from tests.scenarios.booking_helpers import bookings
from tests.scenarios.intake_helpers import given_company

CHAT = "4401"


def _shown(tg: Harness, message: dict[str, Any]) -> dict[str, Any]:
    """``message`` as the chat shows it now (after any edit)."""
    return next(m for m in tg.fake.chat_log(CHAT) if m["message_id"] == message["message_id"])


async def _summary(tg: Harness) -> dict[str, Any]:
    """Meus agendamentos, Novo agendamento, the first day, time, duration, Telefone and a
    number: the summary with Confirmar / Cancelar."""
    await tg.start_linked(CHAT)
    await tg.press(CHAT, "menu:bookings")
    await tg.deliver()
    await tg.press(CHAT, "bnew")
    await tg.deliver()
    for prefix in ("bday:", "bslot:", "bdur:", "bmed:"):
        await tg.press(CHAT, tg.data_starting(CHAT, prefix)[0])
        await tg.deliver()
    asked = tg.message_with(CHAT, "bno")  # the phone question offers Cancelar
    await tg.text(CHAT, "(11) 98765-4321")
    await tg.deliver()
    assert "reply_markup" not in _shown(tg, asked), "the answered question lost Cancelar"
    return tg.message_with(CHAT, "bok")


async def test_confirmar_becomes_confirmado_and_an_old_press_says_expired_once(
    tg: Harness,
) -> None:
    summary = await _summary(tg)
    await tg.press(CHAT, "bok", message=summary)
    await tg.deliver()
    shown = _shown(tg, summary)
    assert "reply_markup" not in shown
    assert shown["text"].startswith(summary["text"]) and shown["text"].endswith("✅ Confirmado")
    assert tg.data_starting(CHAT, "bok") == []

    before = len(tg.fake.texts_to(CHAT))
    await tg.press(CHAT, "bok", message=summary)
    await tg.deliver()
    said = "\n".join(tg.fake.texts_to(CHAT)[before:])
    assert said.count("expirou") == 1, said
    assert len(await bookings(tg.world)) == 1


async def test_cancelar_becomes_cancelado(tg: Harness) -> None:
    summary = await _summary(tg)
    await tg.press(CHAT, "bno", message=summary)
    await tg.deliver()
    shown = _shown(tg, summary)
    assert "reply_markup" not in shown and shown["text"].endswith("✖️ Cancelado")
    assert "nada foi agendado" in tg.last_text(CHAT)
    assert await bookings(tg.world) == []


async def test_a_newer_summary_takes_the_buttons_of_the_older_one(tg: Harness) -> None:
    older = await _summary(tg)
    assert tg.data_starting(CHAT, "bday:") == [], "the steps answered lost their buttons"
    await tg.press(CHAT, "bnew")  # the bookings list's Novo agendamento: start again
    await tg.deliver()
    assert "reply_markup" not in _shown(tg, older), "a new booking begun: the old summary is off"
    assert _shown(tg, older)["text"] == older["text"]


async def test_nao_tenho_codigo_shows_the_choice_and_goes_when_linked(tg: Harness) -> None:
    await tg.command(CHAT, "/start")
    await tg.deliver()
    question = tg.message_with(CHAT, "nocode")
    await tg.press(CHAT, "nocode", message=question)
    await tg.deliver()
    shown = _shown(tg, question)
    assert "reply_markup" not in shown
    assert shown["text"].endswith("✔️ Você escolheu: Não tenho código")

    await tg.command(CHAT, "/start")  # asked again, then linked with a code
    await tg.deliver()
    again = tg.message_with(CHAT, "nocode")
    await tg.start_linked(CHAT)
    assert "reply_markup" not in _shown(tg, again), "linked: no code question stays live"


async def test_the_company_switch_question_shows_the_answer_without_buttons(tg: Harness) -> None:
    await tg.start_linked(CHAT)
    other = await given_company(tg.world, name="Padaria Central")
    await tg.command(CHAT, f"/start {other.access_code}")
    await tg.deliver()
    switch_ok, switch_no = [data for _, data in tg.buttons(CHAT)]
    question = tg.message_with(CHAT, switch_no)
    await tg.press(CHAT, switch_no, message=question)
    await tg.deliver()
    shown = _shown(tg, question)
    assert "reply_markup" not in shown
    assert shown["text"].endswith("✔️ Você escolheu: Continuar com Metalúrgica Exemplo")

    before = len(tg.fake.texts_to(CHAT))
    await tg.press(CHAT, switch_ok, message=question)
    await tg.deliver()
    said = tg.fake.texts_to(CHAT)[before:]
    assert sum("expirou" in text for text in said) == 1, said

    await tg.command(CHAT, f"/start {other.access_code}")
    await tg.deliver()
    switch_ok, _ = [data for _, data in tg.buttons(CHAT)]
    question = tg.message_with(CHAT, switch_ok)
    await tg.press(CHAT, switch_ok, message=question)
    await tg.deliver()
    assert _shown(tg, question)["text"].endswith("✔️ Você escolheu: Trocar para Padaria Central")
    assert "reply_markup" not in _shown(tg, question)


async def test_a_switch_question_that_expired_loses_its_buttons_when_pressed(
    tg: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="core")
    await tg.start_linked(CHAT)
    other = await given_company(tg.world, name="Padaria Central")
    await tg.command(CHAT, f"/start {other.access_code}")
    await tg.deliver()
    switch_ok, _ = [data for _, data in tg.buttons(CHAT)]
    question = tg.message_with(CHAT, switch_ok)
    tg.world.advance(minutes=31)

    before = len(tg.fake.texts_to(CHAT))
    await tg.press(CHAT, switch_ok, message=question)
    await tg.deliver()
    said = tg.fake.texts_to(CHAT)[before:]
    assert sum("expirou" in text for text in said) == 1, said
    shown = _shown(tg, question)
    assert "reply_markup" not in shown and shown["text"] == question["text"], caplog.text

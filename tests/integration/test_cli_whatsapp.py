"""WhatsApp in the CLI: the wa.me link of ``company add`` and ``whatsapp templates``."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


def _whatsapp(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTORIA_WHATSAPP_PHONE_NUMBER_ID", "106540352242922")
    monkeypatch.setenv("CONSULTORIA_WHATSAPP_ACCESS_TOKEN", "EAAG-token")
    monkeypatch.setenv("CONSULTORIA_WHATSAPP_APP_SECRET", "secret")
    monkeypatch.setenv("CONSULTORIA_WHATSAPP_VERIFY_TOKEN", "verify")


def _add() -> str:
    args = ["company", "add", "--name", "Metalúrgica Exemplo"]
    args += ["--product-line", "Industrial", "--rate", "180,00"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_with_whatsapp_and_its_number_company_add_prints_the_wa_me_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _whatsapp(monkeypatch)
    monkeypatch.setenv("CONSULTORIA_WHATSAPP_NUMBER", "5548999990000")
    output = _add()
    code = re.findall(r"Código de acesso: ([A-Z0-9]{8})", output)[0]
    assert f"WhatsApp: https://wa.me/5548999990000?text=CODIGO%20{code}" in output


def test_without_the_number_company_add_says_what_to_send(monkeypatch: pytest.MonkeyPatch) -> None:
    _whatsapp(monkeypatch)
    output = _add()
    code = re.findall(r"Código de acesso: ([A-Z0-9]{8})", output)[0]
    assert f"envie CODIGO {code}" in output
    assert "CONSULTORIA_WHATSAPP_NUMBER" in output


def test_without_whatsapp_there_is_no_wa_me_link() -> None:
    assert "wa.me" not in _add()


def test_templates_lists_what_to_submit_to_meta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTORIA_WHATSAPP_TEMPLATE_SUMMARY", "resumo_atendimento")
    result = runner.invoke(app, ["whatsapp", "templates"])
    assert result.exit_code == 0, result.output
    output = result.stdout
    assert "CONSULTORIA_WHATSAPP_TEMPLATE_REMINDER=consultoria_lembrete" in output
    assert "CONSULTORIA_WHATSAPP_TEMPLATE_SUMMARY=resumo_atendimento" in output
    assert output.count("{{1}}") == 4, "the nudge has no parameter"
    assert "CONSULTORIA_WHATSAPP_TEMPLATE_NUDGE=consultoria_novidade" in output
    assert "UTILITY" in output and "pt_BR" in output


def test_templates_show_the_booking_document_header_and_the_opening_buttons() -> None:
    result = runner.invoke(app, ["whatsapp", "templates"])
    assert result.exit_code == 0, result.output
    blocks = {b.split("=", 1)[0]: b for b in result.stdout.split("\n\n") if "=" in b}
    booking = blocks["CONSULTORIA_WHATSAPP_TEMPLATE_BOOKING"]
    assert "consultoria_agendamento" in booking and "DOCUMENTO" in booking
    opening = blocks["CONSULTORIA_WHATSAPP_TEMPLATE_OPENING"]
    assert "Manter meu lugar | Agendar horário | Sair da fila" in opening
    assert "DOCUMENTO" not in blocks["CONSULTORIA_WHATSAPP_TEMPLATE_REMINDER"]

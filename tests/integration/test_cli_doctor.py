"""``consultoria doctor`` against the fake Telegram and Slack servers and a real SMTP server on
loopback: one line per check, ``ok`` or what to do, exit 1 on any failure; nothing changed."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest

from adapters.slack.manifest import BOT_SCOPES
from bot.schema import head_revision
from tests.conftest import fresh_postgres_database
from tests.fakes.slack_server import FakeSlack
from tests.fakes.smtp_server import free_port, smtp_server
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.whatsapp_server import DISPLAY_NUMBER, PHONE_ID, FakeGraph
from tests.fakes.whatsapp_server import TOKEN as WHATSAPP_TOKEN
from tests.integration.cli_platforms import (
    WEBHOOK_URL,
    invoke,
    lines_of,
    point_at_slack,
    point_at_telegram,
    webhook_mode,
)

BOT = "consultoria_test_bot"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def engine(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[str]:
    """The bot's database on SQLite (the test's file) or on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield os.environ["CONSULTORIA_DATABASE_URL"]
        return
    async with fresh_postgres_database() as url:
        monkeypatch.setenv("CONSULTORIA_DATABASE_URL", url)
        yield url


def _smtp(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    monkeypatch.setenv("CONSULTORIA_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CONSULTORIA_SMTP_PORT", str(port))
    monkeypatch.setenv("CONSULTORIA_SMTP_SECURITY", "none")
    monkeypatch.setenv("CONSULTORIA_SMTP_SENDER", "Consultoria Online <bot@example.com>")


async def test_a_healthy_bot_is_one_ok_line_per_check(
    engine: str,
    fake_telegram: FakeTelegram,
    fake_slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    point_at_telegram(monkeypatch, fake_telegram)
    webhook_mode(monkeypatch)
    fake_slack.scopes = list(BOT_SCOPES)
    point_at_slack(monkeypatch, fake_slack)
    setup = await invoke("setup", "telegram")
    assert setup.exit_code == 0, setup.output
    with smtp_server() as (recorder, port):
        _smtp(monkeypatch, port)
        result = await invoke("doctor")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == f"Tudo certo: {len(lines) - 1} verificações."
    assert lines_of(result.stdout, "ok") == lines[:-1], "every check ok"
    output = result.stdout
    for expected in (
        "Configuração: válida",
        f"na revisão {head_revision()} (a mais nova)",
        f"Telegram: token aceito, bot @{BOT}",
        f"links t.me prontos (https://t.me/{BOT}?start=…)",
        f"Telegram: webhook registrado em {WEBHOOK_URL}",
        "Slack: token aceito (workspace Fake, bot bot)",
        "token do app aceito (Socket Mode)",
        "canal C0REQ (CONSULTORIA_SLACK_REQUESTS_CHANNEL) existe e o bot está nele",
        "Fuso horário America/Sao_Paulo: dados disponíveis",
        "Horário de atendimento: segunda-feira a sexta-feira: 08:00–12:00, 13:30–18:00",
        "Arquivos em data/web_files:",
        f"E-mail: o servidor SMTP 127.0.0.1:{port} respondeu",
    ):
        assert expected in output, expected
    assert "aberto agora, até" in output or "fechado agora, abre em" in output
    assert recorder.received == [], "nothing is sent"
    for secret in (fake_telegram.token, fake_slack.token, fake_slack.app_token):
        assert secret not in result.output


async def test_each_problem_is_a_fail_line_saying_what_to_do(
    fake_telegram: FakeTelegram,
    fake_slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    point_at_telegram(monkeypatch, fake_telegram)
    webhook_mode(monkeypatch)
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_BOT_USERNAME", "OtherBot")
    fake_slack.scopes = [s for s in BOT_SCOPES if s != "chat:write"]
    point_at_slack(monkeypatch, fake_slack)
    _smtp(monkeypatch, free_port())
    result = await invoke("doctor")
    assert result.exit_code == 1, result.output
    failures = lines_of(result.stdout, "FALHA")
    assert len(failures) == 5, failures
    database, username, webhook, scopes, mail = failures
    assert "vazio (sem tabelas); rode 'consultoria db upgrade'" in database
    assert "CONSULTORIA_TELEGRAM_BOT_USERNAME é @OtherBot, mas o bot é @consultoria_test_bot" in (
        username
    )
    assert f"o webhook registrado é (nenhum), não {WEBHOOK_URL}" in webhook
    assert "consultoria setup telegram" in webhook
    assert "chat:write" in scopes and "reinstale" in scopes
    assert "não respondeu" in mail and "CONSULTORIA_SMTP_HOST" in mail
    assert result.stdout.splitlines()[-1] == (
        f"5 falha(s) em {len(result.stdout.splitlines()) - 1} verificações: "
        "corrija as linhas FALHA."
    )
    assert "Traceback" not in result.output
    assert fake_telegram.calls_of("setWebhook", "setMyCommands") == [], "nothing changed"


async def test_warnings_say_what_to_do_without_failing(
    fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_at_telegram(monkeypatch, fake_telegram)
    webhook_mode(monkeypatch)
    upgraded = await invoke("db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    fake_telegram.webhook_url = WEBHOOK_URL
    fake_telegram.webhook_error = "Wrong response from the webhook: 502 Bad Gateway"
    result = await invoke("doctor", "--min-free-mb", str(10**12))
    assert result.exit_code == 0, result.output
    assert lines_of(result.stdout, "FALHA") == []
    warnings = lines_of(result.stdout, "AVISO")
    assert len(warnings) == 3, warnings
    stored, delivery, disk = warnings
    assert "o nome do bot não está guardado; rode 'consultoria setup telegram'" in stored
    assert "502 Bad Gateway" in delivery and "CONSULTORIA_TELEGRAM_WEBHOOK_SECRET" in delivery
    assert "Arquivos em data/web_files: só" in disk and "CONSULTORIA_WEB_FILES_DIR" in disk
    assert "3 aviso(s), nenhuma falha" in result.stdout


async def test_doctor_speaks_english_and_names_bad_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONSULTORIA_LANGUAGE", "en")
    monkeypatch.setenv("CONSULTORIA_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_TOKEN", "not-a-token")
    result = await invoke("doctor")
    assert result.exit_code == 1, result.output
    failures = lines_of(result.stdout, "FAIL")
    assert len(failures) == 3, failures
    settings, database, telegram = failures
    assert "Settings: CONSULTORIA_TELEGRAM_TOKEN:" in settings
    assert "Database postgresql+asyncpg://nobody@127.0.0.1:1/none: unreachable" in database
    assert "CONSULTORIA_DATABASE_URL" in database
    assert "does not look like @BotFather's" in telegram
    assert "not-a-token" not in result.output
    assert "ok    Time zone America/Sao_Paulo: data available" in result.stdout
    assert "Traceback" not in result.output


async def test_whatsapp_is_checked_against_the_graph_api(monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeGraph()
    await server.start()
    try:
        monkeypatch.setenv("CONSULTORIA_WHATSAPP_API_BASE_URL", server.base_url)
        monkeypatch.setenv("CONSULTORIA_WHATSAPP_PHONE_NUMBER_ID", PHONE_ID)
        monkeypatch.setenv("CONSULTORIA_WHATSAPP_ACCESS_TOKEN", WHATSAPP_TOKEN)
        monkeypatch.setenv("CONSULTORIA_WHATSAPP_APP_SECRET", "app-secret-123")
        monkeypatch.setenv("CONSULTORIA_WHATSAPP_VERIFY_TOKEN", "verify-123")
        assert (await invoke("db", "upgrade")).exit_code == 0
        good = await invoke("doctor")
        assert good.exit_code == 0, good.output
        assert f"ok    WhatsApp: número {DISPLAY_NUMBER} acessível com o token" in good.stdout

        monkeypatch.setenv("CONSULTORIA_WHATSAPP_ACCESS_TOKEN", "EAAG-revoked-token")
        refused = await invoke("doctor")
        assert refused.exit_code == 1, refused.output
        [line] = lines_of(refused.stdout, "FALHA")
        assert "WhatsApp: CONSULTORIA_WHATSAPP_ACCESS_TOKEN recusado" in line
        assert "EAAG-revoked-token" not in refused.output
    finally:
        await server.stop()

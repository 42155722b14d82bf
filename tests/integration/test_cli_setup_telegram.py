"""``consultoria setup telegram`` against the fake Bot API on loopback: the token checked with
getMe and never shown, the bot's username stored (``company add`` then prints the real
``t.me`` link), the menu commands registered in pt-BR and en, the webhook in webhook mode."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from adapters.telegram.app import COMMANDS
from core.bot_settings import stored_telegram_username
from core.db import Database
from tests.fakes.telegram_server import FakeTelegram
from tests.integration.cli_platforms import (
    WEBHOOK_SECRET,
    WEBHOOK_URL,
    invoke,
    point_at_telegram,
    webhook_mode,
)

BOT = "consultoria_test_bot"


async def _stored() -> str:
    db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
    try:
        async with db.uow() as uow:
            return await stored_telegram_username(uow)
    finally:
        await db.dispose()


async def _add_company() -> str:
    args = ["company", "add", "--name", "Metalúrgica Exemplo"]
    result = await invoke(*args, "--product-line", "Industrial", "--rate", "180,00")
    assert result.exit_code == 0, result.output
    return result.stdout


async def test_setup_stores_the_username_registers_the_commands_and_links_become_real(
    fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_at_telegram(monkeypatch, fake_telegram)
    before = await _add_company()
    assert "<usuário do bot>" in before, "the username is unknown before the setup"

    result = await invoke("setup", "telegram")
    assert result.exit_code == 0, result.output
    assert f"bot @{BOT}" in result.stdout
    assert f"https://t.me/{BOT}?start=CÓDIGO" in result.stdout
    assert "Modo polling" in result.stdout
    assert fake_telegram.token not in result.output
    assert "Guarde o token" not in result.stdout, "the token is already in the settings"
    assert await _stored() == BOT

    registered = {
        call.params.get("language_code"): [c["command"] for c in call.params["commands"]]
        for call in fake_telegram.calls_of("setMyCommands")
    }
    assert registered == {None: list(COMMANDS), "en": list(COMMANDS), "pt": list(COMMANDS)}
    english = next(
        call
        for call in fake_telegram.calls_of("setMyCommands")
        if call.params.get("language_code") == "en"
    )
    assert {c["command"]: c["description"] for c in english.params["commands"]}["ajuda"]
    assert fake_telegram.calls_of("setWebhook") == []

    after = await _add_company()
    code = re.findall(r"Código de acesso: ([A-Z0-9]{8})", after)[0]
    assert f"Telegram: https://t.me/{BOT}?start={code}" in after
    regenerated = await invoke("company", "regenerate-code", "2")
    new = re.findall(r"empresa 2: ([A-Z0-9]{8})", regenerated.stdout)[0]
    assert f"Telegram: https://t.me/{BOT}?start={new}" in regenerated.stdout


async def test_in_webhook_mode_the_webhook_is_registered_with_its_secret(
    fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_at_telegram(monkeypatch, fake_telegram)
    webhook_mode(monkeypatch)
    result = await invoke("setup", "telegram")
    assert result.exit_code == 0, result.output
    assert f"Webhook registrado em {WEBHOOK_URL}" in result.stdout
    assert WEBHOOK_SECRET not in result.output
    [call] = fake_telegram.calls_of("setWebhook")
    assert call.params["url"] == WEBHOOK_URL
    assert call.params["secret_token"] == WEBHOOK_SECRET


async def test_webhook_mode_without_its_secret_is_refused_before_anything_is_sent(
    fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_at_telegram(monkeypatch, fake_telegram)
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_MODE", "webhook")
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_WEBHOOK_URL", WEBHOOK_URL)
    result = await invoke("setup", "telegram")
    assert result.exit_code == 2, result.output
    assert "CONSULTORIA_TELEGRAM_WEBHOOK_SECRET" in result.stderr
    assert "Traceback" not in result.output
    assert fake_telegram.calls == []


async def test_the_token_comes_from_a_file_or_typed_unseen_and_is_never_printed(
    fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    point_at_telegram(monkeypatch, fake_telegram, token=False)
    token_file = tmp_path / "token.txt"
    token_file.write_text(fake_telegram.token + "\n", encoding="utf-8")
    from_file = await invoke("setup", "telegram", "--token-file", str(token_file))
    assert from_file.exit_code == 0, from_file.output
    assert f"bot @{BOT}" in from_file.stdout
    assert "Guarde o token no .env" in from_file.stdout
    assert fake_telegram.token not in from_file.output

    typed = await invoke("setup", "telegram", input=fake_telegram.token + "\n")
    assert typed.exit_code == 0, typed.output
    assert f"bot @{BOT}" in typed.stdout
    assert fake_telegram.token not in typed.output
    assert len(fake_telegram.calls_of("getMe")) == 2

    nothing = await invoke("setup", "telegram", input="\n")
    assert nothing.exit_code == 2
    assert "--token-file" in nothing.stderr

    missing = await invoke("setup", "telegram", "--token-file", str(tmp_path / "none.txt"))
    assert missing.exit_code == 2
    assert "none.txt" in missing.stderr


async def test_a_refused_or_malformed_token_is_refused_without_showing_it(
    fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_at_telegram(monkeypatch, fake_telegram, token=False)
    wrong = "654321:WRONG-TOKEN-abcdef"
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_TOKEN", wrong)
    refused = await invoke("setup", "telegram")
    assert refused.exit_code == 2, refused.output
    assert "o token foi recusado" in refused.stderr
    assert "@BotFather" in refused.stderr
    assert wrong not in refused.output
    assert "Traceback" not in refused.output
    assert await _stored() == "", "nothing stored"

    monkeypatch.setenv("CONSULTORIA_TELEGRAM_TOKEN", "not-a-token")
    malformed = await invoke("setup", "telegram")
    assert malformed.exit_code == 2
    assert "formato do @BotFather" in malformed.stderr
    assert "not-a-token" not in malformed.output
    assert fake_telegram.calls_of("getMe") == [], "a malformed token is not even tried"


async def test_an_unreachable_bot_api_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_TOKEN", "123456:TEST-TOKEN")
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_API_BASE_URL", "http://127.0.0.1:9/bot")
    result = await invoke("setup", "telegram")
    assert result.exit_code == 2, result.output
    assert "a API não respondeu" in result.stderr
    assert "CONSULTORIA_TELEGRAM_API_BASE_URL" in result.stderr
    assert "Traceback" not in result.output


async def test_setup_speaks_english_when_the_bot_does(
    fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_at_telegram(monkeypatch, fake_telegram)
    monkeypatch.setenv("CONSULTORIA_LANGUAGE", "en")
    result = await invoke("setup", "telegram")
    assert result.exit_code == 0, result.output
    assert f"Bot username stored: links are https://t.me/{BOT}?start=CODE" in result.stdout
    assert "Menu commands registered (pt-BR and en)" in result.stdout

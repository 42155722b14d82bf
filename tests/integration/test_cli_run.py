"""``consultoria run``'s start-up refusals: no channel at all (exit 3), a wrong setting (exit 2).

The running bot (signals, outbox flushed) is tested in ``tests/runtime/test_cli_signals.py``.
"""

from __future__ import annotations

import asyncio
import os

import pytest
from typer.testing import CliRunner

from bot import schema
from bot.cli import app
from core.db import Database
from core.terms import current_terms

runner = CliRunner()


def test_run_prepares_the_database_and_names_the_missing_channel_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONSULTORIA_WEB_ENABLED", "false")  # no token and no web: no channel
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 3
    assert "CONSULTORIA_TELEGRAM_TOKEN" in result.stderr
    assert "CONSULTORIA_SLACK_BOT_TOKEN" in result.stderr

    async def _state() -> tuple[str | None, list[str]]:
        db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
        try:
            async with db.uow() as uow:
                published = [
                    terms.language
                    for language in ("pt-BR", "en")
                    if (terms := await current_terms(uow, language)) is not None
                ]
            return await schema.current_revision(db), published
        finally:
            await db.dispose()

    revision, published = asyncio.run(_state())
    assert revision == schema.head_revision()
    assert published == ["pt-BR", "en"]


def test_a_malformed_telegram_token_is_named_and_not_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_TOKEN", "123456:sec-ret")
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 2
    assert "CONSULTORIA_TELEGRAM_TOKEN" in result.stderr
    assert "sec-ret" not in result.output
    assert "Traceback" not in result.output


def test_a_configured_slack_names_the_setting_it_still_needs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONSULTORIA_SLACK_BOT_TOKEN", "xoxb-not-checked-yet")
    monkeypatch.setenv("CONSULTORIA_SLACK_MODE", "http")
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 2
    assert "CONSULTORIA_SLACK_SIGNING_SECRET" in result.stderr
    assert "CONSULTORIA_SLACK_APP_TOKEN" not in result.stderr
    assert "xoxb-not-checked-yet" not in result.output


def test_an_unreachable_database_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTORIA_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/nothing")
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 2
    assert "Não foi possível abrir o banco de dados" in result.stderr
    assert "Traceback" not in result.output

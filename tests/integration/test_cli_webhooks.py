"""``consultoria webhook add|list|rotate|remove|test``: the secret shown once, refusals with exit
status 2 and nothing written, a ping through the outbox."""

from __future__ import annotations

import asyncio
import os
import re

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from bot.cli import app
from core.db import Database
from core.models import Outbound, WebhookEndpoint

runner = CliRunner()
SECRET = re.compile(r"whsec_[A-Za-z0-9_-]{43}")


def _stored() -> tuple[list[WebhookEndpoint], list[Outbound]]:
    async def _work() -> tuple[list[WebhookEndpoint], list[Outbound]]:
        db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
        async with db.uow() as uow:
            endpoints = list((await uow.session.exec(select(WebhookEndpoint))).all())
            rows = list((await uow.session.exec(select(Outbound))).all())
        await db.dispose()
        return endpoints, rows

    return asyncio.run(_work())


def test_a_webhook_is_added_listed_rotated_pinged_and_removed() -> None:
    added = runner.invoke(
        app, ["webhook", "add", "https://erp.example.com/hooks", "--events", "billing.recorded"]
    )
    assert added.exit_code == 0, added.output
    secret = SECRET.search(added.output)
    assert secret is not None and "Webhook 1" in added.output

    listed = runner.invoke(app, ["webhook", "list"])
    assert listed.exit_code == 0
    assert "https://erp.example.com/hooks" in listed.output and "billing.recorded" in listed.output
    assert "whsec_" not in listed.output

    rotated = runner.invoke(app, ["webhook", "rotate", "1"])
    assert rotated.exit_code == 0, rotated.output
    new = SECRET.search(rotated.output)
    assert new is not None and new.group(0) != secret.group(0)
    (endpoint,), _ = _stored()
    assert (endpoint.secret, endpoint.previous_secret) == (new.group(0), secret.group(0))
    assert endpoint.previous_secret_expires_at is not None

    pinged = runner.invoke(app, ["webhook", "test", "1"])
    assert pinged.exit_code == 0, pinged.output
    _, (row,) = _stored()
    assert (row.channel, row.address) == ("webhook", "1")
    assert row.payload["extra"]["event"]["type"] == "ping"
    assert row.payload["extra"]["event"]["id"] in pinged.output

    removed = runner.invoke(app, ["webhook", "remove", "1"])
    assert removed.exit_code == 0
    (endpoint,), _ = _stored()
    assert not endpoint.active
    assert runner.invoke(app, ["webhook", "test", "1"]).exit_code == 2


def test_bad_input_is_refused_with_a_reason_and_nothing_is_written() -> None:
    for arguments, says in (
        (["https://erp.example.com/h", "--events", "session.ended,foo"], "foo"),
        (["http://erp.example.com/h", "--events", "all"], "https"),
        (["https://u:p@erp.example.com/h", "--events", "all"], "senha"),
        (["not a url", "--events", "all"], "não é um endereço válido"),
    ):
        result = runner.invoke(app, ["webhook", "add", *arguments])
        assert result.exit_code == 2, arguments
        assert says in result.output, result.output
    assert runner.invoke(app, ["webhook", "rotate", "9"]).exit_code == 2
    assert _stored() == ([], [])


def test_plain_http_is_accepted_when_the_setting_allows_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONSULTORIA_WEBHOOK_ALLOW_HTTP", "true")
    result = runner.invoke(app, ["webhook", "add", "http://erp.lan/h", "--events", "all"])
    assert result.exit_code == 0, result.output

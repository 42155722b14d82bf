"""``consultoria setup slack``: the app manifest for Socket Mode or HTTP (the adapter's own slash
commands, events and scopes), and with a bot token the scopes and staff channels checked
against the fake Slack Web API on loopback, one line per problem saying what to do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import adapters.slack
from adapters.slack.listeners import LISTENERS
from adapters.slack.manifest import BOT_SCOPES
from bot.checks import REQUIRED_SLACK_SCOPES
from tests.fakes.slack_server import FakeSlack
from tests.integration.cli_platforms import CHANNELS, invoke, lines_of, point_at_slack

EVENTS = "https://bot.example.com/slack/events"


def _manifest(stdout: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(stdout)
    return loaded


async def test_without_a_token_it_prints_the_socket_mode_manifest_and_what_to_do() -> None:
    result = await invoke("setup", "slack")
    assert result.exit_code == 0, result.output
    manifest = _manifest(result.stdout)
    commands = manifest["features"]["slash_commands"]
    registered = [str(row.matcher) for row in LISTENERS if row.kind == "command"]
    assert [c["command"] for c in commands] == registered
    assert {"/agendar", "/resposta"} <= set(registered)
    assert all("url" not in c and c["description"] for c in commands)
    assert manifest["oauth_config"]["scopes"]["bot"] == list(BOT_SCOPES)
    settings = manifest["settings"]
    assert settings["socket_mode_enabled"] is True
    assert "request_url" not in settings["event_subscriptions"]
    assert {"app_home_opened", "message.channels", "message.im"} <= set(
        settings["event_subscriptions"]["bot_events"]
    )
    assert settings["interactivity"] == {"is_enabled": True}
    assert "CONSULTORIA_SLACK_APP_TOKEN" in result.stderr
    assert "Sem CONSULTORIA_SLACK_BOT_TOKEN" in result.stderr


async def test_with_a_public_url_every_request_url_points_at_the_bot(tmp_path: Path) -> None:
    result = await invoke("setup", "slack", "--public-url", "https://bot.example.com/")
    assert result.exit_code == 0, result.output
    manifest = _manifest(result.stdout)
    assert all(c["url"] == EVENTS for c in manifest["features"]["slash_commands"])
    settings = manifest["settings"]
    assert settings["socket_mode_enabled"] is False
    assert settings["event_subscriptions"]["request_url"] == EVENTS
    assert settings["interactivity"]["request_url"] == EVENTS
    assert settings["interactivity"]["message_menu_options_url"] == EVENTS
    assert "CONSULTORIA_SLACK_SIGNING_SECRET" in result.stderr

    target = tmp_path / "manifest.json"
    written = await invoke(
        "setup", "slack", "--public-url", "https://bot.example.com", "--output", str(target)
    )
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    assert _manifest(target.read_text(encoding="utf-8")) == manifest


async def test_http_mode_needs_an_https_public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = await invoke("setup", "slack", "--public-url", "http://bot.example.com")
    assert plain.exit_code == 2
    assert "https://" in plain.stderr
    assert plain.stdout == ""

    nowhere = await invoke("setup", "slack", "--mode", "http")
    assert nowhere.exit_code == 2
    assert "--public-url" in nowhere.stderr

    monkeypatch.setenv("CONSULTORIA_SLACK_MODE", "http")
    monkeypatch.setenv("CONSULTORIA_WEB_PUBLIC_URL", "https://bot.example.com")
    from_settings = await invoke("setup", "slack")
    assert from_settings.exit_code == 0, from_settings.output
    assert _manifest(from_settings.stdout)["settings"]["event_subscriptions"]["request_url"] == (
        EVENTS
    )


async def test_an_installed_app_with_every_scope_and_channel_is_all_ok(
    fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_slack.scopes = list(BOT_SCOPES)
    point_at_slack(monkeypatch, fake_slack)
    result = await invoke("setup", "slack")
    assert result.exit_code == 0, result.output
    assert lines_of(result.stderr, "FALHA") == []
    ok = "\n".join(lines_of(result.stderr, "ok"))
    assert f"as {len(BOT_SCOPES)} permissões do manifesto" in ok
    assert "token do app aceito" in ok
    for channel in CHANNELS.values():
        assert f"canal {channel}" in ok
    assert fake_slack.token not in result.output


async def test_missing_scopes_and_channels_are_one_line_each_saying_what_to_do(
    fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_slack.scopes = [s for s in BOT_SCOPES if s not in ("commands", "usergroups:read")]
    fake_slack.missing_channels = {"C0BIL"}
    fake_slack.outside_channels = {"C0ONS"}
    point_at_slack(monkeypatch, fake_slack)
    monkeypatch.setenv("CONSULTORIA_SLACK_LINKS_CHANNEL", "C0LNK")
    result = await invoke("setup", "slack")
    assert result.exit_code == 1, result.output
    failures = lines_of(result.stderr, "FALHA")
    assert len(failures) == 3, failures
    assert "faltam permissões de que o bot precisa: commands" in failures[0]
    assert "reinstale" in failures[0]
    assert "C0BIL" in failures[1] and "CONSULTORIA_SLACK_BILLING_CHANNEL" in failures[1]
    assert "/invite" in failures[2] and "C0ONS" in failures[2]
    [warning] = lines_of(result.stderr, "AVISO")
    assert "usergroups:read" in warning
    assert "canal C0LNK" in result.stderr


async def test_a_refused_token_or_an_unset_channel_is_named(
    fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_at_slack(monkeypatch, fake_slack)
    monkeypatch.delenv("CONSULTORIA_SLACK_ONSITE_CHANNEL")
    unset = await invoke("setup", "slack")
    assert unset.exit_code == 1
    assert "CONSULTORIA_SLACK_ONSITE_CHANNEL não definido" in unset.stderr
    assert "não informou as permissões" in unset.stderr, "no x-oauth-scopes header: a warning"

    monkeypatch.setenv("CONSULTORIA_SLACK_BOT_TOKEN", "xoxb-revoked")
    refused = await invoke("setup", "slack")
    assert refused.exit_code == 1
    [line] = lines_of(refused.stderr, "FALHA")
    assert "invalid_auth" in line and "CONSULTORIA_SLACK_BOT_TOKEN" in line
    assert "xoxb-revoked" not in refused.output


def test_the_manifest_asks_for_every_scope_the_start_up_check_requires() -> None:
    assert set(BOT_SCOPES) >= REQUIRED_SLACK_SCOPES
    shipped = (Path(adapters.slack.__file__).parent / "manifest.yml").read_text(encoding="utf-8")
    for scope in BOT_SCOPES:
        assert f"- {scope}\n" in shipped, scope
    for row in LISTENERS:
        if row.kind == "command":
            assert f"command: {row.matcher}" in shipped

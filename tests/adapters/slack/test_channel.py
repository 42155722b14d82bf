"""``SlackChannel``: the bolt app over real HTTP on 127.0.0.1, or over Socket Mode to the fake."""

from __future__ import annotations

import dataclasses

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError

from adapters.slack.app import SlackConfig, build_app
from adapters.slack.channel import SlackChannel
from tests.adapters.slack.conftest import slack_config
from tests.adapters.slack.harness import SlackHarness
from tests.fakes import slack_signing as signing
from tests.scenarios.common_helpers import consultant_status
from tests.scenarios.sessions_helpers import BRUNO, given_cast


def _socket_config(slack: SlackHarness) -> SlackConfig:
    config = slack_config(slack.fake)
    config.mode, config.app_token, config.signing_secret = "socket", slack.fake.app_token, ""
    return config


async def test_http_mode_serves_signed_requests_and_refuses_bad_signatures(
    slack: SlackHarness,
) -> None:
    await given_cast(slack.world)
    config = slack_config(slack.fake)
    channel = SlackChannel(build_app(slack.world.core, config), config, port=0)
    await channel.start()
    url = f"http://127.0.0.1:{channel.port}/slack/events"
    served = dataclasses.replace(slack, url=url)
    try:
        assert channel.port != 0
        assert await served.command("/consultor", "status", BRUNO) == 200
        (answer,) = slack.fake.responses
        assert answer["text"].startswith("Status: disponível.")
        forged = signing.command("not-the-secret", "/consultor", "ausente", user_id=BRUNO)
        assert await served.post(forged) == 401
        assert await consultant_status(slack.world, BRUNO) == "disponivel"
    finally:
        await channel.stop()
    with pytest.raises(aiohttp.ClientConnectionError):
        await served.command("/consultor", "status", BRUNO)


async def test_socket_mode_acks_an_envelope_and_reaches_the_core(slack: SlackHarness) -> None:
    await given_cast(slack.world)
    config = _socket_config(slack)
    channel = SlackChannel(build_app(slack.world.core, config), config)
    await channel.start()
    try:
        (opened,) = slack.fake.calls_to("apps.connections.open")
        assert opened.token == slack.fake.app_token
        payload = {
            "team_id": "T0001",
            "channel_id": "C_GENERAL",
            "user_id": BRUNO,
            "command": "/consultor",
            "text": "ausente",
            "trigger_id": "trigger.socket.1",
            "response_url": slack.fake.response_url,
            "api_app_id": "A0001",
        }
        envelope = {
            "envelope_id": "e1",
            "type": "slash_commands",
            "accepts_response_payload": True,
            "payload": payload,
        }
        await slack.fake.push(envelope)
        assert (await slack.fake.wait_ack("e1"))["envelope_id"] == "e1"
        await slack.settle()
        assert await consultant_status(slack.world, BRUNO) == "ausente"
        await slack.fake.push(
            envelope
            | {
                "envelope_id": "e2",
                "payload": payload | {"text": "disponivel", "trigger_id": "trigger.socket.2"},
            }
        )
        await slack.fake.wait_ack("e2")
        await slack.settle()
        assert await consultant_status(slack.world, BRUNO) == "disponivel"
        assert slack.fake.sockets
    finally:
        await channel.stop()
    await channel.stop()  # twice is harmless
    await slack.fake.wait_disconnected()
    assert not slack.fake.sockets


async def test_missing_secrets_are_named(slack: SlackHarness) -> None:
    socket_config = _socket_config(slack)
    socket_config.app_token = None
    with pytest.raises(ValueError, match="CONSULTORIA_SLACK_APP_TOKEN"):
        await SlackChannel(slack.app, socket_config).start()
    http_config = slack_config(slack.fake)
    http_config.signing_secret = ""
    with pytest.raises(ValueError, match="CONSULTORIA_SLACK_SIGNING_SECRET"):
        await SlackChannel(slack.app, http_config, port=0).start()


async def test_socket_mode_with_a_wrong_app_token_fails_at_start(slack: SlackHarness) -> None:
    config = _socket_config(slack)
    config.app_token = "xapp-wrong"
    with pytest.raises(SlackApiError, match="invalid_auth"):
        await SlackChannel(slack.app, config).start()

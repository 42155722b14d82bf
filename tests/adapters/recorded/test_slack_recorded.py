"""Recorded Slack payloads (block_actions, view_submission, slash command, Events API message).

Each is POSTed the way Slack posts it, parsed by bolt's own request parsing, then read by the
adapter's helpers (``adapters.slack.context``, the modal readers, the ``/agendar`` parser, the
thread-reply filter); the thread reply also goes through the real bolt app, signed.
"""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from typing import Any

import pytest

from adapters.slack.agendar.commands import BookText
from adapters.slack.agendar.parse import parse_command
from adapters.slack.context import (
    acting_user,
    action_argument,
    action_key,
    action_value,
    command_key,
    event_key,
    view_key,
    where,
)
from adapters.slack.listeners.events.thread_message import is_staff_reply, session_channels
from adapters.slack.modals import TRANSFER, selected, session_of, typed
from tests.adapters.recorded.payloads import (
    bolt_body,
    command_body,
    interactive_body,
    load,
)
from tests.adapters.slack.harness import SECRET, SlackHarness
from tests.adapters.slack.session_setup import open_session
from tests.fakes import slack_signing as signing
from tests.scenarios.sessions_helpers import ANA, BRUNO

CHANNELS = frozenset({"C_REQUESTS", "C_SUPPORT"})
BOT_USER = "UBOT"


def event_body(name: str) -> dict[str, Any]:
    """A recorded Events API delivery, as bolt parses its JSON body."""
    return bolt_body(json.dumps(load(name)), "application/json")


def test_a_button_click_gives_the_action_the_user_and_the_thread() -> None:
    body = interactive_body(load("slack_block_actions"))
    assert action_value(body) == "end:12"
    assert action_argument(body) == "12"
    assert acting_user(body) == "U0BRUNO"
    assert where(body) == ("C_REQUESTS", "1700000500.000100")  # the thread, not the message
    assert action_key(body) == ("slack", "action:1700000650.123456:U0BRUNO:end:12")


def test_a_modal_submission_gives_the_choice_the_session_and_the_user() -> None:
    body = interactive_body(load("slack_view_submission"))
    view = body["view"]
    assert view["callback_id"] == TRANSFER
    assert selected(view, "consultant") == "7"
    assert session_of(view) == 12
    assert typed(view, "reason") == ""  # a field the modal does not have reads as empty
    assert acting_user(body) == "U0BRUNO"
    assert view_key(body) == ("slack", "view:V0TRANSFER1:1700000700.a1b2c3d4")


def test_a_slash_command_gives_the_user_and_the_parsed_booking() -> None:
    body = command_body(load("slack_slash_command"))
    assert body["command"] == "/agendar"
    assert acting_user(body) == "U0SARA"
    assert command_key(body) == ("slack", "command:13345224609.738474920.8088930838d88f008e0")
    assert where(body) == (None, None)  # not from a message: refusals go to body["channel_id"]
    assert body["channel_id"] == "C_GENERAL"
    parsed = parse_command(body["text"], today=date(2026, 11, 23), areas=("Custos", "Estoque"))
    assert isinstance(parsed, BookText)
    assert parsed.company == "Metalúrgica Exemplo"
    assert (parsed.day, parsed.at) == (date(2026, 11, 24), time(14, 0))
    assert parsed.duration == timedelta(minutes=90)
    assert parsed.medium == "TeamViewer"


def test_a_thread_reply_is_a_staff_reply_attributed_to_its_thread() -> None:
    body = event_body("slack_event_message_in_thread")
    event = body["event"]
    assert is_staff_reply(event, CHANNELS, BOT_USER)
    assert (event["channel"], event["thread_ts"]) == ("C_REQUESTS", "1700000500.000100")
    assert event["user"] == "U0BRUNO"
    assert event_key(body) == ("slack", "Ev0RECORDED1")


@pytest.mark.parametrize(
    "name", ["slack_event_message_changed", "slack_event_bot_message"], ids=["edited", "bot"]
)
def test_an_edit_or_a_bot_message_in_the_thread_is_ignored(name: str) -> None:
    event = event_body(name)["event"]
    assert event["channel"] in CHANNELS
    assert not is_staff_reply(event, CHANNELS, BOT_USER)


async def test_the_recorded_thread_reply_reaches_the_client_of_that_thread(
    slack: SlackHarness,
) -> None:
    assert session_channels(slack.world.core) == CHANNELS
    opened = await open_session(slack)
    envelope = load("slack_event_message_in_thread")
    envelope["event"]["thread_ts"] = opened.thread_ts  # the card of the session just opened
    assert envelope["event"]["user"] == BRUNO
    raw = json.dumps(envelope)
    headers = signing.signed_headers(SECRET, raw, "application/json")
    assert await slack.post((raw, headers)) == 200
    texts = [m.text for m in await slack.world.outbox(ANA)]
    assert any("Vamos abrir o fechamento de custos." in text for text in texts)

"""Signed Slack requests for the adapter tests: slash commands, block actions, views, events.

Slack signs ``v0:{timestamp}:{raw body}`` with HMAC-SHA256 and the app's signing secret; bolt
refuses a wrong signature or a timestamp older than 5 minutes with 401.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlencode

Signed = tuple[str, dict[str, str]]
"""A raw body and its headers."""


def signature(secret: str, timestamp: int, body: str) -> str:
    """``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{body}``."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(
    secret: str, body: str, content_type: str, *, timestamp: int | None = None
) -> dict[str, str]:
    """The headers Slack sends with ``body`` (``timestamp`` defaults to now)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": signature(secret, stamp, body),
    }


FORM = "application/x-www-form-urlencoded"


def command(
    secret: str,
    name: str,
    text: str,
    *,
    user_id: str,
    channel_id: str = "C_GENERAL",
    trigger_id: str = "trigger.1",
    response_url: str = "http://127.0.0.1:9/response",
    timestamp: int | None = None,
) -> Signed:
    """A slash command (form fields)."""
    fields = {
        "token": "legacy",
        "team_id": "T0001",
        "channel_id": channel_id,
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": name,
        "text": text,
        "response_url": response_url,
        "trigger_id": trigger_id,
        "api_app_id": "A0001",
    }
    body = urlencode(fields)
    return body, signed_headers(secret, body, FORM, timestamp=timestamp)


def interactive(secret: str, payload: dict[str, Any], *, timestamp: int | None = None) -> Signed:
    """An interactivity request (block action, view submission): form field ``payload=<json>``."""
    body = urlencode({"payload": json.dumps(payload)})
    return body, signed_headers(secret, body, FORM, timestamp=timestamp)


def block_action(
    value: str,
    *,
    user_id: str,
    channel_id: str,
    message_ts: str,
    thread_ts: str | None = None,
    action_ts: str = "1700000100.000001",
    trigger_id: str = "trigger.1",
) -> dict[str, Any]:
    """The payload of a button click in a message (``value`` = the core action id)."""
    message: dict[str, Any] = {"ts": message_ts, "type": "message", "text": "card"}
    if thread_ts:
        message["thread_ts"] = thread_ts
    return {
        "type": "block_actions",
        "team": {"id": "T0001"},
        "user": {"id": user_id, "username": user_id.lower(), "team_id": "T0001"},
        "api_app_id": "A0001",
        "trigger_id": trigger_id,
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        },
        "channel": {"id": channel_id},
        "message": message,
        "response_url": "http://127.0.0.1:9/response",
        "actions": [
            {
                "type": "button",
                "action_id": value,
                "block_id": "choices-0",
                "value": value,
                "action_ts": action_ts,
                "text": {"type": "plain_text", "text": "x"},
            }
        ],
    }


def view_submission(
    callback_id: str,
    values: dict[str, dict[str, Any]],
    *,
    user_id: str,
    private_metadata: str = "",
    view_id: str = "V0001",
    view_hash: str = "h1",
) -> dict[str, Any]:
    """The payload of a modal submission; ``values`` is ``{block_id: {action_id: value}}``."""
    return {
        "type": "view_submission",
        "team": {"id": "T0001"},
        "user": {"id": user_id, "team_id": "T0001"},
        "api_app_id": "A0001",
        "trigger_id": "trigger.view",
        "view": {
            "id": view_id,
            "hash": view_hash,
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "state": {"values": values},
        },
    }


def event(
    secret: str,
    inner: dict[str, Any],
    *,
    event_id: str,
    retry_num: int | None = None,
    timestamp: int | None = None,
) -> Signed:
    """An Events API delivery (JSON), with ``X-Slack-Retry-Num`` when it is a retry."""
    envelope = {
        "token": "legacy",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "event": inner,
        "authorizations": [{"team_id": "T0001", "user_id": "UBOT", "is_bot": True}],
    }
    body = json.dumps(envelope)
    headers = signed_headers(secret, body, "application/json", timestamp=timestamp)
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return body, headers

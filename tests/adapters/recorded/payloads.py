"""The recorded payloads of ``tests/fixtures/recorded`` (shapes as the platforms document)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from slack_bolt.request.async_request import AsyncBoltRequest

RECORDED = Path(__file__).resolve().parents[2] / "fixtures" / "recorded"
FORM = "application/x-www-form-urlencoded"


def load(name: str) -> dict[str, Any]:
    """A fresh copy of the recorded payload ``name`` (without ``.json``)."""
    value = json.loads((RECORDED / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(value, dict)
    return value


def bolt_body(body: str, content_type: str) -> dict[str, Any]:
    """The body as bolt hands it to a listener (bolt's own request parsing)."""
    return AsyncBoltRequest(body=body, headers={"content-type": content_type}).body


def interactive_body(payload: dict[str, Any]) -> dict[str, Any]:
    """An interactivity payload POSTed as Slack does (``payload=<json>``), parsed by bolt."""
    return bolt_body(urlencode({"payload": json.dumps(payload)}), FORM)


def command_body(fields: dict[str, Any]) -> dict[str, Any]:
    """A slash command's form fields POSTed as Slack does, parsed by bolt."""
    return bolt_body(urlencode(fields), FORM)

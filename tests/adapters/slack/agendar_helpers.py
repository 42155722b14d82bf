"""Helpers for the ``/agendar`` tests: what the secretary saw, and the bookings stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from core.booking import list_bookings
from tests.adapters.slack.harness import SECRET, SlackHarness
from tests.fakes import slack_signing as signing

Stored = list[tuple[int | None, str, datetime]]


async def agendar(slack: SlackHarness, text: str, user: str) -> str:
    """Run ``/agendar text`` as ``user``; the ephemeral answer it got (via ``respond``)."""
    before = len(slack.fake.responses)
    assert await slack.command("/agendar", text, user) == 200
    answers = slack.fake.responses[before:]
    assert len(answers) == 1, f"expected one answer, got {answers}"
    assert answers[0].get("response_type") == "ephemeral"
    return str(answers[0]["text"])


async def stored(slack: SlackHarness) -> Stored:
    """Every booking (cancelled too) as (id, status, start), read through ``list_bookings``."""
    core = slack.world.core
    async with core.db.uow() as uow:
        views = await list_bookings(uow, core, include_cancelled=True)
    return [(v.booking.id, v.booking.status, v.booking.starts_at) for v in views]


async def suggest(
    slack: SlackHarness, action_id: str, value: str, user: str, view: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """A signed ``block_suggestion`` for an external select; the options bolt answered."""
    payload = {
        "type": "block_suggestion",
        "user": {"id": user, "team_id": "T0001"},
        "team": {"id": "T0001"},
        "api_app_id": "A0001",
        "action_id": action_id,
        "block_id": action_id,
        "value": value,
        "view": view or {"id": "V0001", "type": "modal", "state": {"values": {}}},
    }
    body, headers = signing.interactive(SECRET, payload)
    async with slack.http.post(slack.url, data=body.encode(), headers=headers) as response:
        assert response.status == 200
        answer = await response.json()
    await slack.settle()
    return list(answer.get("options", []))


def select(value: str) -> dict[str, Any]:
    """A select's state in a submitted view."""
    return {"type": "static_select", "selected_option": {"value": value}}

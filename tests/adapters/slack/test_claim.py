"""Request cards in Slack: *Aceitar* by two consultants at once, repeats, bad signatures."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.models import ConsultingSession
from tests.adapters.slack.harness import SECRET, SlackHarness, button_values
from tests.adapters.slack.session_setup import request_card
from tests.fakes import slack_signing as signing
from tests.scenarios.queue_helpers import sessions
from tests.scenarios.sessions_helpers import BRUNO, DIEGO


async def test_two_consultants_accept_at_once_one_session_and_one_ephemeral(
    slack: SlackHarness,
) -> None:
    _, request_id, card_ts = await request_card(slack)
    where = {"channel": "C_REQUESTS", "message_ts": card_ts}
    statuses = await asyncio.gather(
        slack.click(f"claim:{request_id}", BRUNO, **where),
        slack.click(f"claim:{request_id}", DIEGO, **where),
    )
    assert list(statuses) == [200, 200]
    found = await sessions(slack.world)
    assert len(found) == 1
    winner = BRUNO if found[0].consultant_id and await _is(slack, found[0], BRUNO) else DIEGO
    loser = DIEGO if winner == BRUNO else BRUNO
    await slack.deliver()
    notes = slack.ephemerals(loser)
    assert len(notes) == 1
    assert "já foi aceito por" in notes[0].args["text"]
    assert notes[0].args["channel"] == "C_REQUESTS"
    assert slack.ephemerals(winner) == []
    updates = [c for c in slack.fake.calls_to("chat.update") if c.args["ts"] == card_ts]
    assert updates, "the card was not updated in place"
    assert "claim:" not in str(updates[-1].args.get("blocks"))


async def _is(slack: SlackHarness, session: ConsultingSession, user: str) -> bool:
    from core.consultants import consultant_by_staff_key

    async with slack.world.core.db.uow() as uow:
        consultant = await consultant_by_staff_key(uow, user)
    return consultant is not None and consultant.id == session.consultant_id


async def test_a_repeated_click_acts_once(slack: SlackHarness) -> None:
    _, request_id, card_ts = await request_card(slack)
    signed = slack.click_request(
        f"claim:{request_id}", BRUNO, channel="C_REQUESTS", message_ts=card_ts
    )
    assert await slack.post(signed) == 200
    assert await slack.post(signed) == 200
    await slack.deliver()
    assert len(await sessions(slack.world)) == 1
    assert slack.ephemerals() == []
    thread_posts = slack.fake.posted("C_REQUESTS", thread=card_ts)
    assert len(thread_posts) == 1  # the session controls, once


async def test_bad_or_expired_signature_is_refused_with_401_and_no_effect(
    slack: SlackHarness,
) -> None:
    _, request_id, card_ts = await request_card(slack)
    payload = signing.block_action(
        f"claim:{request_id}", user_id=BRUNO, channel_id="C_REQUESTS", message_ts=card_ts
    )
    body, headers = signing.interactive("wrong-secret", payload)
    assert await slack.post((body, headers)) == 401
    old = int(time.time()) - 6 * 60
    assert await slack.post(signing.interactive(SECRET, payload, timestamp=old)) == 401
    assert await sessions(slack.world) == []


async def test_an_unexpected_failure_is_logged_and_answered_with_an_apology(
    slack: SlackHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from adapters.slack.listeners.actions import claim

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(claim, "claim_request", broken)
    assert await slack.click("claim:1", BRUNO, channel="C_REQUESTS", message_ts="1.1") == 200
    (apology,) = slack.ephemerals(BRUNO)
    assert apology.args["text"].startswith("Desculpe, algo deu errado")
    assert "database on fire" not in apology.args["text"]


async def test_after_closing_accept_asks_to_confirm_agreed_alternative_hours(
    slack: SlackHarness,
) -> None:
    _, request_id, card_ts = await request_card(slack)
    closed = datetime(2026, 11, 23, 19, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))
    slack.world.clock.set(closed)
    where = {"channel": "C_REQUESTS", "message_ts": card_ts}

    assert await slack.click(f"claim:{request_id}", BRUNO, **where) == 200
    assert await sessions(slack.world) == []
    (note,) = slack.ephemerals(BRUNO)
    assert note.args["text"].startswith("Estamos fora do horário de atendimento (abrimos terça")
    assert button_values(note) == [f"claim_alt:{request_id}"]

    assert await slack.click(f"claim_alt:{request_id}", BRUNO, **where) == 200
    (session,) = await sessions(slack.world)
    assert session.alternative_hours is True
    assert len(slack.ephemerals(BRUNO)) == 1, "the confirmed claim needs no further answer"

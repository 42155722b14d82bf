"""The client reads the queue's messages in a sensible order: written together, delivered in order.

Accepting the terms edits the terms card, confirms, then shows the queue card; a claim closes the
queue card before telling the client who attends them, and the thread hears the session started.
"""

from __future__ import annotations

from core.cards import QUEUE_CARD
from core.clock import ManualClock
from core.db import Database
from core.messages import t
from core.queue import claim_request
from core.timefmt import format_datetime
from tests.scenario import REQUESTS, World
from tests.scenarios.queue_helpers import (
    client,
    given_company,
    given_consultant,
    latest,
    queued_client,
    sessions,
    slack_user,
)


async def test_accepting_then_being_claimed_reaches_the_client_in_order(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno Consultor", ["Custos"], status="ocupado")
    accepted_at = format_datetime(clock.now(), world.core.config.timezone)

    request_id = await queued_client(world, company, 1)

    after_terms = [m.text for m in await world.outbox(client(1))][-3:]
    answered = t("intake.terms.answered_yes", "pt-BR", when=accepted_at)
    assert after_terms[0].endswith(answered)  # the terms card, edited with the answer
    assert after_terms[1] == t("intake.accepted", "pt-BR", when=accepted_at)
    assert after_terms[2] == (await latest(world, QUEUE_CARD, request_id)).text

    world.advance(minutes=2)
    result = await claim_request(world.core, request_id, slack_user(1))

    assert result.won
    after_claim = [m.text for m in await world.outbox(client(1))][-2:]
    assert after_claim == [
        "Atendimento iniciado às 10:02.",
        t("queue.client.assigned", "pt-BR", name="Bruno Consultor"),
    ]
    [session] = await sessions(world)
    in_channel = await world.outbox(REQUESTS)
    assert in_channel[-2].extra["session_id"] == session.id  # "session started", in the thread
    assert in_channel[-1].text == "Aceito por Bruno Consultor às 10:02."  # the card, closed

"""A claim outside the opening hours needs a time agreed with the client, and it is recorded.

A request queued at 17:50 and still waiting at 19:00 is not opened by a plain *Aceitar*: the
consultant is told the service is closed (with the next opening) and nothing changes. With the
explicit "horário alternativo acordado" the session opens; the mark follows it to the billing
record, the billing summary and the export.
"""

from __future__ import annotations

import io
from datetime import datetime

import pytest

from core.billing_records import billed_sessions, write_export_csv
from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError
from core.models import RequestStatus
from core.queue import CLAIM_CLOSED, claim_request
from core.sessions import end_session
from tests.scenario import SAO_PAULO, World
from tests.scenarios.queue_helpers import (
    client,
    given_company,
    given_consultant,
    load_request,
    queued_client,
    sessions,
    slack_user,
)
from tests.scenarios.sessions_helpers import billing_records, field_values, thread_of

TEN_TO_SIX = datetime(2026, 11, 23, 17, 50, tzinfo=SAO_PAULO)
SEVEN_PM = datetime(2026, 11, 23, 19, 0, tzinfo=SAO_PAULO)


async def _waiting_after_closing(world: World) -> int:
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno Consultor", ["Custos"])
    world.clock.set(TEN_TO_SIX)
    request_id = await queued_client(world, company, 1)
    world.clock.set(SEVEN_PM)
    return request_id


async def test_a_plain_claim_after_closing_is_refused_and_changes_nothing(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id = await _waiting_after_closing(world)
    told_before = len(await world.outbox(client(1)))

    with pytest.raises(BusinessError) as refused:
        await claim_request(world.core, request_id, slack_user(1), inbound=("slack", "a-1"))

    assert refused.value.key == CLAIM_CLOSED
    text = refused.value.render("pt-BR")
    assert (
        "fora do horário de atendimento (abrimos terça-feira, 24/11/2026 às 08:00)" in text.lower()
    )
    assert (await load_request(world, request_id)).status == RequestStatus.QUEUED
    assert await sessions(world) == []
    assert len(await world.outbox(client(1))) == told_before, "the client is told nothing"
    # the refused delivery did not use up its key: the same click, confirmed, goes through
    result = await claim_request(
        world.core, request_id, slack_user(1), alternative_hours=True, inbound=("slack", "a-1")
    )
    assert result.won


async def test_an_agreed_alternative_time_is_recorded_and_billed_as_such(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id = await _waiting_after_closing(world)

    result = await claim_request(world.core, request_id, slack_user(1), alternative_hours=True)
    assert result.won and result.session_id is not None
    [session] = await sessions(world)
    assert session.alternative_hours is True and session.billing_started_at == SEVEN_PM

    thread = await thread_of(world, result.session_id)
    world.advance(minutes=40)
    await end_session(world.core, result.session_id, by=slack_user(1))

    [record] = await billing_records(world)
    assert record.alternative_hours is True and record.periods == 2
    client_summary = (await world.outbox(client(1)))[-2].text
    assert "Horário alternativo acordado com o cliente" in client_summary
    summary = next(m.text for m in await world.outbox(thread) if "Resumo da cobrança" in m.text)
    assert "Horário alternativo acordado com o cliente" in summary
    billing_card = (await world.outbox(world.core.config.staff.billing))[-1]
    assert field_values(billing_card)["Horário"].startswith("Horário alternativo acordado")

    async with world.core.db.uow() as uow:
        rows = await billed_sessions(uow, year=2026, month=11, tz=SAO_PAULO)
    out = io.StringIO()
    write_export_csv(rows, out, tz=SAO_PAULO, language="pt-BR")
    header, line, _total = out.getvalue().splitlines()
    assert header.split(",")[-2:] == ["alternative_hours", "medium"]
    assert line.split(",")[-2:] == ["1", "Chat"]


async def test_a_claim_inside_the_hours_is_not_marked_even_when_confirmed(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno Consultor", ["Custos"])
    request_id = await queued_client(world, company, 1)

    await claim_request(world.core, request_id, slack_user(1), alternative_hours=True)

    [session] = await sessions(world)
    assert session.alternative_hours is False

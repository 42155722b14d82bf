"""SPEC 6: ``/consultor disponivel | ocupado | ausente``; a freed consultant is offered work."""

from __future__ import annotations

import pytest

from core.cards import REQUEST_OFFER
from core.clock import ManualClock
from core.db import Database
from core.errors import InvalidInput, NotFound
from core.models import ConsultantStatus
from core.outbox import Address
from core.queue import claim_request, set_status, status_report
from core.sessions import end_session
from tests.scenario import World
from tests.scenarios.queue_helpers import (
    consultant,
    given_company,
    given_consultant,
    queued_client,
    rows,
    slack_user,
)


async def test_a_consultant_sets_their_status_and_is_told(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock)
    await given_consultant(world, 1, "Bruno", ["Custos"], status=None)
    assert (await consultant(world, 1)).status == ConsultantStatus.AWAY
    for typed, stored, said in (
        ("ocupado", "ocupado", "ocupado"),
        ("Disponível", "disponivel", "disponível"),
        ("AUSENTE", "ausente", "ausente"),
        ("disponivel", "disponivel", "disponível"),
    ):
        await set_status(world.core, slack_user(1), typed)
        assert (await consultant(world, 1)).status == stored
        answer = (await world.outbox(Address("slack", slack_user(1))))[-1]
        assert answer.text == f"Seu status agora é: {said}."


async def test_unknown_consultants_and_statuses_are_refused_clearly(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await given_consultant(world, 1, "Bruno", ["Custos"], status=None)
    with pytest.raises(NotFound) as unknown:
        await set_status(world.core, "U0NOBODY", "disponivel")
    assert unknown.value.render("pt-BR") == (
        "Você não está cadastrado como consultor (usuário U0NOBODY). "
        "Peça a um administrador para cadastrá-lo."
    )
    with pytest.raises(InvalidInput) as invalid:
        await set_status(world.core, slack_user(1), "almoçando")
    assert invalid.value.render("pt-BR") == (
        "Status inválido: “almoçando”. Use disponivel, ocupado ou ausente."
    )


async def test_a_consultant_who_becomes_available_is_offered_the_oldest_request_of_their_areas(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"], status="ausente")
    await queued_client(world, company, 1, area="Comercial")
    unknown = await queued_client(world, company, 2, area=None)
    custos = await queued_client(world, company, 3, area="Custos")

    await set_status(world.core, slack_user(1), "disponivel")

    # FIFO among what Bruno serves: the "não sei" request (anyone's) is older than the Custos one.
    [offer] = await rows(world, REQUEST_OFFER, unknown)
    assert offer.address == slack_user(1)
    assert offer.payload["choices"][0]["action"] == f"claim:{unknown}"
    assert await rows(world, REQUEST_OFFER, custos) == []


async def test_a_consultant_who_becomes_available_is_not_offered_a_colleagues_area(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"], status="ausente")
    await given_consultant(world, 2, "Carla", ["Comercial"], status="ocupado")
    comercial = await queued_client(world, company, 1, area="Comercial")
    custos = await queued_client(world, company, 2, area="Custos")

    await set_status(world.core, slack_user(1), "disponivel")

    # The Comercial request is older, but only Carla serves Comercial: Bruno gets the Custos one.
    [offer] = await rows(world, REQUEST_OFFER, custos)
    assert offer.address == slack_user(1)
    assert offer.payload["choices"][0]["action"] == f"claim:{custos}"
    assert slack_user(1) not in [o.address for o in await rows(world, REQUEST_OFFER, comercial)]


async def test_when_a_session_ends_the_consultant_is_offered_the_oldest_waiting_request(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    first = await queued_client(world, company, 1)
    result = await claim_request(world.core, first, slack_user(1))
    assert (await consultant(world, 1)).status == ConsultantStatus.BUSY
    second = await queued_client(world, company, 2)
    third = await queued_client(world, company, 3)
    assert await rows(world, REQUEST_OFFER, second) == []  # busy: nothing offered
    world.advance(minutes=20)

    assert result.session_id is not None
    await end_session(world.core, result.session_id, by=slack_user(1))

    assert (await consultant(world, 1)).status == ConsultantStatus.AVAILABLE
    [offer] = await rows(world, REQUEST_OFFER, second)
    assert offer.address == slack_user(1)
    assert await rows(world, REQUEST_OFFER, third) == []


async def test_an_away_consultant_stays_away_when_a_session_ends(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    first = await queued_client(world, company, 1)
    result = await claim_request(world.core, first, slack_user(1))
    await set_status(world.core, slack_user(1), "ausente")
    second = await queued_client(world, company, 2)
    assert result.session_id is not None
    await end_session(world.core, result.session_id, by=slack_user(1))
    assert (await consultant(world, 1)).status == ConsultantStatus.AWAY
    assert await rows(world, REQUEST_OFFER, second) == []


async def test_a_consultant_at_the_limit_who_says_available_stays_busy(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos"])
    first = await queued_client(world, company, 1)
    await claim_request(world.core, first, slack_user(1))
    await set_status(world.core, slack_user(1), "disponivel")
    assert (await consultant(world, 1)).status == ConsultantStatus.BUSY
    answer = (await world.outbox(Address("slack", slack_user(1))))[-1]
    assert answer.text.startswith("Você está em 1 atendimento, o seu limite")


async def test_the_status_report_shows_status_sessions_and_waiting_requests(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    company = await given_company(world)
    await given_consultant(world, 1, "Bruno", ["Custos", "Estoque"], max_sessions=2)
    first = await queued_client(world, company, 1)
    await claim_request(world.core, first, slack_user(1))
    world.advance(minutes=3)
    await queued_client(world, company, 2, area="Estoque")
    await queued_client(world, company, 3, area=None)
    await queued_client(world, company, 4, area="Comercial")

    async with world.core.db.uow() as uow:
        report = await status_report(uow, world.core, slack_user(1))

    assert report.splitlines() == [
        "Status: disponível.",
        "Atendimentos em andamento: 1 de 2.",
        "Solicitações aguardando nas suas áreas (Custos, Estoque): 2.",
        "A mais antiga aguarda desde 10:03.",
        f"• Sessão #1: Cliente 1 ({company.name}), desde 10:00",
    ]

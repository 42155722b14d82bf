"""A support chat turned into paid consulting outside the opening hours needs an agreed time.

The staff's conversion is refused while closed unless they confirm a time agreed with the
client; a client who accepts the terms after closing (converted before it) is told the service
is closed, and the chat stays free support; with the agreement the session is billed with the
mark.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from core import intake, sessions, support
from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError
from core.models import RequestKind
from core.support import CONVERT_CLOSED
from tests.scenario import SAO_PAULO, SUPPORT, World
from tests.scenarios.intake_helpers import (
    ATTENDANT,
    CLIENT,
    CONSULTANT,
    last_message,
    session_of,
    support_chat,
)
from tests.scenarios.sessions_helpers import billing_records

SATURDAY_NIGHT = datetime(2026, 11, 28, 21, 0, tzinfo=SAO_PAULO)
FIVE_TO_SIX = datetime(2026, 11, 23, 17, 55, tzinfo=SAO_PAULO)


async def test_converting_on_a_saturday_night_needs_an_agreed_time(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id, session_id = await support_chat(world)
    world.clock.set(SATURDAY_NIGHT)
    told_before = len(await world.outbox(CLIENT))

    with pytest.raises(BusinessError) as refused:
        await support.convert_to_consulting(world.core, session_id, by_staff_key=ATTENDANT)
    assert refused.value.key == CONVERT_CLOSED
    assert "abrimos segunda-feira, 30/11/2026 às 08:00" in refused.value.render("pt-BR")
    assert len(await world.outbox(CLIENT)) == told_before, "no terms were offered"

    await support.convert_to_consulting(
        world.core,
        session_id,
        by_staff_key=CONSULTANT,
        area="Custos",
        keep=True,
        alternative_hours=True,
    )
    await intake.accept_terms(world.core, CLIENT, request_id)
    world.advance(minutes=25)
    await sessions.end_session(world.core, session_id, by=CONSULTANT)

    [record] = await billing_records(world)
    assert record.alternative_hours is True and record.periods == 1


async def test_terms_accepted_after_closing_keep_the_chat_free(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    request_id, session_id = await support_chat(world)
    world.clock.set(FIVE_TO_SIX)
    await support.convert_to_consulting(world.core, session_id, by_staff_key=ATTENDANT)
    world.advance(minutes=10)  # 18:05: closed

    with pytest.raises(BusinessError) as refused:
        await intake.accept_terms(world.core, CLIENT, request_id)
    text = refused.value.render("pt-BR")
    assert "abrimos terça-feira, 24/11/2026 às 08:00" in text
    assert "Nada foi cobrado" in text
    assert (await session_of(world, request_id)).kind == RequestKind.SUPPORT
    world.advance(minutes=30)
    await sessions.end_session(world.core, session_id, by=ATTENDANT)
    assert await billing_records(world) == []


async def test_a_client_asking_for_consulting_in_a_closed_support_chat_is_told_when_we_open(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    await support_chat(world)
    world.clock.set(SATURDAY_NIGHT)

    with pytest.raises(BusinessError) as refused:
        await support.convert_request(world.core, CLIENT)
    assert "abrimos segunda-feira, 30/11/2026 às 08:00" in refused.value.render("pt-BR")
    assert "termos" not in (await last_message(world, CLIENT)).text.lower()


async def test_support_asked_for_on_a_saturday_night_says_when_an_attendant_answers(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    world.clock.set(SATURDAY_NIGHT)
    await support_chat(world)

    answer = (await last_message(world, CLIENT)).text
    assert "fora do horário de atendimento" in answer
    assert "abrimos segunda-feira, 30/11/2026 às 08:00" in answer
    assert "em instantes" not in answer
    await intake.handle_text(world.core, CLIENT, "O boleto não gera")
    assert "O boleto não gera" in (await last_message(world, SUPPORT)).text, "kept for the staff"

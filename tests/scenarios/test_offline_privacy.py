"""LGPD for offline messages: exported and erased with the person; purged once resolved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from bot.bootstrap import timer_handlers
from core import intake, offline
from core.clock import ManualClock
from core.contacts import find_contact
from core.db import Database
from core.models import OfflineMessage, Outbound
from core.offline import OFFLINE_CARD
from core.outbox import Address
from core.privacy import ensure_retention_timer, erase_contact, export_contact
from tests.scenario import REQUESTS, SAO_PAULO, World
from tests.scenarios.intake_helpers import (
    CLIENT,
    CONSULTANT,
    OTHER_CLIENT,
    given_company,
    given_staff,
    linked_client,
    to_terms_card,
)

SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=SAO_PAULO)
SECRET = "Meu CPF é 123.456.789-00, me liguem"


async def _left(world: World, text: str = SECRET, address: Address = CLIENT) -> int:
    request_id = await to_terms_card(world, address)
    await offline.ask_offline_message(world.core, address, request_id)
    await intake.handle_text(world.core, address, text)
    async with world.core.db.uow() as uow:
        statement = select(OfflineMessage.id).order_by(col(OfflineMessage.id).desc())
        found = (await uow.session.exec(statement)).first()
    assert found is not None
    return found


async def _world(db: Database, clock: ManualClock, **overrides: object) -> World:
    clock.set(SATURDAY)
    world = World.build(db, clock, **overrides)
    company = await given_company(world)
    await given_staff(world)
    await linked_client(world, company)
    await linked_client(world, company, OTHER_CLIENT)
    return world


async def _contact_id(world: World) -> int:
    async with world.core.db.uow() as uow:
        contact = await find_contact(uow, CLIENT)
    assert contact is not None and contact.id is not None
    return contact.id


async def _stored(world: World) -> list[OfflineMessage]:
    async with world.core.db.uow() as uow:
        statement = select(OfflineMessage).order_by(col(OfflineMessage.id))
        return list((await uow.session.exec(statement)).all())


async def _cards(world: World, offline_id: int) -> list[Outbound]:
    async with world.core.db.uow() as uow:
        statement = select(Outbound).where(
            Outbound.purpose == OFFLINE_CARD, Outbound.subject_id == offline_id
        )
        return list((await uow.session.exec(statement)).all())


async def test_the_export_holds_the_persons_offline_messages(
    db: Database, clock: ManualClock
) -> None:
    world = await _world(db, clock)
    offline_id = await _left(world)
    contact_id = await _contact_id(world)
    async with world.core.db.uow() as uow:
        exported = await export_contact(uow, contact_id)
    [kept] = exported["offline_messages"]
    assert (kept["id"], kept["text"], kept["status"]) == (offline_id, SECRET, "open")
    assert kept["created_at"] == SATURDAY.astimezone(UTC).isoformat()


async def test_erasure_deletes_the_messages_and_blanks_their_cards(
    db: Database, clock: ManualClock
) -> None:
    world = await _world(db, clock)
    mine = await _left(world)
    theirs = await _left(world, "Outra pessoa, outro recado", OTHER_CLIENT)
    await world.deliver()
    contact_id = await _contact_id(world)
    async with world.core.db.uow() as uow:
        await erase_contact(uow, world.core, contact_id, by="test")
        await uow.commit()
    assert [m.id for m in await _stored(world)] == [theirs]
    [card] = await _cards(world, mine)
    assert SECRET not in str(card.payload) and card.payload["purged_at"]
    [other] = await _cards(world, theirs)
    assert "Outra pessoa, outro recado" in str(other.payload)
    assert len(await world.outbox(REQUESTS)) == 2, "both cards were posted"


async def test_resolved_messages_are_purged_after_the_retention_open_ones_stay(
    db: Database, clock: ManualClock
) -> None:
    world = await _world(db, clock, message_retention=timedelta(hours=72))
    resolved = await _left(world)
    waiting = await _left(world, "Ainda esperando", OTHER_CLIENT)
    await offline.resolve_offline_message(world.core, resolved, by_staff_key=CONSULTANT)
    await world.deliver()
    await ensure_retention_timer(world.core)
    await world.run_timers(timer_handlers())
    assert [m.id for m in await _stored(world)] == [resolved, waiting]

    world.advance(hours=73)
    await world.run_timers(timer_handlers())
    assert [m.id for m in await _stored(world)] == [waiting]
    for card in await _cards(world, resolved):
        assert SECRET not in str(card.payload)
    assert any("Ainda esperando" in str(c.payload) for c in await _cards(world, waiting))

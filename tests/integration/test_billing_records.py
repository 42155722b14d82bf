"""Billing records: one per ended consulting session, never without an accepted consent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from core.billing import BillingPolicy
from core.billing_records import record_billing
from core.clock import ManualClock
from core.db import Database
from core.errors import BusinessError, Conflict
from core.models import BillingRecord
from tests import builders

START = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
POLICY = BillingPolicy()


async def _count(db: Database) -> int:
    async with db.uow() as uow:
        return len((await uow.session.exec(select(BillingRecord))).all())


async def test_a_45_minute_session_is_billed_as_two_periods(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        party = await builders.party(uow, START)
        session = await builders.ended_session(uow, party, START, 45)
        record = await record_billing(uow, clock, session, POLICY)
        await uow.commit()
    assert (record.minutes, record.periods, record.rate_cents, record.amount_cents) == (
        45,
        2,
        18000,
        18000,
    )
    assert await _count(db) == 1


async def test_the_rate_billed_is_the_one_the_client_accepted(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        party = await builders.party(uow, START, rate_cents=20000)
        session = await builders.ended_session(uow, party, START, 61, rate_cents=15000)
        record = await record_billing(uow, clock, session, POLICY)
    assert (record.periods, record.amount_cents) == (3, 22500)


@pytest.mark.parametrize("consent", [None, False], ids=["no consent", "refused terms"])
async def test_nothing_is_billed_without_accepted_terms(
    db: Database, clock: ManualClock, consent: bool | None
) -> None:
    async with db.uow() as uow:
        party = await builders.party(uow, START)
        session = await builders.ended_session(uow, party, START, 45, consent=consent)
        await uow.commit()
    async with db.uow() as uow:
        with pytest.raises(BusinessError) as refused:
            await record_billing(uow, clock, session, POLICY)
        await uow.commit()
    assert refused.value.key == "billing.no_consent"
    assert "nada será cobrado" in refused.value.render("pt-BR")
    assert await _count(db) == 0


async def test_a_session_is_billed_once(db: Database, clock: ManualClock) -> None:
    async with db.uow() as uow:
        party = await builders.party(uow, START)
        session = await builders.ended_session(uow, party, START, 10)
        await record_billing(uow, clock, session, POLICY)
        await uow.commit()
    async with db.uow() as uow:
        with pytest.raises(Conflict):
            await record_billing(uow, clock, session, POLICY)
    assert await _count(db) == 1


async def test_an_open_session_is_not_billed(db: Database, clock: ManualClock) -> None:
    async with db.uow() as uow:
        party = await builders.party(uow, START)
        session = await builders.ended_session(uow, party, START, 10)
        session.ended_at = None
        with pytest.raises(BusinessError, match=r"billing\.session_open"):
            await record_billing(uow, clock, session, POLICY)

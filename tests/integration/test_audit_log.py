"""The audit log's guarantees: an entry exists exactly when its fact was committed, and entries
cannot be changed or deleted (PostgreSQL refuses it with a trigger)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from bot.bootstrap import assemble_core
from core.api_tokens import create_token
from core.audit import acting, audit_entries
from core.clock import ManualClock
from core.db import Database
from core.events import Operator
from core.models import ApiToken
from tests.scenario import default_config

ROOT = Operator("cli", "root", "root")


async def test_an_entry_is_written_only_with_its_fact(db: Database, clock: ManualClock) -> None:
    core = assemble_core(db, clock, default_config())
    async with core.transaction() as uow:
        await create_token(uow, clock, "kept", "billing:read", by=acting(core, uow, ROOT))
    async with db.uow() as uow:  # not committed: neither the token nor its entry
        await create_token(uow, clock, "dropped", "billing:read", by=acting(core, uow, ROOT))
    async with db.read() as uow:
        tokens = (await uow.session.exec(select(ApiToken.name))).all()
        entries = await audit_entries(uow)
    assert tokens == ["kept"]
    assert [(e.action, e.details["name"], e.actor_ref) for e in entries] == [
        ("api_token.created", "kept", "root")
    ]


@pytest.mark.postgres
async def test_postgresql_refuses_to_change_or_delete_an_entry(
    postgres_db: Database, clock: ManualClock
) -> None:
    core = assemble_core(postgres_db, clock, default_config())
    async with core.transaction() as uow:
        await create_token(uow, clock, "erp", "billing:read", by=acting(core, uow, ROOT))
    for statement in (
        "UPDATE audit_entry SET actor_ref = 'someone else'",
        "DELETE FROM audit_entry",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with postgres_db.engine.begin() as connection:
                await connection.execute(text(statement))
    async with postgres_db.read() as uow:
        assert [e.actor_ref for e in await audit_entries(uow)] == ["root"]

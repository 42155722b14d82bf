"""API tokens in the core: hashed, verified by hash, revoked, last use noted once a minute."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.api_tokens import (
    create_token,
    list_tokens,
    parse_scopes,
    revoke_token,
    token_sha256,
    verify_token,
)
from core.clock import ManualClock
from core.db import Database
from core.errors import InvalidInput


def test_scopes_are_known_ones_in_a_fixed_order() -> None:
    assert parse_scopes(" bookings:write, billing:read ") == ("billing:read", "bookings:write")
    with pytest.raises(InvalidInput) as refused:
        parse_scopes("billing:read,admin")
    assert refused.value.key == "api.token.unknown_scope"
    with pytest.raises(InvalidInput):
        parse_scopes(" , ")


async def test_only_the_hash_is_stored_and_a_revoked_token_is_refused(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        made = await create_token(uow, clock, "erp", "billing:read")
        await uow.commit()
    assert made.token.token_sha256 == token_sha256(made.secret) != made.secret
    async with db.uow() as uow:
        holder = await verify_token(uow, clock, made.secret)
        assert holder is not None and holder.scopes == frozenset({"billing:read"})
        assert await verify_token(uow, clock, made.secret + "x") is None
        assert await verify_token(uow, clock, "not-a-token") is None
        await revoke_token(uow, clock, made.token.id or 0)
        await uow.commit()
    async with db.uow() as uow:
        assert await verify_token(uow, clock, made.secret) is None


async def test_the_last_use_is_written_at_most_once_a_minute(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        made = await create_token(uow, clock, "erp", "billing:read")
        await uow.commit()
    first = clock.now()
    for step in (0, 30, 29):
        clock.advance(timedelta(seconds=step))
        async with db.uow() as uow:
            assert await verify_token(uow, clock, made.secret) is not None
            await uow.commit()
    async with db.uow() as uow:
        assert (await list_tokens(uow))[0].last_used_at == first
    clock.advance(timedelta(seconds=1))
    async with db.uow() as uow:
        await verify_token(uow, clock, made.secret)
        await uow.commit()
    async with db.uow() as uow:
        assert (await list_tokens(uow))[0].last_used_at == clock.now()

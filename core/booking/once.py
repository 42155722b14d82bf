"""A booking made at most once per client key (an API's ``Idempotency-Key``).

The key is stored with the booking, in the booking's transaction (a unique key per API token),
so a retry after a lost answer — or two copies of one request racing — yields the one booking;
the same key on a different request is refused.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from core.booking.rules import Actor
from core.booking.service import BookingOrder, create_booking
from core.context import Core
from core.db import UnitOfWork
from core.errors import Conflict
from core.models import ApiIdempotencyKey


async def _remembered(uow: UnitOfWork, token_id: int, key: str, fingerprint: str) -> int | None:
    """The booking made earlier with ``key``; Conflict when it was for another request."""
    statement = select(ApiIdempotencyKey).where(
        ApiIdempotencyKey.token_id == token_id, ApiIdempotencyKey.key == key
    )
    found = (await uow.session.exec(statement)).first()
    if found is None:
        return None
    if found.request_sha256 != fingerprint:
        raise Conflict("api.idempotency.other_request")
    return found.booking_id


async def book_once(
    core: Core, order: BookingOrder, *, by: Actor, token_id: int, key: str, fingerprint: str
) -> tuple[int, bool]:
    """Book ``order`` unless token ``token_id`` already did with ``key``: (booking id, whether
    it was made earlier). ``fingerprint``: a digest of the request, the same on a retry."""
    try:
        async with core.transaction() as uow:
            earlier = await _remembered(uow, token_id, key, fingerprint)
            if earlier is not None:
                return earlier, True
            booking = await create_booking(uow, core, order, by=by)
            assert booking.id is not None
            uow.session.add(
                ApiIdempotencyKey(
                    token_id=token_id,
                    key=key,
                    request_sha256=fingerprint,
                    booking_id=booking.id,
                    created_at=core.clock.now(),
                )
            )
            await uow.session.flush()
    except IntegrityError:  # the same key, committed meanwhile by a copy of this request
        async with core.db.read() as uow:
            earlier = await _remembered(uow, token_id, key, fingerprint)
        if earlier is None:
            raise
        return earlier, True
    return booking.id, False

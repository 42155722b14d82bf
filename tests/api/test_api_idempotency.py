"""``POST /api/v1/bookings`` with an ``Idempotency-Key``: a retry after a lost answer, or two copies
of one request at once, make one booking; the key on another request is refused."""

from __future__ import annotations

import asyncio

from tests.api.conftest import ApiWorld, booking_order, stored_bookings

KEY = "erp-pedido-4711"


async def test_a_retry_with_the_same_key_gets_the_same_booking(api: ApiWorld) -> None:
    token = await api.token(("bookings:read", "bookings:write"))
    keyed = {"Idempotency-Key": KEY}
    first = await api.call(
        "POST", "/api/v1/bookings", token=token, body=booking_order(api), headers=keyed
    )
    assert first.status == 201, first.text
    assert "Idempotent-Replayed" not in first.headers
    told = len(await api.world.outbox())

    retry = await api.call(
        "POST", "/api/v1/bookings", token=token, body=booking_order(api), headers=keyed
    )
    assert retry.status == 201, retry.text
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert retry.json["id"] == first.json["id"]
    assert retry.headers["Location"] == first.headers["Location"]
    assert len(await stored_bookings(api)) == 1
    assert len(await api.world.outbox()) == told, "nobody is told twice"

    other = await api.call(
        "POST",
        "/api/v1/bookings",
        token=token,
        body=booking_order(api, starts_at="2026-11-25T09:00:00-03:00"),
        headers=keyed,
    )
    assert other.status == 409, other.text
    assert other.headers["Content-Type"].startswith("application/problem+json")
    assert "Idempotency-Key" in other.json["detail"]
    assert len(await stored_bookings(api)) == 1

    another_token = await api.token(("bookings:write",), name="outro")
    theirs = await api.call(
        "POST",
        "/api/v1/bookings",
        token=another_token,
        body=booking_order(api, starts_at="2026-11-25T09:00:00-03:00"),
        headers=keyed,
    )
    assert theirs.status == 201, "keys are each token's own"
    assert len(await stored_bookings(api)) == 2


async def test_two_copies_of_one_request_at_once_make_one_booking(api: ApiWorld) -> None:
    token = await api.token(("bookings:read", "bookings:write"))
    keyed = {"Idempotency-Key": KEY}
    replies = await asyncio.gather(
        *(
            api.call(
                "POST", "/api/v1/bookings", token=token, body=booking_order(api), headers=keyed
            )
            for _ in range(4)
        )
    )
    assert {reply.status for reply in replies} == {201}, [r.text for r in replies]
    assert len({reply.json["id"] for reply in replies}) == 1
    assert len(await stored_bookings(api)) == 1


async def test_a_malformed_key_is_a_clear_400_and_books_nothing(api: ApiWorld) -> None:
    token = await api.token(("bookings:write",))
    for key in ("", "x" * 256, "chave com espaço"):
        reply = await api.call(
            "POST",
            "/api/v1/bookings",
            token=token,
            body=booking_order(api),
            headers={"Idempotency-Key": key, "Accept-Language": "en"},
        )
        assert reply.status == 400, (key, reply.text)
        assert "Idempotency-Key" in reply.json["detail"]
    assert await stored_bookings(api) == []

"""Bookings through the API: the core's checks and refusals, as ``/agendar`` has them."""

from __future__ import annotations

from tests.api.conftest import ApiWorld, booking_order, stored_bookings
from tests.scenarios.sessions_helpers import BRUNO


async def test_book_list_move_and_cancel(api: ApiWorld) -> None:
    token = await api.token(("bookings:read", "bookings:write"))
    made = await api.call("POST", "/api/v1/bookings", token=token, body=booking_order(api))
    assert made.status == 201, made.text
    booking = made.json
    assert made.headers["Location"] == f"/api/v1/bookings/{booking['id']}"
    assert booking["created_by_kind"] == "api" and booking["created_by_ref"] == "erp"
    assert booking["starts_at"] == "2026-11-24T17:00:00Z" and booking["duration_minutes"] == 60
    told = " ".join(message.text for message in await api.world.outbox())
    assert "Agendado por: integração erp (API)" in told
    listed = await api.call("GET", "/api/v1/bookings?status=scheduled", token=token)
    assert [b["id"] for b in listed.json["items"]] == [booking["id"]]

    moved = await api.call(
        "POST",
        f"/api/v1/bookings/{booking['id']}/reschedule",
        token=token,
        body={"starts_at": "2026-11-25T09:00:00-03:00"},
    )
    assert moved.status == 200, moved.text
    assert moved.json["starts_at"] == "2026-11-25T12:00:00Z"

    cancelled = await api.call(
        "POST", f"/api/v1/bookings/{booking['id']}/cancel", token=token, body={"reason": "ERP"}
    )
    assert cancelled.status == 200
    assert cancelled.json["status"] == "cancelled" and cancelled.json["cancel_reason"] == "ERP"
    assert "pela integração erp" in (await api.world.outbox())[-1].text
    again = await api.call("POST", f"/api/v1/bookings/{booking['id']}/cancel", token=token)
    assert again.status == 422


async def test_outside_opening_hours_is_refused_and_nothingstored_bookings(api: ApiWorld) -> None:
    token = await api.token(("bookings:write",))
    reply = await api.call(
        "POST",
        "/api/v1/bookings",
        token=token,
        body=booking_order(api, starts_at="2026-11-24T20:00:00-03:00"),
    )
    assert reply.status == 422, reply.text
    assert reply.json["type"] == "urn:consultoria:problem:booking.outside_hours"
    assert await stored_bookings(api) == []


async def test_a_booked_consultant_is_a_409_conflict(api: ApiWorld) -> None:
    token = await api.token(("bookings:write",))
    bruno = api.cast.consultant_ids[BRUNO]
    first = await api.call(
        "POST", "/api/v1/bookings", token=token, body=booking_order(api, consultant_id=bruno)
    )
    assert first.status == 201, first.text
    clash = await api.call(
        "POST",
        "/api/v1/bookings",
        token=token,
        body=booking_order(api, consultant_id=bruno, starts_at="2026-11-24T14:30:00-03:00"),
        headers={"Accept-Language": "en"},
    )
    assert clash.status == 409, clash.text
    assert clash.json["status"] == 409 and clash.json["title"] == "Conflict"
    assert len(await stored_bookings(api)) == 1


async def test_malformed_bodies_are_refused(api: ApiWorld) -> None:
    token = await api.token(("bookings:write",))
    cases = [
        (b"{", "application/json", 400),
        (b"\xff\xfe{", "application/json", 400),
        (b'{"\\ud800": 1}', "application/json", 422),
        (b'{"notes": "\\udfff"}', "application/json", 422),
        (b'{"company_id": "1"}', "application/json", 422),
        (b'{"x": 1}', "application/json", 422),
        (b"company_id=1", "application/x-www-form-urlencoded", 415),
        (b'{"notes": "' + b"a" * 20000 + b'"}', "application/json", 413),
    ]
    for data, kind, status in cases:
        reply = await api.call(
            "POST", "/api/v1/bookings", token=token, data=data, headers={"Content-Type": kind}
        )
        assert reply.status == status, (data[:20], reply.text)
    naive = booking_order(api, starts_at="2026-11-24T14:00:00")
    assert (await api.call("POST", "/api/v1/bookings", token=token, body=naive)).status == 422
    far = booking_order(api, starts_at="9999-12-31T23:59:00-23:59")
    assert (await api.call("POST", "/api/v1/bookings", token=token, body=far)).status == 422
    nul = booking_order(api, notes="a\x00b")
    assert (await api.call("POST", "/api/v1/bookings", token=token, body=nul)).status == 422
    assert await stored_bookings(api) == []


async def test_reading_is_not_writing(api: ApiWorld) -> None:
    token = await api.token(("bookings:read",))
    reply = await api.call("POST", "/api/v1/bookings", token=token, body=booking_order(api))
    assert reply.status == 403
    assert await stored_bookings(api) == []

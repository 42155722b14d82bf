"""Reading: companies, contacts, sessions, consents; pagination, ETags, hostile parameters."""

from __future__ import annotations

import pytest

from core.sessions import end_session
from tests.api.conftest import ApiWorld
from tests.scenarios.sessions_helpers import ANA, BETO, BRUNO, claimed, queued


async def _two_sessions(api: ApiWorld) -> list[int]:
    world, ids = api.world, []
    for address in (ANA, BETO):
        session_id = await claimed(world, await queued(world, api.cast, address), BRUNO)
        world.advance(minutes=45)
        await end_session(world.core, session_id, by=BRUNO)
        ids.append(session_id)
    return ids


async def test_companies_one_and_all(api: ApiWorld) -> None:
    token = await api.token(("companies:read",))
    listed = await api.call("GET", "/api/v1/companies", token=token)
    assert listed.status == 200
    assert [c["id"] for c in listed.json["items"]] == [api.cast.company_id]
    assert listed.json["next"] is None
    one = await api.call("GET", f"/api/v1/companies/{api.cast.company_id}", token=token)
    assert one.json["hourly_rate_cents"] == 18000 and "access_code" not in one.json
    missing = await api.call("GET", "/api/v1/companies/999", token=token)
    assert missing.status == 404 and missing.json["detail"] == "Não há empresa nº 999."


async def test_contacts_sessions_and_consents(api: ApiWorld) -> None:
    session_ids = await _two_sessions(api)
    token = await api.token()
    company = api.cast.company_id
    contacts = await api.call("GET", f"/api/v1/companies/{company}/contacts", token=token)
    assert [c["name"] for c in contacts.json["items"]] == ["Ana Cliente", "Beto Cliente"]
    sessions = await api.call(
        "GET", f"/api/v1/sessions?company={company}&month=2026-11", token=token
    )
    assert [s["id"] for s in sessions.json["items"]] == session_ids
    assert all(s["status"] == "ended" for s in sessions.json["items"])
    other_month = await api.call("GET", "/api/v1/sessions?month=2026-10", token=token)
    assert other_month.json["items"] == []
    one = await api.call("GET", f"/api/v1/sessions/{session_ids[0]}", token=token)
    assert one.json["consultant_id"] == api.cast.consultant_ids[BRUNO]
    consents = await api.call("GET", f"/api/v1/consents?company={company}", token=token)
    assert [c["accepted"] for c in consents.json["items"]] == [True, True]
    ana = contacts.json["items"][0]["id"]
    mine = await api.call("GET", f"/api/v1/consents?contact={ana}", token=token)
    assert [c["contact_id"] for c in mine.json["items"]] == [ana]


async def test_pages_follow_the_next_link_in_id_order(api: ApiWorld) -> None:
    await _two_sessions(api)
    token = await api.token(("sessions:read",))
    first = await api.call("GET", "/api/v1/sessions?limit=1", token=token)
    assert len(first.json["items"]) == 1 and first.json["next"]
    second = await api.call("GET", first.json["next"], token=token)
    assert second.json["items"][0]["id"] > first.json["items"][0]["id"]
    assert second.json["next"] is None


async def test_an_unchanged_resource_answers_304_to_its_etag(api: ApiWorld) -> None:
    token = await api.token(("companies:read",))
    first = await api.call("GET", "/api/v1/companies", token=token)
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    again = await api.call("GET", "/api/v1/companies", token=token, headers={"If-None-Match": etag})
    assert again.status == 304 and again.text == ""
    other = await api.call(
        "GET", "/api/v1/companies", token=token, headers={"If-None-Match": '"x"'}
    )
    assert other.status == 200


@pytest.mark.parametrize(
    "query",
    [
        "/api/v1/companies?limit=0",
        "/api/v1/companies?limit=201",
        "/api/v1/companies?limit=abc",
        "/api/v1/companies?cursor=%00%ff",
        "/api/v1/companies?cursor=azA",
        "/api/v1/companies?unknown=1",
        "/api/v1/companies/0",
        "/api/v1/companies/2147483648",
        "/api/v1/companies/%C2%B2",
        "/api/v1/sessions?month=2026-13",
        "/api/v1/sessions?month=0000-01",
        "/api/v1/billing-records?month=9999-12",
        "/api/v1/bookings?from=2026-11-23T10:00:00",
        "/api/v1/bookings?from=9999-12-31T23:59:59-23:59",
        "/api/v1/bookings?status=gone",
        "/api/v1/bookings?company=1&company=2",
        "/api/v1/companies?limit=%ff",
    ],
)
async def test_hostile_parameters_are_400_problems(api: ApiWorld, query: str) -> None:
    reply = await api.call("GET", query, token=await api.token())
    assert reply.status == 400, reply.text
    assert reply.headers["Content-Type"].startswith("application/problem+json")

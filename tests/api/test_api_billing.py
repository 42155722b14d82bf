"""Billing records: the same rows and figures as the CSV export, to the cent."""

from __future__ import annotations

import csv
import io

from core.billing_records import billed_sessions, write_export_csv
from core.sessions import end_session
from tests.api.conftest import ApiWorld
from tests.scenarios.sessions_helpers import ANA, BETO, BRUNO, DIEGO, claimed, queued


async def test_billing_records_equal_the_csv_export(api: ApiWorld) -> None:
    world = api.world
    for address, consultant, minutes in ((ANA, BRUNO, 45), (BETO, DIEGO, 61)):
        session_id = await claimed(world, await queued(world, api.cast, address), consultant)
        world.advance(minutes=minutes)
        await end_session(world.core, session_id, by=consultant)
    zone = world.core.config.timezone
    async with world.core.db.uow() as uow:
        rows = await billed_sessions(uow, year=2026, month=11, tz=zone)
    out = io.StringIO()
    total = write_export_csv(rows, out, tz=zone, language="pt-BR")
    exported = list(csv.DictReader(io.StringIO(out.getvalue())))[:-1]

    token = await api.token(("billing:read",))
    reply = await api.call("GET", "/api/v1/billing-records?month=2026-11", token=token)
    assert reply.status == 200
    body = reply.json
    assert body["totals"]["amount_cents"] == total == 18000 + 27000
    assert body["totals"]["count"] == 2
    by_session = {str(item["session_id"]): item for item in body["items"]}
    for line in exported:
        item = by_session[line["session_id"]]
        for column in ("minutes", "periods", "rate_cents", "amount_cents"):
            assert str(item[column]) == line[column], column


async def test_billing_totals_cover_the_month_not_the_page(api: ApiWorld) -> None:
    world = api.world
    for address in (ANA, BETO):
        session_id = await claimed(world, await queued(world, api.cast, address), BRUNO)
        world.advance(minutes=30)
        await end_session(world.core, session_id, by=BRUNO)
    token = await api.token(("billing:read",))
    company = api.cast.company_id
    first = await api.call("GET", f"/api/v1/billing-records?limit=1&company={company}", token=token)
    assert first.json["month"] == "2026-11" and len(first.json["items"]) == 1
    assert first.json["totals"]["amount_cents"] == 2 * 9000
    second = await api.call("GET", first.json["next"], token=token)
    assert len(second.json["items"]) == 1 and second.json["next"] is None


async def test_an_unknown_company_is_404(api: ApiWorld) -> None:
    token = await api.token(("billing:read",))
    reply = await api.call("GET", "/api/v1/billing-records?company=999", token=token)
    assert reply.status == 404

"""Ids in staff URLs that cannot be rows (too large for PostgreSQL's integer, zero, not digits)
are a plain 404 on every form that takes one, with nothing changed: never a database error."""

from __future__ import annotations

import pytest

from tests.web.conftest import WebWorld
from tests.web.console.helpers import given_account, staff_browser

FORMS = (
    "/console/bookings/{}/move",
    "/console/bookings/{}/cancel",
    "/console/links/{}",
    "/console/offline/{}",
    "/console/session/{}/send",
    "/dashboard/contacts/{}/erase",
    "/dashboard/replies/{}/delete",
    "/dashboard/webhooks/deliveries/{}/redeliver",
)


@pytest.mark.parametrize("forged", ["2147483648", "99999999999999999", "0"])
async def test_a_forged_id_in_a_staff_form_is_a_404(web: WebWorld, forged: str) -> None:
    await given_account(web, "chefe", roles=("admin", "manager", "secretary", "support"))
    chefe = await staff_browser(web)
    await chefe.sign_in("chefe")
    await chefe.get("/console")
    for form in FORMS:
        path = form.format(forged)
        status, body = await chefe.post(path, {"date": "24/11/2026", "time": "10:00"})
        assert status == 404, (path, status, body[:300])
        assert "Traceback" not in body

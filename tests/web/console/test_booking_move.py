"""*Remarcar* in the console's bookings list: the same core checks as ``/agendar remarcar``;
a refused move is shown beside the booking and changes nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from core.models import Booking, Outbound
from tests.scenario import SAO_PAULO
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    StaffBrowser,
    count,
    given_account,
    given_company,
    given_consultant,
    staff_browser,
    texts_at,
)


async def _booked(web: WebWorld, *times: str) -> tuple[StaffBrowser, list[int], str]:
    """Secretary Sara books Tuesday 24/11/2026 at ``times`` (1 h, Bruna): (browser, ids, key)."""
    company = await given_company(web)
    bruna = await given_consultant(web, "bruna", "Bruna Consultora")
    await given_account(web, "sara", roles=("secretary",), name="Sara")
    sara = await staff_browser(web)
    assert await sara.sign_in("sara") == 200
    ids = []
    for at in times:
        await sara.get("/console/agendar")
        form = {
            "company": str(company.id),
            "date": "24/11/2026",
            "time": at,
            "duration": "60",
            "medium": "Telefone",
        }
        status, page = await sara.post("/console/agendar", form)
        assert status == 200, page
        ids.append(int(sara.last_url.rsplit("=", 1)[1]))
    await web.deliver()
    return sara, ids, bruna


async def _booking(web: WebWorld, booking_id: int) -> Booking:
    async with web.core.db.uow() as uow:
        found = await uow.session.get(Booking, booking_id)
    assert found is not None
    return found


def _local(moment: datetime) -> str:
    return moment.astimezone(SAO_PAULO).strftime("%d/%m/%Y %H:%M")


async def test_a_secretary_reschedules_a_booking_and_the_consultant_is_told(
    web: WebWorld,
) -> None:
    sara, [booking_id], bruna = await _booked(web, "14:00")
    status, page = await sara.get("/console/bookings")
    assert f'action="/console/bookings/{booking_id}/move"' in page
    form = {"date": "25/11/2026", "time": "10:30"}
    status, page = await sara.post(f"/console/bookings/{booking_id}/move", form)
    assert status == 200, page
    assert sara.last_url.endswith(f"/console/bookings?moved={booking_id}")
    assert f"Agendamento nº {booking_id} remarcado" in page
    assert "25/11/2026 10:30–11:30" in page
    booking = await _booking(web, booking_id)
    assert _local(booking.starts_at) == "25/11/2026 10:30"
    assert _local(booking.ends_at) == "25/11/2026 11:30"
    await web.deliver()
    told = [text for text in await texts_at(web, bruna) if "remarcado" in text]
    assert told and "24/11/2026 14:00" in told[-1]  # says what it was


@pytest.mark.parametrize(
    ("form", "field", "shown"),
    [
        ({"date": "23/11/2026", "time": "08:00"}, "time", "já passou"),  # now: 23/11 10:00
        ({"date": "25/11/2026", "time": "19:30"}, "time", "fora do horário"),
        ({"date": "24/11/2026", "time": "16:30"}, "time", "já tem o agendamento"),
        ({"date": "29/11/2026", "time": "10:00"}, "date", ""),  # a Sunday
        ({"date": "31/02/2026", "time": "10:00"}, "date", "Data inválida"),
        ({"date": "25/11/2026", "time": "25:00"}, "time", "Horário inválido"),
        ({"date": "24/11/2026", "time": "14:00"}, "time", "já está marcado"),
    ],
)
async def test_a_refused_reschedule_is_shown_beside_the_booking_and_stores_nothing(
    web: WebWorld, form: dict[str, str], field: str, shown: str
) -> None:
    sara, [first, second], _ = await _booked(web, "14:00", "16:00")
    before = (await _booking(web, first), await count(web, Outbound))
    await sara.get("/console/bookings")
    status, page = await sara.post(f"/console/bookings/{first}/move", form)
    assert 400 <= status < 500 and status != 403, page
    assert f'data-field="{field}"' in page and shown in page
    assert "Traceback" not in page
    assert f'value="{form["time"]}"' in page  # what was typed is kept
    after = (await _booking(web, first), await count(web, Outbound))
    assert (after[0].starts_at, after[0].ends_at, after[0].updated_at) == (
        before[0].starts_at,
        before[0].ends_at,
        before[0].updated_at,
    )
    assert after[1] == before[1]  # nobody told anything
    assert _local((await _booking(web, second)).starts_at) == "24/11/2026 16:00"


async def test_outside_hours_with_the_agreement_mark_is_accepted(web: WebWorld) -> None:
    sara, [booking_id], _ = await _booked(web, "14:00")
    await sara.get("/console/bookings")
    form = {"date": "25/11/2026", "time": "19:30", "alternative": "1"}
    status, page = await sara.post(f"/console/bookings/{booking_id}/move", form)
    assert status == 200, page
    booking = await _booking(web, booking_id)
    assert _local(booking.starts_at) == "25/11/2026 19:30" and booking.alternative_hours


async def test_a_consultant_moves_only_their_own_bookings(web: WebWorld) -> None:
    _, [booking_id], _ = await _booked(web, "14:00")
    await given_consultant(web, "carlos", "Carlos Consultor")
    carlos = await staff_browser(web)
    assert await carlos.sign_in("carlos") == 200
    _, page = await carlos.get("/console/bookings")
    assert f'action="/console/bookings/{booking_id}/move"' not in page  # not in his list
    form = {"date": "25/11/2026", "time": "10:30"}
    status, page = await carlos.post(f"/console/bookings/{booking_id}/move", form)
    assert status == 403 and "Traceback" not in page
    assert _local((await _booking(web, booking_id)).starts_at) == "24/11/2026 14:00"
    bruna = await staff_browser(web)
    assert await bruna.sign_in("bruna") == 200
    await bruna.get("/console/bookings")
    status, _ = await bruna.post(f"/console/bookings/{booking_id}/move", form)
    assert status == 200
    assert _local((await _booking(web, booking_id)).starts_at) == "25/11/2026 10:30"
    async with web.core.db.uow() as uow:
        assert len((await uow.session.exec(select(Booking))).all()) == 1

"""On the web, a booking's invite is a download: in the client's chat and in the consultant's
console messages; the files parse back as the booking (same UID, SEQUENCE after a move)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlmodel import select

from adapters.documents import CalendarSource
from core.booking import Actor, BookingOrder, book, reschedule
from core.calendar import CALENDAR_DOCUMENT
from core.models import Consultant, Contact
from tests.web.client.files_helpers import attachments_at, download
from tests.web.client.helpers import CONSULTANT, given_company, given_consultant, message_id
from tests.web.conftest import WebWorld
from tests.web.console.helpers import given_account, staff_browser

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
TUESDAY_2PM = datetime(2026, 11, 24, 14, 0, tzinfo=SAO_PAULO)


async def _ids(web: WebWorld) -> tuple[int, int]:
    async with web.core.db.read() as uow:
        contact = (await uow.session.exec(select(Contact))).one()
        consultant = (await uow.session.exec(select(Consultant))).one()
    assert contact.id is not None and consultant.id is not None
    return contact.id, consultant.id


def _event(data: bytes) -> tuple[str, str, int, datetime]:
    calendar = Calendar.from_ical(data)
    [event] = calendar.events
    assert isinstance(event.start, datetime)
    return str(calendar.method), str(event.uid), event.sequence, event.start


async def test_the_invite_is_a_download_for_the_client_and_the_consultant(web: WebWorld) -> None:
    web.file_sources[CALENDAR_DOCUMENT] = CalendarSource(web.core.db, web.core.config)
    company = await given_company(web)
    await given_consultant(web)
    await given_account(web, "bruna", key=CONSULTANT, name="Bruna Consultora")
    secretary = await given_account(web, "sara", roles=("secretary",))
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    contact_id, consultant_id = await _ids(web)
    assert company.id is not None
    booking_id = await book(
        web.core,
        BookingOrder(
            company_id=company.id,
            contact_id=contact_id,
            consultant_id=consultant_id,
            starts_at=TUESDAY_2PM,
            duration=timedelta(minutes=30),
            medium="ts",
            connection_detail="ts.cliente.com.br",
        ),
        by=Actor.staff(secretary),
    )
    await web.deliver()
    await reschedule(
        web.core, booking_id, by=Actor.staff(secretary), starts_at=TUESDAY_2PM + timedelta(hours=1)
    )
    await web.deliver()

    invites = [
        a for e in await ana.events(at_least=0) for a in e["attachments"] if "ics" in a["name"]
    ]
    assert [a["name"] for a in invites] == [f"agendamento-{booking_id}.ics"] * 2
    seen = []
    for invite in invites:
        got = await download(ana.http, web.base_url, invite["url"])
        assert got.status == 200 and got.headers["Content-Type"].startswith("text/calendar")
        seen.append(_event(got.body))
    uid = f"booking-{booking_id}@consultoria.invalid"
    assert seen == [
        ("REQUEST", uid, 0, TUESDAY_2PM),
        ("REQUEST", uid, 1, TUESDAY_2PM + timedelta(hours=1)),
    ]
    assert "ts.cliente.com.br" in got.body.decode()

    staff = await staff_browser(web)
    await staff.sign_in("bruna")
    dms = [a for a in await attachments_at(web, CONSULTANT) if a["name"].endswith(".ics")]
    assert len(dms) == 2
    got = await download(staff.http, web.base_url, "/files/" + dms[-1]["ref"])
    assert got.status == 200
    assert _event(got.body) == ("REQUEST", uid, 1, TUESDAY_2PM + timedelta(hours=1))
    assert "Contato:" in got.body.decode()

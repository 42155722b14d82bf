"""Calendar invites ride on the booking notices of the running bot: the client gets the ICS as a
Telegram document and by e-mail, the consultant as a file in their Slack DM. Each file, parsed
with the same iCalendar library, matches the booking after it is made, moved and cancelled:
one UID, a growing SEQUENCE, the São Paulo time, the medium and its connection details, and
METHOD:CANCEL at the end."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar

from bot.runtime import Runtime
from core.booking import BookingOrder, book, cancel_booking, reschedule
from core.clock import ManualClock
from core.db import Database
from core.mail import set_contact_email
from core.models import Booking
from tests.fakes.slack_server import FakeSlack
from tests.fakes.smtp_server import SmtpRecorder, smtp_server
from tests.fakes.telegram_server import FakeTelegram
from tests.runtime.conftest import settings_for, until
from tests.scenario import World
from tests.scenarios.booking_helpers import (
    BRUNO,
    CLIENT,
    SECRETARY_ACTOR,
    TUESDAY,
    WEDNESDAY,
    Cast,
    at,
    given_cast,
)

DOMAIN = "fornecedor.com.br"


def telegram_files(fake: FakeTelegram) -> list[bytes]:
    """The documents sent to the client's chat, oldest first."""
    return [call.files["document"] for call in fake.sent_to(CLIENT.id, "sendDocument")]


def slack_files(fake: FakeSlack) -> list[bytes]:
    """The files uploaded to Bruno's DM, oldest first."""
    done = fake.calls_to("files.completeUploadExternal")
    assert all(call.args.get("channel_id") == f"D{BRUNO}" for call in done)
    ids = [f["id"] for call in done for f in call.json_arg("files")]
    return [fake.uploads[file_id] for file_id in ids]


def mailed_files(server: SmtpRecorder) -> list[bytes]:
    """The calendar attachments e-mailed to the client, oldest first."""
    found = []
    for mail in server.received:
        assert mail.recipients == ["ana@cliente.com.br"]
        for part in mail.message.iter_attachments():
            if part.get_content_type() == "text/calendar":
                data = part.get_payload(decode=True)
                assert isinstance(data, bytes)
                found.append(data)
    return found


def check(ics: bytes, booking: Booking, method: str, *, staff: bool) -> None:
    """The ICS holds one event matching ``booking`` as it is now."""
    calendar = Calendar.from_ical(ics)
    assert str(calendar.method) == method
    assert [zone.tz_name for zone in calendar.timezones] == ["America/Sao_Paulo"]
    [event] = calendar.events
    assert str(event.uid) == f"booking-{booking.id}@{DOMAIN}"
    assert event.sequence == booking.calendar_sequence
    assert isinstance(event.start, datetime) and isinstance(event.end, datetime)
    assert str(event.start.tzinfo) == "America/Sao_Paulo"
    assert event.start == booking.starts_at and event.end == booking.ends_at
    assert "TeamViewer — 123 456 789" in str(event.description)
    assert ("Contato: Ana Cliente" in str(event.description)) is staff
    assert "Metalúrgica Exemplo" in str(event.summary)
    assert str(event["STATUS"]) == ("CANCELLED" if method == "CANCEL" else "CONFIRMED")
    assert "ana@cliente.com.br" not in ics.decode()


async def _book(world: World, cast: Cast) -> int:
    return await book(
        world.core,
        BookingOrder(
            company_id=cast.company_id,
            contact_id=cast.contact_id,
            area="Custos",
            consultant_id=cast.bruno_id,
            starts_at=at(TUESDAY, "14:00"),
            duration=timedelta(minutes=60),
            medium="teamviewer",
            connection_detail="123 456 789",
        ),
        by=SECRETARY_ACTOR,
    )


async def _load(world: World, booking_id: int) -> Booking:
    async with world.core.db.read() as uow:
        booking = await uow.session.get(Booking, booking_id)
    assert booking is not None
    return booking


async def test_each_change_of_a_booking_reaches_both_calendars_on_every_channel(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    with smtp_server() as (server, port):
        settings = settings_for(
            fake_telegram,
            fake_slack,
            db.url,
            smtp_host="127.0.0.1",
            smtp_port=port,
            smtp_security="none",
            smtp_sender="Consultoria Online <consultoria@fornecedor.com.br>",
            calendar_domain=DOMAIN,
        )
        runtime = Runtime(settings, clock=clock, idle=30)
        await runtime.start()
        versions: list[Booking] = []

        async def delivered(count: int) -> None:
            def done() -> bool:
                return (
                    len(telegram_files(fake_telegram)) == count
                    and len(slack_files(fake_slack)) == count
                    and len(mailed_files(server)) == count
                )

            await until(done, f"{count} invites on every channel", seconds=20)

        try:
            world = World(runtime.core, clock)
            cast = await given_cast(world)
            async with runtime.core.db.uow() as uow:
                await set_contact_email(uow, cast.contact_id, "ana@cliente.com.br")
                await uow.commit()
            booking_id = await _book(world, cast)
            await delivered(1)
            versions.append(await _load(world, booking_id))
            await reschedule(
                runtime.core, booking_id, by=SECRETARY_ACTOR, starts_at=at(WEDNESDAY, "09:00")
            )
            await delivered(2)
            versions.append(await _load(world, booking_id))
            await cancel_booking(runtime.core, booking_id, by=SECRETARY_ACTOR, reason="viagem")
            await delivered(3)
            versions.append(await _load(world, booking_id))
        finally:
            await runtime.stop(flush_timeout=5)

    assert [v.calendar_sequence for v in versions] == [0, 1, 2]
    assert versions[1].starts_at == at(WEDNESDAY, "09:00")
    methods = ["REQUEST", "REQUEST", "CANCEL"]
    for files, staff in (
        (telegram_files(fake_telegram), False),
        (mailed_files(server), False),
        (slack_files(fake_slack), True),
    ):
        for ics, booking, method in zip(files, versions, methods, strict=True):
            check(ics, booking, method, staff=staff)
    first = Calendar.from_ical(mailed_files(server)[0])
    organizer = first.events[0]["ORGANIZER"]
    assert str(organizer) == "mailto:consultoria@fornecedor.com.br"

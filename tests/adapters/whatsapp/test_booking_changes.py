"""A booking the staff make, move and cancel, as a WhatsApp client sees it: each notice with its
updated calendar invite (.ics), in the window as a message and a document, outside it as the
booking template with the .ics as its DOCUMENT header."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from core.booking import Actor, BookingOrder, book, cancel_booking, reschedule
from core.contacts import find_contact
from core.outbox import Address
from tests.adapters.whatsapp.conftest import WaHarness
from tests.fakes.whatsapp_server import Call
from tests.scenarios.booking_helpers import TUESDAY, WEDNESDAY, at
from tests.scenarios.sessions_helpers import SECRETARY, given_cast

CLIENT = "5548988887777"
BY_SECRETARY = Actor.staff(SECRETARY)


async def _booked(wa: WaHarness) -> int:
    """The client links over WhatsApp; the secretary books Tuesday 14:00 for them."""
    cast = await given_cast(wa.world)
    await wa.text(CLIENT, f"CODIGO {cast.access_code}")
    await wa.deliver()
    async with wa.world.core.db.read() as uow:
        contact = await find_contact(uow, Address("whatsapp", CLIENT))
    assert contact is not None and contact.id is not None
    order = BookingOrder(
        company_id=cast.company_id,
        contact_id=contact.id,
        area="Custos",
        consultant_id=None,
        starts_at=at(TUESDAY, "14:00"),
        duration=timedelta(minutes=60),
        medium="Telefone",
    )
    booking_id = await book(wa.world.core, order, by=BY_SECRETARY)
    await wa.deliver()
    return booking_id


def _uploads(wa: WaHarness) -> list[Call]:
    return [c for c in wa.fake.calls if c.path.endswith("/media") and c.method == "POST"]


def _newest_invite(wa: WaHarness) -> tuple[str, bytes]:
    """The newest uploaded file's name and bytes."""
    upload = _uploads(wa)[-1]
    return str(upload.body["file.filename"]), upload.files["file"]


async def test_moved_and_cancelled_in_the_window_each_notice_brings_the_updated_invite(
    wa: WaHarness,
) -> None:
    booking_id = await _booked(wa)
    name, ics = _newest_invite(wa)
    assert name.endswith(".ics") and b"BEGIN:VCALENDAR" in ics and b"20261124T" in ics
    documents = [c for c in wa.fake.sent(CLIENT) if c.kind == "document"]
    assert documents and documents[-1].body["document"]["filename"].endswith(".ics")
    assert _uploads(wa)[-1].body["type"] == "text/plain", "sent as a type the Cloud API takes"

    await reschedule(wa.world.core, booking_id, by=BY_SECRETARY, starts_at=at(WEDNESDAY, "15:00"))
    await wa.deliver()
    assert "25/11/2026" in wa.all_text(CLIENT)
    name, ics = _newest_invite(wa)
    assert b"20261125T" in ics and b"SEQUENCE:1" in ics, "the moved booking's invite"

    await cancel_booking(wa.world.core, booking_id, by=BY_SECRETARY)
    await wa.deliver()
    assert "cancelado" in wa.fake.sent(CLIENT)[-2].text.lower()
    name, ics = _newest_invite(wa)
    assert b"METHOD:CANCEL" in ics and b"STATUS:CANCELLED" in ics
    assert wa.fake.sent(CLIENT)[-1].kind == "document"


async def test_outside_the_window_a_move_goes_as_the_booking_template_with_the_ics_header(
    wa: WaHarness,
) -> None:
    booking_id = await _booked(wa)
    templates = replace(wa.sender.config.templates, booking="consultoria_agendamento")
    wa.sender.config = replace(wa.sender.config, templates=templates)
    wa.world.clock.advance(timedelta(hours=25))  # Tuesday 11:00: the window closed
    await reschedule(wa.world.core, booking_id, by=BY_SECRETARY, starts_at=at(WEDNESDAY, "15:00"))
    await wa.deliver()
    sent = wa.fake.sent(CLIENT)[-1]
    assert sent.kind == "template" and sent.wamid, "the fake took the shape"
    template = sent.body["template"]
    assert template["name"] == "consultoria_agendamento"
    header, body = template["components"]
    document = header["parameters"][0]["document"]
    assert header["type"] == "header" and document["filename"].endswith(".ics")
    assert b"20261125T" in wa.fake.media[document["id"]][0], "the moved booking's invite"
    assert "25/11/2026" in body["parameters"][0]["text"]

    await cancel_booking(wa.world.core, booking_id, by=BY_SECRETARY)
    await wa.deliver()
    cancelled = wa.fake.sent(CLIENT)[-1].body["template"]["components"][0]
    assert b"METHOD:CANCEL" in wa.fake.media[cancelled["parameters"][0]["document"]["id"]][0]


async def test_without_a_booking_template_the_notice_goes_as_the_reminder_text(
    wa: WaHarness,
) -> None:
    booking_id = await _booked(wa)
    wa.world.clock.advance(timedelta(hours=25))
    await cancel_booking(wa.world.core, booking_id, by=BY_SECRETARY)
    await wa.deliver()
    template = wa.fake.sent(CLIENT)[-1].body["template"]
    assert template["name"] == "consultoria_lembrete"
    assert [c["type"] for c in template["components"]] == ["body"]

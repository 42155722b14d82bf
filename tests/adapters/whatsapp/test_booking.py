"""Booking on WhatsApp: days, times, durations and media as lists; reschedule and cancel."""

from __future__ import annotations

from sqlmodel import select

from core.models import Outbound
from tests.adapters.whatsapp.conftest import WaHarness
from tests.scenarios.booking_helpers import bookings
from tests.scenarios.sessions_helpers import given_cast

CLIENT = "5548988887777"


async def _linked(wa: WaHarness) -> None:
    cast = await given_cast(wa.world)
    await wa.text(CLIENT, f"CODIGO {cast.access_code}")
    await wa.deliver()


def _last_text(wa: WaHarness) -> str:
    return wa.fake.sent(CLIENT)[-1].text


async def test_booking_from_my_bookings_then_cancel(wa: WaHarness) -> None:
    await _linked(wa)
    await wa.press(CLIENT, "menu:bookings")
    await wa.deliver()
    await wa.press(CLIENT, "bnew")
    await wa.deliver()
    for prefix in ("bday:", "bslot:", "bdur:", "bmed:"):
        choices = wa.ids_starting(CLIENT, prefix)
        assert choices, f"no {prefix} choices; chat says: {_last_text(wa)}"
        assert len(wa.choices(CLIENT)) <= 10
        await wa.press(CLIENT, choices[1 if prefix == "bday:" else 0])
        await wa.deliver()
    assert "Qual o telefone" in _last_text(wa)
    await wa.text(CLIENT, "(11) 98765-4321")
    await wa.deliver()
    assert "Meio: Telefone — (11) 98765-4321" in _last_text(wa)
    await wa.press(CLIENT, "bok")
    await wa.deliver()
    terms = wa.ids_starting(CLIENT, "bterms_ok:")
    if terms:
        await wa.press(CLIENT, terms[0])
        await wa.deliver()
    [booking] = await bookings(wa.world)
    assert booking.status in ("scheduled", "confirmed")

    await wa.press(CLIENT, "menu:bookings")
    await wa.deliver()
    await wa.press(CLIENT, f"bcancel:{booking.id}")
    await wa.deliver()
    await wa.press(CLIENT, f"bcancelok:{booking.id}")
    await wa.deliver()
    [cancelled] = await bookings(wa.world)
    assert cancelled.status == "cancelled"

    await _all_sent(wa)


async def _all_sent(wa: WaHarness) -> None:
    """Every outbox row (the calendar invites included) was delivered."""
    async with wa.world.core.db.read() as uow:
        rows = (await uow.session.exec(select(Outbound))).all()
    assert [(r.purpose, r.last_error) for r in rows if r.status != "sent"] == []
    invites = [c for c in wa.fake.sent(CLIENT) if c.kind == "document"]
    assert invites and invites[0].body["document"]["filename"].endswith(".ics")

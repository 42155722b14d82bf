"""Booking in chat, Meus agendamentos, cancel and reschedule; outside hours; terms refused."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import select

from core.models import Consent
from tests.adapters.telegram.conftest import Harness
from tests.scenario import SAO_PAULO
from tests.scenarios.booking_helpers import bookings

CHAT = "4201"


async def _book_first_offer(tg: Harness, day: int = 0) -> dict[str, Any]:
    """Pick a day, its first time, the first duration and medium, confirm; the summary (as
    it was shown, with its buttons)."""
    for prefix in ("bday:", "bslot:", "bdur:", "bmed:"):
        choices = tg.data_starting(CHAT, prefix)
        assert choices, f"no {prefix} buttons; chat says: {tg.last_text(CHAT)}"
        await tg.press(CHAT, choices[day if prefix == "bday:" else 0])
        await tg.deliver()
    assert "Qual o telefone" in tg.last_text(CHAT)  # the first medium is Telefone
    await tg.text(CHAT, "(11) 98765-4321")
    await tg.deliver()
    assert "Meio: Telefone — (11) 98765-4321" in tg.last_text(CHAT)
    summary = tg.message_with(CHAT, "bok")
    await tg.press(CHAT, "bok")
    await tg.deliver()
    terms = tg.data_starting(CHAT, "bterms_ok:")
    if terms:
        await tg.press(CHAT, terms[0])
        await tg.deliver()
    return summary


async def test_booking_from_my_bookings_then_reschedule_and_cancel(tg: Harness) -> None:
    await tg.start_linked(CHAT)
    await tg.press(CHAT, "menu:bookings")
    await tg.deliver()
    await tg.press(CHAT, "bnew")
    await tg.deliver()
    await _book_first_offer(tg, day=1)
    [booking] = await bookings(tg.world)
    assert booking.status in ("scheduled", "confirmed")
    first_start = booking.starts_at

    await tg.command(CHAT, "/agendamentos")
    await tg.deliver()
    assert tg.data_starting(CHAT, "bmove:") == [f"bmove:{booking.id}"]
    await tg.press(CHAT, f"bmove:{booking.id}")
    await tg.deliver()
    days = tg.data_starting(CHAT, "bday:")
    await tg.press(CHAT, days[-1])
    await tg.deliver()
    await tg.press(CHAT, tg.data_starting(CHAT, "bslot:")[0])
    await tg.deliver()
    await tg.press(CHAT, "bok")
    await tg.deliver()
    [moved] = await bookings(tg.world)
    assert moved.starts_at != first_start, tg.all_text(CHAT)[-1500:]

    await tg.command(CHAT, "/agendamentos")
    await tg.deliver()
    await tg.press(CHAT, f"bcancel:{booking.id}")
    await tg.deliver()
    await tg.press(CHAT, f"bcancelok:{booking.id}")
    await tg.deliver()
    [cancelled] = await bookings(tg.world)
    assert cancelled.status == "cancelled"


async def test_outside_hours_the_next_opening_and_a_booking(tg: Harness) -> None:
    tg.world.clock.set(datetime(2026, 11, 23, 20, 0, tzinfo=SAO_PAULO))
    await tg.start_linked(CHAT)
    await tg.press(CHAT, "menu:consult")
    await tg.deliver()
    request_id = int(tg.data_starting(CHAT, "area:")[0].split(":")[1])
    await tg.press(CHAT, f"area:{request_id}:3")
    await tg.text(CHAT, "Como fechar o custo do mês?")
    await tg.deliver()
    assert "fora do horário" in tg.all_text(CHAT)
    assert not tg.data_starting(CHAT, "terms_ok:"), "closed: no paid terms before the booking"
    assert tg.data_starting(CHAT, "bday:")
    await _book_first_offer(tg)
    [booking] = await bookings(tg.world)
    assert booking.request_id == request_id


async def test_refusing_the_terms_records_a_refusal_and_offers_support(tg: Harness) -> None:
    await tg.start_linked(CHAT)
    await tg.press(CHAT, "menu:consult")
    await tg.deliver()
    request_id = int(tg.data_starting(CHAT, "area:")[0].split(":")[1])
    await tg.press(CHAT, f"area:{request_id}:x")
    await tg.text(CHAT, "Como emitir a nota?")
    await tg.deliver()
    await tg.press(CHAT, f"terms_no:{request_id}")
    await tg.deliver()
    assert "nada será cobrado" in tg.all_text(CHAT)
    assert tg.data_starting(CHAT, "menu:support")
    async with tg.world.core.db.uow() as uow:
        [consent] = (await uow.session.exec(select(Consent))).all()
    assert consent.accepted is False


async def test_confirming_an_old_booking_again_says_expired_once(tg: Harness) -> None:
    await tg.start_linked(CHAT)
    await tg.press(CHAT, "menu:bookings")
    await tg.deliver()
    await tg.press(CHAT, "bnew")
    await tg.deliver()
    confirm = await _book_first_offer(tg, day=1)
    before = len(tg.fake.texts_to(CHAT))
    await tg.press(CHAT, "bok", message=confirm)
    await tg.deliver()
    said = tg.fake.texts_to(CHAT)[before:]
    notice = next(text for text in said if "expirou" in text)
    assert notice.count("expirou") == 1, notice
    assert len(await bookings(tg.world)) == 1

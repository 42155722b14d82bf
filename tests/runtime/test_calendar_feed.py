"""A consultant's private calendar feed on the running bot's HTTP server: their bookings (a
cancelled one as CANCELLED), nobody else's; a new address or a revocation ends the old one; a
malformed, unknown or revoked address is a bare 404, and the token never reaches the logs."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

import aiohttp
import pytest
from icalendar import Calendar

from bot.runtime import Runtime
from core.booking import BookingOrder, book, cancel_booking
from core.calendar import revoke_calendar_feed, rotate_calendar_feed
from core.clock import ManualClock
from core.db import Database
from tests.fakes.telegram_server import FakeTelegram
from tests.runtime.conftest import settings_for
from tests.scenario import World
from tests.scenarios.booking_helpers import (
    SECRETARY_ACTOR,
    TUESDAY,
    WEDNESDAY,
    Cast,
    at,
    given_cast,
)


async def _book(
    world: World, cast: Cast, consultant_id: int, hh_mm: str, day: date = TUESDAY
) -> int:
    return await book(
        world.core,
        BookingOrder(
            company_id=cast.company_id,
            contact_id=cast.contact_id,
            area="Custos",
            consultant_id=consultant_id,
            starts_at=at(day, hh_mm),
            duration=timedelta(minutes=30),
            medium="telefone",
            connection_detail="(11) 98765-4321",
        ),
        by=SECRETARY_ACTOR,
    )


async def _fetch(http: aiohttp.ClientSession, url: str) -> tuple[int, str, bytes]:
    async with http.get(url) as response:
        return response.status, response.headers.get("Content-Type", ""), await response.read()


async def test_the_feed_serves_only_the_consultants_bookings_until_revoked(
    db: Database,
    clock: ManualClock,
    fake_telegram: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    runtime = Runtime(settings_for(fake_telegram, None, db.url), clock=clock, idle=30)
    await runtime.start()
    try:
        core = runtime.core
        world = World(core, clock)
        cast = await given_cast(world)
        kept = await _book(world, cast, cast.bruno_id, "14:00")
        dropped = await _book(world, cast, cast.bruno_id, "10:00", WEDNESDAY)
        carlas = await _book(world, cast, cast.carla_id, "15:00")
        await cancel_booking(core, dropped, by=SECRETARY_ACTOR)
        base = f"http://127.0.0.1:{runtime.http_port}/calendar"
        first = await rotate_calendar_feed(core, cast.bruno_id)
        assert first.token is not None and first.url.endswith(f"/calendar/{first.token}.ics")
        async with aiohttp.ClientSession() as http:
            status, kind, body = await _fetch(http, f"{base}/{first.token}.ics")
            assert status == 200 and kind.startswith("text/calendar")
            calendar = Calendar.from_ical(body)
            assert str(calendar.method) == "PUBLISH"
            events = {str(e.uid): e for e in calendar.events}
            assert set(events) == {
                f"booking-{kept}@consultoria.invalid",
                f"booking-{dropped}@consultoria.invalid",
            }, f"Carla's booking {carlas} is not in Bruno's feed"
            mine = events[f"booking-{kept}@consultoria.invalid"]
            assert isinstance(mine.start, datetime) and mine.start == at(TUESDAY, "14:00")
            assert str(mine.start.tzinfo) == "America/Sao_Paulo"
            assert str(mine["STATUS"]) == "CONFIRMED" and mine.sequence == 0
            assert "Telefone — (11) 98765-4321" in str(mine.description)
            assert "Contato: Ana Cliente" in str(mine.description)
            gone = events[f"booking-{dropped}@consultoria.invalid"]
            assert str(gone["STATUS"]) == "CANCELLED" and gone.sequence == 1

            second = await rotate_calendar_feed(core, cast.bruno_id)
            assert second.token != first.token
            assert (await _fetch(http, f"{base}/{first.token}.ics"))[0] == 404
            assert (await _fetch(http, f"{base}/{second.token}.ics"))[0] == 200
            assert (await revoke_calendar_feed(core, cast.bruno_id)).revoked == 1
            status, _, body = await _fetch(http, f"{base}/{second.token}.ics")
            assert status == 404 and body == b"not found\n"

            for bad in ("x", "A" * 43, "A" * 44, "a" * 500, "..%2F..%2Fetc", "%00", "tok'en"):
                status, _, body = await _fetch(http, f"{base}/{bad}.ics")
                assert status == 404, bad
                assert b"Traceback" not in body
    finally:
        await runtime.stop(flush_timeout=5)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert first.token not in logged and str(second.token) not in logged

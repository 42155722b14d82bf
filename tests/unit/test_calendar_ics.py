"""The iCalendar files of the bookings: the committed sample is what the code writes, it parses
back with the same library, a cancelled booking's invite is a CANCEL with the same UID, and a
feed names no organizer."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from adapters.documents import calendar_ics
from core.calendar import Audience, CalendarData, Method, parse_invite_ref

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "docs" / "samples" / "booking.ics"
SAO_PAULO = ZoneInfo("America/Sao_Paulo")


def _script(name: str) -> Callable[[], Any]:
    found: Callable[[], Any] = runpy.run_path(str(ROOT / "scripts" / "sample_booking_ics.py"))[name]
    return found


def test_the_committed_sample_is_what_the_script_writes() -> None:
    assert SAMPLE.read_bytes() == _script("sample_ics")()


def test_the_sample_parses_back_as_the_booking() -> None:
    calendar = Calendar.from_ical(SAMPLE.read_bytes())
    assert str(calendar.method) == "REQUEST"
    assert [zone.tz_name for zone in calendar.timezones] == ["America/Sao_Paulo"]
    [event] = calendar.events
    assert str(event.uid) == "booking-42@fornecedor.com.br" and event.sequence == 1
    assert event.start == datetime(2026, 11, 24, 14, 0, tzinfo=SAO_PAULO)
    assert event.end == datetime(2026, 11, 24, 15, 0, tzinfo=SAO_PAULO)
    assert "Meio: TeamViewer — 123 456 789" in str(event.description)
    assert "Metalúrgica Exemplo" in str(event.summary) and "Custos" in str(event.summary)
    assert "Ana" not in str(event.description)  # the client's copy does not name the client
    assert str(event["ORGANIZER"]) == "mailto:consultoria@fornecedor.com.br"


def test_a_cancelled_invite_keeps_the_uid_and_says_cancel() -> None:
    data: CalendarData = _script("sample_data")()
    [event] = data.events
    cancelled = replace(data, method=Method.CANCEL, events=(replace(event, cancelled=True),))
    calendar = Calendar.from_ical(calendar_ics(cancelled))
    assert str(calendar.method) == "CANCEL"
    [parsed] = calendar.events
    assert str(parsed.uid) == event.uid and str(parsed["STATUS"]) == "CANCELLED"


def test_a_feed_names_no_organizer() -> None:
    data: CalendarData = _script("sample_data")()
    feed = replace(data, method=Method.PUBLISH)
    ics = calendar_ics(feed, ("Consultoria Online", "consultoria@fornecedor.com.br"))
    assert b"ORGANIZER" not in ics and b"METHOD:PUBLISH" in ics
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in ics and b"X-PUBLISHED-TTL:PT1H" in ics


def test_invite_references_are_parsed_strictly() -> None:
    assert parse_invite_ref("42:3:client") == (42, 3, Audience.CLIENT)
    assert parse_invite_ref("42:0:staff") == (42, 0, Audience.STAFF)
    too_long = "1" * 13 + ":1:client"
    for bad in (
        "",
        "42",
        "42:1",
        "0:1:client",
        "42:1:admin",
        "a:1:client",
        "42:-1:staff",
        too_long,
    ):
        assert parse_invite_ref(bad) is None, bad

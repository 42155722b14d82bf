"""Fuzz target: client button action ids (``core.client.parse_action``).

A valid id parses into typed values that fit their columns (ids and indexes within 32 bits, days
within ``MAX_DAYS_AWAY``); anything else is ``MalformedAction``. Any other exception is a crash.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from fuzz.common import fuzz_main, instrumented, text_of

with instrumented():
    from bot.bootstrap import assemble_core
    from core.client import MalformedAction, parse_action
    from core.client.routes import MAX_DAYS_AWAY, MAX_ID
    from core.clock import ManualClock
    from core.context import CoreConfig, StaffAddresses
    from core.db import Database
    from core.hours import HoursConfig, OpeningHours, parse_weekly_schedule
    from core.outbox import Address

_ZONE = ZoneInfo("America/Sao_Paulo")
_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=_ZONE)
_STAFF = Address("web", "staff")
_CORE = assemble_core(
    Database("sqlite:///fuzz-never-opened.db"),  # the engine is created, never connected
    ManualClock(_NOW),
    CoreConfig(
        hours=OpeningHours(HoursConfig(_ZONE, parse_weekly_schedule("mon-fri 08:00-18:00"))),
        staff=StaffAddresses(_STAFF, _STAFF, _STAFF, _STAFF, _STAFF),
    ),
)
_CLIENT = Address("web", "c:fuzz")

SEEDS = (
    b"menu:consult",
    b"area:12:3",
    b"area:12:x",
    b"terms_ok:7",
    b"leave:1",
    b"bday:20261124",
    b"bslot:202611241400",
    b"bdur:1",
    b"rate:5:4",
    b"bnew",
    b"leave:999999999999999999999",
)
TOKENS = (
    b"menu",
    b"area",
    b"terms_ok",
    b"terms_no",
    b"leave",
    b"keep",
    b"tobook",
    b"bdays",
    b"bday",
    b"bslot",
    b"bdur",
    b"bmed",
    b"bok",
    b"bno",
    b"bmove",
    b"bcancel",
    b"bcancelok",
    b"bkeep",
    b"bnew",
    b"bterms_ok",
    b"bterms_no",
    b"client_end",
    b"invite",
    b"guest_leave",
    b"rate",
    b"consult",
    b"support",
    b"bookings",
    b"help",
    b"convert",
    b":",
    b"x",
    b"2147483647",
    b"2147483648",
    b"20261124",
    b"202611241400",
)


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris's name
    """Parse one action id; only MalformedAction may escape the parser."""
    action = text_of(data)
    try:
        route, click = parse_action(_CORE, _CLIENT, action, inbound=("fuzz", "1"))
    except MalformedAction:
        return
    assert len(click.values) == len(route.shape)
    for value in click.values:
        if isinstance(value, bool):
            raise AssertionError(f"a flag where a number was expected: {action!r}")
        if isinstance(value, int):
            assert 0 <= value <= MAX_ID, action
        elif isinstance(value, date):
            day = value.date() if isinstance(value, datetime) else value
            assert abs((day - _NOW.date()).days) <= MAX_DAYS_AWAY, action


if __name__ == "__main__":
    fuzz_main(TestOneInput)

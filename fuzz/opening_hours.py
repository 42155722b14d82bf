"""Fuzz target: the opening hours and closed days settings (``core.hours``).

``parse_weekly_schedule`` gives sorted, non-overlapping intervals that the calendar accepts (it
answers when the service next opens), or ``ValueError``; ``parse_closed_days`` dates or
``ValueError``. Any other exception is a crash.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

from fuzz.common import fuzz_main, instrumented, text_of

with instrumented():
    from core.hours import HoursConfig, OpeningHours, parse_closed_days, parse_weekly_schedule

_ZONE = ZoneInfo("America/Sao_Paulo")
_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=_ZONE)

SEEDS = (
    b"mon-fri 08:00-12:00 13:30-18:00",
    b"mon-fri 08:00-12:00 13:30-18:00; sat 08:00-12:00",
    b"seg-sex 8h-12h; s\xc3\xa1b 9h-11h",
    b"fri-mon 22:00-23:59",
    b"mon,wed,fri 08:00 - 12:00",
    b"24/12/2026, 31/12/2026",
)
TOKENS = (
    b"mon",
    b"tue",
    b"wed",
    b"thu",
    b"fri",
    b"sat",
    b"sun",
    b"seg",
    b"ter",
    b"qua",
    b"qui",
    b"sex",
    b"sab",
    b"s\xc3\xa1b",
    b"dom",
    b"-",
    b"\xe2\x80\x93",
    b",",
    b";",
    b" ",
    b"08:00",
    b"12:00",
    b"23:59",
    b"00:00",
    b"24:00",
    b"8h",
    b"13h30",
    b"/2026",
    b"29/02",
)


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris's name
    """Parse one opening-hours text (and the same text as closed days)."""
    text = text_of(data)
    try:
        weekly = parse_weekly_schedule(text)
    except ValueError:
        weekly = None
    if weekly is not None:
        for day, intervals in weekly.items():
            assert 0 <= day <= 6, text
            assert all(start < end for start, end in intervals), text
            assert all(a[1] < b[0] for a, b in itertools.pairwise(intervals)), text
        OpeningHours(HoursConfig(_ZONE, weekly)).next_opening(_NOW)
    try:
        parse_closed_days(text)
    except ValueError:
        return


if __name__ == "__main__":
    fuzz_main(TestOneInput)

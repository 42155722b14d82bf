"""The dashboard's charts say something at any number of points: one or two days with data are
labelled bars with their values written on them and their dd/mm dates under the axis; thirty
days are a line with the latest values written; every chart has a legend and states its period;
a period with nothing in it says so."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

from tests.scenario import World
from tests.scenarios.sessions_helpers import (
    given_cast,
)
from tests.web.conftest import WebWorld
from tests.web.dashboard.helpers import day_of_sessions, get, signed_in

SVG = "{http://www.w3.org/2000/svg}"
WAITS = "Tempo de espera por dia (minutos): mediana e p90"
SESSIONS = "Sessões por dia"
STARTED = "Sessões iniciadas"


def _svg(html: str, title: str) -> ET.Element:
    """The chart titled ``title``, parsed as XML (it must be well formed)."""
    found = re.search(rf"<svg[^>]*>\s*<title>{re.escape(title)}</title>.*?</svg>", html, re.S)
    assert found is not None, html
    return ET.fromstring(found.group(0))


def _texts(svg: ET.Element, kind: str) -> list[str]:
    """The texts of class ``kind`` (``value``, ``day``, ``tick``, ``no-data``) in the chart."""
    return [el.text or "" for el in svg.iter(f"{SVG}text") if el.get("class") == kind]


def _bars(svg: ET.Element) -> list[tuple[str | None, str | None, str | None]]:
    """(series, day, value) of every bar."""
    return [
        (el.get("data-series"), el.get("data-day"), el.get("data-value"))
        for el in svg.iter(f"{SVG}rect")
        if el.get("class") == "bar"
    ]


def _legend(svg: ET.Element) -> list[str]:
    return [text.text or "" for g in svg.iter(f"{SVG}g") for text in g.iter(f"{SVG}text")]


async def _dashboard(web: WebWorld) -> str:
    manager = await signed_in(web, "gerente", roles=("manager",))
    status, html, _ = await get(manager, "/dashboard")
    assert status == 200
    return html


async def test_one_day_of_data_is_labelled_bars_with_values_dates_legend_and_period(
    web: WebWorld,
) -> None:
    world = World(web.core, web.clock)
    await day_of_sessions(world, await given_cast(world), (10, 20))
    world.clock.set(world.clock.now() - timedelta(days=1))
    html = await _dashboard(web)

    assert "Período: de 25/10/2026 a 23/11/2026 (30 dias)." in html
    waits = _svg(html, WAITS)
    assert _bars(waits) == [("mediana", "2026-11-23", "15"), ("p90", "2026-11-23", "20")]
    assert _texts(waits, "value") == ["15", "20"]
    assert _texts(waits, "day") == ["23/11"]
    assert _legend(waits) == ["mediana", "p90"]
    assert "30 dias" in (waits.findtext(f"{SVG}desc") or "")

    sessions = _svg(html, SESSIONS)
    assert _bars(sessions) == [(STARTED, "2026-11-23", "2")]
    assert _texts(sessions, "value") == ["2"]
    assert _texts(sessions, "day") == ["23/11"]
    assert _legend(sessions) == [STARTED]


async def test_two_days_are_two_labelled_groups_not_a_bare_segment(web: WebWorld) -> None:
    world = World(web.core, web.clock)
    cast = await given_cast(world)
    await day_of_sessions(world, cast, (10, 20))
    await day_of_sessions(world, cast, (30,))
    world.clock.set(world.clock.now() - timedelta(days=1))
    html = await _dashboard(web)

    waits = _svg(html, WAITS)
    assert _bars(waits) == [
        ("mediana", "2026-11-23", "15"),
        ("p90", "2026-11-23", "20"),
        ("mediana", "2026-11-24", "30"),
        ("p90", "2026-11-24", "30"),
    ]
    assert _texts(waits, "value") == ["15", "20", "30", "30"]
    assert _texts(waits, "day") == ["23/11", "24/11"]
    assert not list(waits.iter(f"{SVG}polyline"))

    sessions = _svg(html, SESSIONS)
    assert _bars(sessions) == [(STARTED, "2026-11-23", "2"), (STARTED, "2026-11-24", "1")]
    assert _texts(sessions, "value") == ["2", "1"]
    assert _texts(sessions, "day") == ["23/11", "24/11"]


async def test_thirty_days_are_lines_with_dates_and_the_latest_values_written(
    web: WebWorld,
) -> None:
    world = World(web.core, web.clock)
    cast = await given_cast(world)
    weekdays = 0
    for day in range(30):  # the service opens Monday to Friday
        if world.clock.now().weekday() < 5:
            weekdays += 1
            await day_of_sessions(world, cast, (day + 1,))
        else:
            world.advance(days=1)
    world.clock.set(world.clock.now() - timedelta(days=1))
    html = await _dashboard(web)

    assert "Período: de 23/11/2026 a 22/12/2026 (30 dias)." in html
    waits = _svg(html, WAITS)
    assert list(waits.iter(f"{SVG}polyline")), "a line between weekdays"
    dots = [c.get("data-value") for c in waits.iter(f"{SVG}circle")]
    assert len(dots) == 2 * weekdays == 44
    assert _texts(waits, "value") == ["30", "30"]  # the latest median and p90 (22/12)
    days = _texts(waits, "day")
    assert days[0] == "23/11" and days[-1] == "22/12" and 6 <= len(days) <= 8, days
    assert _legend(waits) == ["mediana", "p90"]

    sessions = _svg(html, SESSIONS)
    assert [value for _, _, value in _bars(sessions)] == ["1"] * weekdays
    assert _texts(sessions, "value") == ["1"] * weekdays
    assert _legend(sessions) == [STARTED]


async def test_a_period_with_nothing_says_so_in_each_chart(web: WebWorld) -> None:
    html = await _dashboard(web)
    for title in (WAITS.replace("minutos", "segundos"), SESSIONS):
        chart = _svg(html, title)
        assert _texts(chart, "no-data") == ["Sem dados neste período"]
        assert not _bars(chart)

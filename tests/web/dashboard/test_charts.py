"""The dashboard's charts read right: waits under a minute in seconds (not "0,0" on every
line), longer waits in minutes on round lines, sessions per day on whole-number lines."""

from __future__ import annotations

import re

from tests.scenario import World
from tests.scenarios.sessions_helpers import ANA, BETO, BRUNO, DIEGO, claimed, given_cast, queued
from tests.web.conftest import WebWorld
from tests.web.dashboard.helpers import get, signed_in


def _chart(html: str, title: str) -> tuple[list[str], str]:
    """The value-axis labels and the whole SVG of the chart whose title starts with ``title``."""
    svg = re.search(rf"<svg[^>]*>\s*<title>{re.escape(title)}.*?</svg>", html, re.S)
    assert svg is not None, html
    return re.findall(r'class="tick">([^<]*)<', svg.group(0)), svg.group(0)


async def _waits(web: WebWorld, seconds: tuple[int, int]) -> None:
    """Ana, then Beto, taken after these many seconds of waiting."""
    world = World(web.core, web.clock)
    cast = await given_cast(world)
    for address, consultant, wait in zip((ANA, BETO), (BRUNO, DIEGO), seconds, strict=True):
        request_id = await queued(world, cast, address)
        world.advance(seconds=wait)
        await claimed(world, request_id, consultant)


async def test_waits_under_a_minute_are_charted_in_seconds_and_sessions_on_whole_lines(
    web: WebWorld,
) -> None:
    await _waits(web, (20, 40))
    manager = await signed_in(web, "gerente", roles=("manager",))
    status, html, _ = await get(manager, "/dashboard")
    assert status == 200

    ticks, svg = _chart(html, "Tempo de espera por dia (segundos): mediana e p90")
    assert len(set(ticks)) == len(ticks) >= 3, ticks  # every line tells its own value
    assert ticks[0] == "0" and float(ticks[-1].replace(",", ".")) >= 40, ticks
    assert 'data-series="mediana" data-day="2026-11-23" data-value="30"' in svg
    assert 'data-series="p90" data-day="2026-11-23" data-value="40"' in svg

    ticks, svg = _chart(html, "Sessões por dia")
    assert ticks == ["0", "1", "2"], "a count has whole-number lines"
    assert 'data-day="2026-11-23" data-value="2"' in svg


async def test_waits_of_minutes_are_charted_in_minutes_on_round_lines(web: WebWorld) -> None:
    await _waits(web, (25 * 60, 90 * 60))
    manager = await signed_in(web, "gerente", roles=("manager",), language="en")
    status, html, _ = await get(manager, "/dashboard")
    assert status == 200
    ticks, svg = _chart(html, "Waiting time per day (minutes): median and p90")
    assert ticks == ["0", "20", "40", "60", "80", "100"]
    assert 'data-series="p90" data-day="2026-11-23" data-value="90"' in svg

"""The dashboard's 30-day figures: waiting time (median, p90) and sessions per local day."""

from __future__ import annotations

from datetime import date, timedelta

from core.clock import ManualClock
from core.db import Database
from core.sessions import end_session
from core.views import daily_stats
from tests.scenario import SAO_PAULO, World
from tests.scenarios.sessions_helpers import (
    ANA,
    BETO,
    BRUNO,
    CAIO,
    DIEGO,
    claimed,
    given_cast,
    queued,
)


async def test_waits_are_summed_up_per_local_day_as_median_and_p90(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    waits = ((ANA, BRUNO, 2), (BETO, DIEGO, 10), (CAIO, BRUNO, 4))
    for address, consultant, minutes in waits:  # Monday 23/11, one after the other
        request_id = await queued(world, cast, address)
        world.advance(minutes=minutes)
        session_id = await claimed(world, request_id, consultant)
        world.advance(minutes=1)
        await end_session(world.core, session_id, by=consultant)
    clock.advance(timedelta(days=1))  # Tuesday: nobody
    async with db.uow() as uow:
        stats = await daily_stats(uow, today=date(2026, 11, 24), days=30, tz=SAO_PAULO)

    assert len(stats) == 30
    assert stats[0].day == date(2026, 10, 26) and stats[-1].day == date(2026, 11, 24)
    monday, tuesday = stats[-2], stats[-1]
    assert (monday.sessions, monday.median_wait, monday.p90_wait) == (3, 4.0, 10.0)
    assert (tuesday.sessions, tuesday.median_wait, tuesday.p90_wait) == (0, None, None)
    assert sum(s.sessions for s in stats) == 3

"""Queue scale: a deep queue (10,000 waiting) and 200 consultants; the real core operations timed.

Set-up: consultants through the admin service and ``set_status`` (all *ocupado*), the deep queue
in bulk (``bench.queue_fill``), and ``ops`` draft requests through the real intake. Timed, each
``ops`` times: *join* (``intake.accept_terms``: the consent and ``join_queue``), *position*
(``queue_position`` of a request at the back), *offer* (``set_status`` to *disponível*: the
next-request offer), *claim* (``claim_request`` of the oldest waiting request).
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial

from sqlmodel import col, select

from bench.cast import client_address, draft_request, given_company, given_consultants
from bench.common import as_started, make_core, max_rss_mb, median, migrated_database, percentile
from bench.queue_fill import fill_queue
from core import intake
from core.models import Request
from core.queue import claim_request, queue_position, set_status


@dataclass
class OpStats:
    """Timings of one operation, in milliseconds."""

    name: str
    samples: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        """Median."""
        return median(self.samples)

    @property
    def p99_ms(self) -> float:
        """99th percentile."""
        return percentile(self.samples, 0.99)


@dataclass
class QueueResult:
    """The timings at one queue depth, and the process's peak memory."""

    engine: str
    waiting: int
    consultants: int
    ops: list[OpStats]
    rss_mb: float


async def _timed(stats: OpStats, call: Callable[[], Awaitable[object]]) -> None:
    started = time.perf_counter()
    await call()
    stats.samples.append((time.perf_counter() - started) * 1000)


async def measure(engine: str, waiting: int, consultants: int, ops: int) -> QueueResult:
    """Build the queue, then time ``ops`` of each operation."""
    async with migrated_database(engine) as db:
        core = make_core(db)
        company = await given_company(core)
        users = await given_consultants(core, consultants, status="ocupado")
        await fill_queue(core, company, waiting)
        drafts = [
            (client_address(n), await draft_request(core, company, client_address(n), "Custos"))
            for n in range(ops)
        ]
        join, position, offer, claim = (OpStats(n) for n in ("join", "position", "offer", "claim"))
        await as_started(db)
        for address, request_id in drafts:
            await _timed(join, partial(intake.accept_terms, core, address, request_id))
        async with db.uow() as uow:
            statement = select(Request).where(col(Request.status) == "queued")
            queued = list((await uow.session.exec(statement.order_by(col(Request.id)))).all())
        rng = random.Random(6)  # noqa: S311 - a sample, not a secret
        for request in [queued[-1], *rng.sample(queued, ops - 1)]:
            async with db.uow() as uow:
                await _timed(position, partial(queue_position, uow, core, request))
        for user in users[:ops]:
            await _timed(offer, partial(set_status, core, user, "disponivel"))
        for user in users[:ops]:
            head = await _oldest(core)
            await _timed(claim, partial(claim_request, core, head, user))
        return QueueResult(
            engine, waiting, consultants, [join, position, offer, claim], max_rss_mb()
        )


async def _oldest(core: object) -> int:
    """The oldest waiting request's id."""
    from core.context import Core

    assert isinstance(core, Core)
    async with core.db.uow() as uow:
        statement = (
            select(Request.id)
            .where(col(Request.status) == "queued")
            .order_by(col(Request.queued_at), col(Request.id))
            .limit(1)
        )
        found = (await uow.session.exec(statement)).first()
    assert found is not None
    return found

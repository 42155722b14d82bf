"""Prometheus metrics, read from the database at scrape time (one registry per Runtime).

``Metrics.render()`` queries the core's tables, stores the figures in a snapshot, and asks the
registry to render them; the registry's collector only reads that snapshot (prometheus_client
collectors are synchronous). Nothing is global, so two Runtimes (or two tests) never share figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func
from sqlmodel import col, select

from core.clock import Clock
from core.db import Database
from core.models import (
    ConsultingSession,
    Outbound,
    OutboundStatus,
    Request,
    RequestKind,
    RequestStatus,
    SessionStatus,
)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
UNFINISHED = (OutboundStatus.PENDING, OutboundStatus.SENDING)


@dataclass
class Snapshot:
    """The figures of one scrape."""

    queued: dict[str, int] = field(default_factory=dict)
    oldest_wait: dict[str, float] = field(default_factory=dict)
    open_sessions: int = 0
    outbox_pending: int = 0
    outbox_lag: float = 0.0
    failed: int = 0


class _SnapshotCollector(Collector):
    def __init__(self) -> None:
        self.snapshot = Snapshot()

    def collect(self) -> Iterator[GaugeMetricFamily | CounterMetricFamily]:
        snap = self.snapshot
        queued = GaugeMetricFamily(
            "consultoria_queue_length", "Requests waiting in the queue.", labels=["kind"]
        )
        waiting = GaugeMetricFamily(
            "consultoria_queue_oldest_wait_seconds",
            "How long the longest-waiting request has waited.",
            labels=["kind"],
        )
        for kind in (RequestKind.CONSULTING, RequestKind.SUPPORT):
            queued.add_metric([kind], snap.queued.get(kind, 0))
            waiting.add_metric([kind], snap.oldest_wait.get(kind, 0.0))
        yield queued
        yield waiting
        yield GaugeMetricFamily(
            "consultoria_sessions_open", "Sessions in progress.", value=snap.open_sessions
        )
        yield GaugeMetricFamily(
            "consultoria_outbox_pending",
            "Outbox messages not yet delivered.",
            value=snap.outbox_pending,
        )
        yield GaugeMetricFamily(
            "consultoria_outbox_lag_seconds",
            "Age of the oldest undelivered outbox message.",
            value=snap.outbox_lag,
        )
        yield CounterMetricFamily(
            "consultoria_deliveries_failed",
            "Outbox messages given up as undeliverable.",
            value=snap.failed,
        )


class Metrics:
    """The Prometheus registry of one Runtime and the queries that fill it."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.registry = CollectorRegistry(auto_describe=False)
        self._collector = _SnapshotCollector()
        self.registry.register(self._collector)

    async def snapshot(self) -> Snapshot:
        """Query the database for the current figures."""
        now = self.clock.now()
        snap = Snapshot()
        async with self.db.uow() as uow:
            session = uow.session
            rows = await session.exec(
                select(Request.kind, func.count(), func.min(Request.queued_at))
                .where(col(Request.status) == RequestStatus.QUEUED)
                .group_by(col(Request.kind))
            )
            for kind, count, oldest in rows.all():
                snap.queued[kind] = int(count)
                snap.oldest_wait[kind] = (now - oldest).total_seconds() if oldest else 0.0
            snap.open_sessions = int(
                (
                    await session.exec(
                        select(func.count()).where(
                            col(ConsultingSession.status) == SessionStatus.OPEN
                        )
                    )
                ).one()
            )
            pending, oldest = (
                await session.exec(
                    select(func.count(), func.min(Outbound.created_at)).where(
                        col(Outbound.status).in_(UNFINISHED)
                    )
                )
            ).one()
            snap.outbox_pending = int(pending)
            snap.outbox_lag = max((now - oldest).total_seconds(), 0.0) if oldest else 0.0
            snap.failed = int(
                (
                    await session.exec(
                        select(func.count()).where(col(Outbound.status) == OutboundStatus.FAILED)
                    )
                ).one()
            )
        return snap

    async def render(self) -> bytes:
        """The exposition text of the current figures."""
        self._collector.snapshot = await self.snapshot()
        return generate_latest(self.registry)

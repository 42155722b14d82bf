"""Shared benchmark gear: a migrated database per engine, a core, statistics, machine info."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import tempfile
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy.engine import make_url

from bot import heap, schema
from bot.bootstrap import assemble_core
from core.clock import ManualClock
from core.context import Core, CoreConfig, StaffAddresses
from core.db import Database
from core.hours import HoursConfig, OpeningHours, parse_weekly_schedule
from core.outbox import Address

os.environ.setdefault("PTB_TIMEDELTA", "1")

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
POSTGRES_URL = os.environ.get(
    "CONSULTORIA_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REQUESTS_CHANNEL = "C_REQUESTS"


def monday_morning() -> ManualClock:
    """Monday 23/11/2026 10:00 in São Paulo: inside opening hours."""
    return ManualClock(datetime(2026, 11, 23, 10, 0, tzinfo=SAO_PAULO))


def core_config() -> CoreConfig:
    """The SPEC's rules with Slack staff channels."""
    hours = OpeningHours(
        HoursConfig(
            timezone=SAO_PAULO, weekly=parse_weekly_schedule("mon-fri 08:00-12:00 13:30-18:00")
        )
    )
    staff = StaffAddresses(
        requests=Address("slack", REQUESTS_CHANNEL),
        support=Address("slack", "C_SUPPORT"),
        billing=Address("slack", "C_BILLING"),
        onsite=Address("slack", "C_ONSITE"),
        links=Address("slack", "C_LINKS"),
    )
    return CoreConfig(hours=hours, staff=staff)


def make_core(db: Database, clock: ManualClock | None = None) -> Core:
    """The real core on ``db`` with a manual clock (inside opening hours)."""
    return assemble_core(db, clock or monday_morning(), core_config())


async def as_started(db: Database) -> None:
    """What ``consultoria run`` does once started: the pools warmed (``Database.warm``), then
    the heap settled (``bot.heap.settle``)."""
    await db.warm()
    heap.settle()


@asynccontextmanager
async def migrated_database(engine: str) -> AsyncIterator[Database]:
    """A fresh migrated database: a temporary SQLite file, or a PostgreSQL one dropped after."""
    if engine == "sqlite":
        with tempfile.TemporaryDirectory(prefix="consultoria-bench-") as folder:
            db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
            try:
                await schema.upgrade(db)
                yield db
            finally:
                await db.dispose()
        return
    admin = await asyncpg.connect(POSTGRES_URL, timeout=5)
    name = f"consultoria_bench_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    db = Database(make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False))
    try:
        await schema.upgrade(db)
        yield db
    finally:
        await db.dispose()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def postgres_available() -> bool:
    """True when the local PostgreSQL server answers."""
    try:
        connection = await asyncpg.connect(POSTGRES_URL, timeout=3)
    except (OSError, asyncpg.PostgresError):
        return False
    await connection.close()
    return True


@dataclass(frozen=True)
class Timed:
    """Feed -> arrival latencies (ms) of the messages offered after the warm-up (``steady``) and
    during it (``first``); how many were offered after it, their throughput, and how many of
    all never arrived."""

    steady: list[float]
    first: list[float]
    measured: int
    per_s: float
    lost: int

    @property
    def percentiles(self) -> tuple[float, float, float]:
        """p50, p95 and p99 of ``steady``."""
        steady = self.steady
        return percentile(steady, 0.50), percentile(steady, 0.95), percentile(steady, 0.99)

    @property
    def first_p99(self) -> float:
        """p99 of ``first`` (NaN without a warm-up)."""
        return percentile(self.first, 0.99) if self.first else float("nan")


def timed(fed: dict[int, float], arrivals: dict[int, float], warmup: float) -> Timed:
    """Split the messages at ``warmup`` seconds after the first was offered."""
    began = min(fed.values(), default=0.0)
    warm = {i for i, at in fed.items() if at - began < warmup}
    measured = [i for i in fed if i not in warm]
    steady = [(arrivals[i] - fed[i]) * 1000 for i in measured if i in arrivals]
    first = [(arrivals[i] - fed[i]) * 1000 for i in warm if i in arrivals]
    arrived = [arrivals[i] for i in measured if i in arrivals]
    span = max(arrived, default=0.0) - min((fed[i] for i in measured), default=0.0)
    lost = sum(1 for i in fed if i not in arrivals)
    return Timed(steady, first, len(measured), len(steady) / span if span > 0 else 0.0, lost)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def median(values: Sequence[float]) -> float:
    """The median of ``values`` (NaN when empty)."""
    return statistics.median(values) if values else float("nan")


def max_rss_mb() -> float:
    """This process's peak resident memory so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True)
class Machine:
    """Where the numbers were taken."""

    cpus: int
    cpu_model: str
    python: str

    @classmethod
    def here(cls) -> Machine:
        """This machine."""
        model = "unknown"
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
        return cls(os.cpu_count() or 1, model, platform.python_version())

    def line(self) -> str:
        """One line for the table's header."""
        return f"nproc={self.cpus} · CPU: {self.cpu_model} · Python {self.python}"

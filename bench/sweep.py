"""How cost grows with the work: ``python -m bench sweep`` (``--sizes 1000,10000`` etc.).

Three curves, each on each engine, each printed as a table with its verdict (flat /
logarithmic / linear, ``bench.curves``) and drawn as a PNG (log-scale x) under ``--out``:

- queue: join, position, offer, claim (median ms) at each depth of ``--sizes`` waiting
  (``bench.queue_scale``, the queue filled in bulk);
- relay: ``--sessions`` open sessions (copies of a real one, ``bench.session_fill``): msg/s flat
  out (in-process transports, ``bench.relay``), and p50/p99 at ``--rate`` offered over the
  loopback fakes (``bench.latency``);
- outbox: a backlog of each of ``--backlog`` pending rows drained by the real dispatcher to the
  fake Slack server (``bench.outbox_drain``): rows/s and time to drain. Past ``--drain-sample``
  rows (5,000) only the first that many deliveries are timed, at that depth, and the time to
  drain is estimated from their rate (``--drain-sample 0``: drain everything; slow).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import latency, outbox_drain, queue_scale, relay
from bench.common import Machine, postgres_available
from bench.curves import Panel, Series, chart
from bench.loops import LOOPS, run_on
from bench.session_fill import many_sessions

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class SweepSizes:
    """What the sweep measures, and how much at each point."""

    waiting: tuple[int, ...] = (1_000, 10_000, 100_000)
    sessions: tuple[int, ...] = (10, 100, 1_000)
    backlog: tuple[int, ...] = (1_000, 10_000, 100_000)
    consultants: int = 200
    ops: int = 20
    relay_messages: int = 1_000
    rate: float = 100.0
    latency_seconds: float = 3.0
    threads: int = 1_000
    drain_sample: int = 5_000


TINY = SweepSizes((30, 60), (2, 4), (40, 80), 4, 2, 10, 50.0, 0.1, 10, 60)

WHY = {
    "queue position": "it counts the waiting requests ahead (COUNT over an index range): the "
    "rows counted grow with the depth unless the count is kept elsewhere",
    "queue join": "it tells the new request its position (the same COUNT as position)",
    "queue offer": "it picks the next request for the consultant's areas: an index seek "
    "unless the areas' filter makes it walk the waiting rows",
    "queue claim": "the positions behind the claimed request move; their refresh is batched "
    "by a timer, but the head lookup and the moved-count read the waiting rows",
    "relay": "a relayed message should touch only its own contact, session and thread; "
    "growth means a read over all sessions or streams per message",
    "outbox": "each claim round looks for conversation heads among the unfinished rows "
    "(the 'nothing earlier pending in the same thread' test): with a deep backlog a round "
    "reads more rows than it claims",
}


@dataclass
class Table:
    """A curve's printout: title, header, rows, verdict lines."""

    title: str
    header: list[str]
    rows: list[list[str]]
    verdicts: list[str]

    def lines(self) -> list[str]:
        """Markdown lines."""
        out = [f"### {self.title}", "", "| " + " | ".join(self.header) + " |"]
        out.append("|" + "---|" * len(self.header))
        out += ["| " + " | ".join(row) + " |" for row in self.rows]
        return [*out, "", *self.verdicts, ""]


def _verdicts(series: Sequence[Series], why: Callable[[str], str]) -> list[str]:
    lines = []
    for line in series:
        verdict = line.verdict
        grows = verdict.label in ("logarithmic", "linear")
        reason = f" — grows; likely why: {why(line.name)}" if grows else ""
        lines.append(f"- {line.name}: {verdict.line()}{reason}")
    return lines


async def queue_curve(engines: Sequence[str], sizes: SweepSizes, out: Path | None) -> Table:
    """Median ms of each queue operation at each depth."""
    rows: list[list[str]] = []
    series: list[Series] = []
    for engine in engines:
        found: dict[str, list[float]] = {}
        for waiting in sizes.waiting:
            started = time.perf_counter()
            q = await queue_scale.measure(engine, waiting, sizes.consultants, sizes.ops)
            seconds = time.perf_counter() - started
            for op in q.ops:
                found.setdefault(op.name, []).append(op.median_ms)
            cells = [f"{op.median_ms:.2f} / {op.p99_ms:.2f}" for op in q.ops]
            rows.append([engine, f"{waiting:,}", *cells, f"{seconds:.0f} s", f"{q.rss_mb:,.0f}"])
        for name, medians in found.items():
            series.append(Series(f"{engine} {name}", [float(s) for s in sizes.waiting], medians))
    if out is not None:
        chart(
            out / "sweep_queue.png",
            "Queue operations against the queue's depth (median)",
            "requests waiting",
            [Panel("median ms per operation", series)],
        )
    header = ["engine", "waiting", "join", "position", "offer", "claim", "run", "RSS MiB"]
    return Table(
        "Queue: median / p99 ms per operation", header, rows, _verdicts(series, _why_queue)
    )


def _why_queue(name: str) -> str:
    return WHY.get("queue " + name.split()[-1], "")


async def relay_curve(engines: Sequence[str], sizes: SweepSizes, out: Path | None) -> Table:
    """Relay msg/s flat out and p50/p99 at ``rate`` against the number of open sessions."""
    rows: list[list[str]] = []
    rates, p50s, p99s = [], [], []
    for engine in engines:
        per_s, cpu, p50, p99 = [], [], [], []
        for sessions in sizes.sessions:
            run = await relay.relay_run(
                engine, sizes.relay_messages, sessions, 20, setup=many_sessions
            )
            lat = await latency.measure(
                engine, sizes.rate, sizes.latency_seconds, sessions, setup=many_sessions
            )
            per_s.append(run.per_s)
            cpu.append(run.cpu_ms_per_msg)
            p50.append(lat.p50_ms)
            p99.append(lat.p99_ms)
            rows.append(
                [
                    engine,
                    f"{sessions:,}",
                    f"{run.per_s:,.0f}",
                    f"{run.cpu_ms_per_msg:.2f}",
                    f"{lat.achieved_per_s:,.0f}/s, lost {lat.lost}"
                    + (" (saturated)" if lat.achieved_per_s < 0.95 * sizes.rate else ""),
                    f"{lat.p50_ms:,.1f} / {lat.p99_ms:,.1f}",
                ]
            )
        x = [float(s) for s in sizes.sessions]
        rates.append(Series(f"{engine} msg/s", x, per_s, [1000 / r for r in per_s]))
        p50s.append(Series(f"{engine} p50", x, p50))
        p99s.append(Series(f"{engine} p99", x, p99))
    if out is not None:
        chart(
            out / "sweep_relay.png",
            f"Relay against open sessions (flat out; latency at {sizes.rate:g}/s offered)",
            "open sessions",
            [Panel("messages/s flat out", rates), Panel("latency ms", p50s + p99s, log_y=True)],
        )
    header = ["engine", "sessions", "msg/s", "CPU ms/msg", f"@ {sizes.rate:g}/s", "p50 / p99 ms"]
    verdicts = _verdicts(rates + p50s + p99s, lambda _: WHY["relay"])
    verdicts.append("  (msg/s judged by its cost, ms per message; where the offered rate was not")
    verdicts.append(
        "  achieved (saturated) p50/p99 measure the backlog that built up, not the cost)"
    )
    return Table("Relay: throughput and latency", header, rows, verdicts)


async def outbox_curve(engines: Sequence[str], sizes: SweepSizes, out: Path | None) -> Table:
    """Rows/s and time to drain a backlog of each size."""
    rows: list[list[str]] = []
    rates, times = [], []
    for engine in engines:
        per_s, drain = [], []
        for backlog in sizes.backlog:
            threads = min(sizes.threads, backlog)
            d = await outbox_drain.measure(engine, backlog, threads, sizes.drain_sample or None)
            per_s.append(d.rows_per_s)
            drain.append(d.drain_s)
            rows.append(
                [
                    engine,
                    f"{backlog:,}",
                    f"{d.rows_per_s:,.0f}",
                    f"{d.drain_s:,.1f} s"
                    + ("" if d.complete else f" (est.; {d.delivered:,} timed)"),
                    f"{d.fill_s:,.1f} s",
                    f"{d.rss_mb:,.0f}",
                ]
            )
        x = [float(b) for b in sizes.backlog]
        rates.append(Series(f"{engine} rows/s", x, per_s, [1000 / r for r in per_s]))
        per_row = [t / b for t, b in zip(drain, x, strict=True)]
        times.append(Series(f"{engine} drain s", x, drain, per_row))
    if out is not None:
        chart(
            out / "sweep_outbox.png",
            f"Outbox backlog drained to the fake Slack ({sizes.threads:,} threads at most)",
            "rows pending at the start",
            [Panel("rows/s", rates), Panel("seconds to drain", times, log_y=True)],
        )
    header = ["engine", "backlog", "rows/s", "drain", "fill (set-up)", "RSS MiB"]
    verdicts = _verdicts(rates, lambda _: WHY["outbox"])
    verdicts.append("  (judged by the cost per row; the time to drain grows with the rows)")
    return Table("Outbox: backlog drained by the dispatcher", header, rows, verdicts)


CURVES = {"queue": queue_curve, "relay": relay_curve, "outbox": outbox_curve}


async def sweep(
    engines: Sequence[str],
    sizes: SweepSizes,
    out: Path | None,
    curves: Sequence[str] = tuple(CURVES),
) -> list[str]:
    """Every curve on every engine; the printout's lines."""
    lines = [f"machine: {Machine.here().line()}", ""]
    for name in curves:
        started = time.perf_counter()
        table = await CURVES[name](engines, sizes, out)
        lines += table.lines()
        lines.append(f"({name}: {time.perf_counter() - started:.0f} s)")
        lines.append("")
    return lines


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the sweep, print the tables, write the charts."""
    parser = argparse.ArgumentParser(prog="python -m bench sweep", description=__doc__)
    full = SweepSizes()
    parser.add_argument("--sizes", type=_ints, help="queue depths and outbox backlogs (1000,…)")
    parser.add_argument("--waiting", type=_ints, help="queue depths only")
    parser.add_argument("--backlog", type=_ints, help="outbox backlogs only")
    parser.add_argument("--sessions", type=_ints, default=full.sessions, help="open sessions")
    parser.add_argument("--ops", type=int, default=full.ops, help="samples per queue operation")
    parser.add_argument("--messages", type=int, default=full.relay_messages)
    parser.add_argument("--rate", type=float, default=full.rate, help="latency's offered msg/s")
    parser.add_argument("--seconds", type=float, default=full.latency_seconds)
    parser.add_argument("--drain-sample", type=int, default=full.drain_sample)
    parser.add_argument("--curve", choices=list(CURVES), action="append")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--loop", choices=LOOPS, default="asyncio")
    parser.add_argument("--out", type=Path, default=HERE, help="where the PNGs go (bench/)")
    parser.add_argument("--no-charts", action="store_true")
    parser.add_argument("--tiny", action="store_true", help="tiny sizes (smoke run)")
    options = parser.parse_args(argv)
    base = TINY if options.tiny else full
    sizes = SweepSizes(
        options.waiting or options.sizes or base.waiting,
        options.sessions if not options.tiny else base.sessions,
        options.backlog or options.sizes or base.backlog,
        base.consultants,
        options.ops if not options.tiny else base.ops,
        options.messages if not options.tiny else base.relay_messages,
        options.rate,
        options.seconds if not options.tiny else base.latency_seconds,
        base.threads,
        options.drain_sample if not options.tiny else base.drain_sample,
    )
    engines = options.engine or ["sqlite", "postgresql"]
    if "postgresql" in engines and not asyncio.run(postgres_available()):
        print("PostgreSQL unreachable at 127.0.0.1:5432: skipped", file=sys.stderr)
        engines.remove("postgresql")
    out = None if options.no_charts else options.out
    started = time.perf_counter()
    lines = run_on(options.loop, sweep(engines, sizes, out, options.curve or tuple(CURVES)))
    lines.append(f"sweep: {time.perf_counter() - started:.0f} s, event loop {options.loop}")
    if out is not None:
        lines.append(f"charts: {out}/sweep_{{{','.join(options.curve or CURVES)}}}.png")
    print("\n".join(lines))
    return 0

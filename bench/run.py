"""Run every benchmark and print the table: ``python -m bench`` (``--quick``: tiny sizes).

``python -m bench sweep …``: how cost grows with the size (``bench/sweep.py``);
``python -m bench cpu …``: CPU per message with uvloop / orjson (``bench/cpu.py``);
``python -m bench clients``: per-call cost of slack_sdk and PTB (``bench/clients.py``).

Engines: SQLite (temporary file) and PostgreSQL with one process (a fresh database on
127.0.0.1:5432, dropped afterwards; skipped when unreachable); PostgreSQL with two bot processes
in HTTP mode (``bench/two_process.py``: the Runtime in child processes, webhook POSTs split
between them, latency and throughput measured at the fake Slack server).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # ``python bench/run.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import latency, queue_scale, relay, two_process
from bench.common import Machine, postgres_available
from bench.loops import JSON_LIBRARIES, LOOPS, json_library, run_on


@dataclass(frozen=True)
class Sizes:
    """How much each benchmark does."""

    relay_messages: int
    latency_seconds: float
    latency_rates: tuple[float, ...]
    waiting: int
    consultants: int
    ops: int
    two_process_rates: tuple[float, ...] = ()


FULL = Sizes(2000, 5.0, (300.0, 50.0), 10_000, 200, 50, (300.0, 100.0))
QUICK = Sizes(30, 0.2, (300.0,), 200, 20, 3)


async def run(sizes: Sizes, engines: list[str], *, queue: bool = True) -> list[str]:
    """Every benchmark on every engine (``queue`` False: without the queue scale); the lines."""
    lines = [f"machine: {Machine.here().line()}", ""]
    lines.append("| engine | benchmark | result | target |")
    lines.append("|---|---|---|---|")
    for engine in engines:
        r = await relay.measure(engine, sizes.relay_messages)
        lines.append(
            f"| {engine} | relay throughput ({r.messages} msgs, 10 sessions) | "
            f"{r.relay_per_s:,.0f} msg/s vs PTB echo {r.echo_per_s:,.0f}/s → "
            f"ratio {r.ratio:.3f}, CPU {r.cpu_ms_per_msg:.2f} ms/msg | ≥ 0.5 |"
        )
        for rate in sizes.latency_rates:
            lat = await latency.measure(engine, rate, sizes.latency_seconds)
            lines.append(
                f"| {engine} | latency @ {rate:.0f}/s offered for 1 + {sizes.latency_seconds:g}s "
                f"(achieved {lat.achieved_per_s:,.0f}/s, {lat.messages} msgs, lost {lat.lost}) | "
                f"p50 {lat.p50_ms:,.1f} / p95 {lat.p95_ms:,.1f} / p99 {lat.p99_ms:,.1f} ms "
                f"(first second after start: p99 {lat.first_p99_ms:,.1f}) | p99 ≤ 25 ms @ 300/s |"
            )
        if not queue:
            continue
        q = await queue_scale.measure(engine, sizes.waiting, sizes.consultants, sizes.ops)
        for op in q.ops:
            lines.append(
                f"| {engine} | queue {op.name} ({q.waiting:,} waiting, "
                f"{q.consultants} consultants, "
                f"n={len(op.samples)}) | median {op.median_ms:.2f} ms, p99 {op.p99_ms:.2f} ms | "
                f"median ≤ 2 ms |"
            )
        lines.append(
            f"| {engine} | peak memory after queue scale (ru_maxrss) | {q.rss_mb:,.0f} MiB | — |"
        )
    if "postgresql" in engines:
        for rate in sizes.two_process_rates:
            two = await two_process.measure(rate, sizes.latency_seconds)
            lines.append(
                f"| postgresql ×{two.processes} processes (HTTP mode) | relay latency @ "
                f"{rate:.0f}/s offered for 1 + {sizes.latency_seconds:g}s, webhook → Slack post "
                f"(achieved {two.achieved_per_s:,.0f}/s, {two.messages} msgs, lost {two.lost}, "
                f"refused {two.refused}) | p50 {two.p50_ms:,.1f} / p95 {two.p95_ms:,.1f} / "
                f"p99 {two.p99_ms:,.1f} ms (first second after start: p99 {two.first_p99_ms:,.1f}) "
                f"| p99 ≤ 25 ms @ 300/s |"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run, print the table (``sweep`` / ``cpu``: those commands)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["sweep"]:
        from bench import sweep

        return sweep.main(argv[1:])
    if argv[:1] == ["cpu"]:
        from bench import cpu

        return cpu.main(argv[1:])
    if argv[:1] == ["clients"]:
        from bench import clients

        return clients.main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke run)")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--no-queue", action="store_true", help="skip the queue scale benchmark")
    parser.add_argument("--loop", choices=LOOPS, default="asyncio", help="the event loop")
    parser.add_argument("--json", choices=JSON_LIBRARIES, default="stdlib", help="see bench/loops")
    options = parser.parse_args(argv)
    engines = options.engine or ["sqlite", "postgresql"]
    if "postgresql" in engines and not asyncio.run(postgres_available()):
        print("PostgreSQL unreachable at 127.0.0.1:5432: skipped", file=sys.stderr)
        engines.remove("postgresql")
    with json_library(options.json):
        work = run(QUICK if options.quick else FULL, engines, queue=not options.no_queue)
        lines = run_on(options.loop, work)
    lines.insert(1, f"event loop: {options.loop} · JSON: {options.json}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

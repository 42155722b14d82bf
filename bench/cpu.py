"""CPU per message with uvloop and orjson: ``python -m bench cpu`` (``--rounds``, ``--engine``).

Each combination of event loop (asyncio, uvloop) and JSON library (stdlib, orjson; see
``bench.loops``) runs the relay flat out on the in-process transports (``bench.relay``: CPU ms
per message, ``time.process_time``, of the bot alone) and the latency path at ``--rate`` over
the loopback fakes (``bench.latency``: CPU of the bot and the fakes, same process). Rounds
alternate the combinations so that a busy moment of a shared machine does not land on one; the
median over rounds is printed, and each combination's saving against asyncio + stdlib.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass, field

from bench import latency, relay
from bench.common import median, postgres_available
from bench.loops import JSON_LIBRARIES, LOOPS, json_library, run_on

COMBINATIONS = [(loop, library) for library in JSON_LIBRARIES for loop in LOOPS]


@dataclass
class Samples:
    """One combination's measurements over the rounds."""

    relay_per_s: list[float] = field(default_factory=list)
    relay_cpu: list[float] = field(default_factory=list)
    latency_cpu: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)


async def _once(engine: str, messages: int, rate: float, seconds: float, samples: Samples) -> None:
    run = await relay.relay_run(engine, messages, 10, 50)
    lat = await latency.measure(engine, rate, seconds)
    samples.relay_per_s.append(run.per_s)
    samples.relay_cpu.append(run.cpu_ms_per_msg)
    samples.latency_cpu.append(lat.cpu_ms_per_msg)
    samples.p99.append(lat.p99_ms)


def measure(
    engines: list[str], rounds: int, messages: int, rate: float, seconds: float
) -> list[str]:
    """Every combination ``rounds`` times on each engine; the table's lines."""
    found = {(e, c): Samples() for e in engines for c in COMBINATIONS}
    for _ in range(rounds):
        for engine in engines:
            for loop, library in COMBINATIONS:
                with json_library(library):
                    samples = found[engine, (loop, library)]
                    run_on(loop, _once(engine, messages, rate, seconds, samples))
    lines = [
        "| engine | loop + JSON | relay msg/s | relay CPU ms/msg | saving | "
        f"latency @ {rate:g}/s CPU ms/msg (bot + fakes) | saving | p99 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for engine in engines:
        base = found[engine, COMBINATIONS[0]]
        base_relay, base_latency = median(base.relay_cpu), median(base.latency_cpu)
        for combination in COMBINATIONS:
            s = found[engine, combination]
            relay_cpu, latency_cpu = median(s.relay_cpu), median(s.latency_cpu)
            lines.append(
                f"| {engine} | {' + '.join(combination)} | {median(s.relay_per_s):,.0f} | "
                f"{relay_cpu:.2f} | {1 - relay_cpu / base_relay:+.0%} | {latency_cpu:.2f} | "
                f"{1 - latency_cpu / base_latency:+.0%} | {median(s.p99):,.1f} |"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Parse the options, measure, print."""
    parser = argparse.ArgumentParser(prog="python -m bench cpu", description=__doc__)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=3.0)
    options = parser.parse_args(argv)
    engines = options.engine or ["sqlite", "postgresql"]
    if "postgresql" in engines and not asyncio.run(postgres_available()):
        print("PostgreSQL unreachable at 127.0.0.1:5432: skipped", file=sys.stderr)
        engines.remove("postgresql")
    lines = measure(engines, options.rounds, options.messages, options.rate, options.seconds)
    print("\n".join(lines))
    return 0

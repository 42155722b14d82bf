"""Smoke test of the benchmark: every benchmark runs at tiny sizes (no timing asserted)."""

from __future__ import annotations

import pytest

from bench import latency, queue_scale, relay
from bench.run import QUICK, run


async def test_every_benchmark_runs_on_sqlite_at_tiny_sizes() -> None:
    lines = await run(QUICK, ["sqlite"])
    table = "\n".join(lines)
    assert "relay throughput" in table and "latency @ 300/s" in table
    assert "queue claim" in table and "peak memory" in table


async def test_relay_delivers_every_message_to_slack() -> None:
    result = await relay.measure("sqlite", messages=10, sessions=2, warmup=2)
    assert result.relay_per_s > 0 and result.echo_per_s > 0


async def test_latency_loses_nothing_at_a_gentle_rate() -> None:
    result = await latency.measure("sqlite", rate=50, seconds=0.1, sessions=2, warmup=0.2)
    assert result.lost == 0 and result.messages == 5
    assert result.first_p99_ms > 0  # the warm-up's messages arrived too, reported apart


@pytest.mark.parametrize("waiting", [50])
async def test_queue_scale_times_each_operation(waiting: int) -> None:
    result = await queue_scale.measure("sqlite", waiting, consultants=4, ops=2)
    assert [op.name for op in result.ops] == ["join", "position", "offer", "claim"]
    assert all(len(op.samples) == 2 for op in result.ops)

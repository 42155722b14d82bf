"""Smoke test of the size sweep and the CPU comparison: they run at tiny sizes (nothing timed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import sweep
from bench.curves import classify
from bench.loops import json_library, run_on
from bench.relay import relay_run
from bench.session_fill import many_sessions


async def test_the_sweep_prints_every_curve_with_a_verdict_and_draws_it(tmp_path: Path) -> None:
    lines = await sweep.sweep(["sqlite"], sweep.TINY, tmp_path)
    text = "\n".join(lines)
    for title in ("### Queue", "### Relay", "### Outbox"):
        assert title in text
    assert "sqlite claim:" in text and "sqlite msg/s:" in text and "sqlite rows/s:" in text
    for curve in ("queue", "relay", "outbox"):
        assert (tmp_path / f"sweep_{curve}.png").stat().st_size > 0


def test_the_command_line_takes_sizes_and_writes_no_chart_when_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--tiny", "--engine", "sqlite", "--curve", "queue", "--sizes", "20,40"]
    assert sweep.main([*argv, "--no-charts", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "| sqlite | 20 |" in printed and "| sqlite | 40 |" in printed
    assert not list(tmp_path.iterdir())


def test_copied_sessions_relay_like_real_ones_on_uvloop_with_orjson() -> None:
    with json_library("orjson"):
        run = run_on("uvloop", relay_run("sqlite", 12, 6, 2, setup=many_sessions))
    assert run.per_s > 0 and run.cpu_ms_per_msg > 0


@pytest.mark.parametrize(
    ("costs", "label"),
    [
        ([2.0, 2.1, 1.9], "flat"),
        ([2.0, 3.0, 4.0], "logarithmic"),
        ([1.0, 10.0, 100.0], "linear"),
    ],
)
def test_a_curve_is_called_flat_logarithmic_or_linear(costs: list[float], label: str) -> None:
    assert classify([1_000, 10_000, 100_000], costs).label == label

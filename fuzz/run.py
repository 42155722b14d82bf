"""Run every fuzz target for a time budget: ``python -m fuzz [--seconds 20] [--engine auto]``.

With atheris installed (``auto``, ``atheris``), each target runs in its own process under
libFuzzer (coverage-guided; the target's seeds and tokens as its corpus and dictionary; new
inputs found go to a temporary corpus). Without it (``random``), a plain mutation driver feeds
the target in this process: the seeds, mutated (bytes flipped, inserted, deleted, spliced, tokens
inserted) for the same budget. Either way it prints, per target, the inputs tried and the crashes
found (an input that made the target raise anything but a documented refusal), keeps each
crashing input under ``fuzz/crashes/`` and exits 1 when there was any crash (2 for a runner
problem). Reproduce a crash with ``python -m fuzz.<target> fuzz/crashes/<file>`` (atheris) or
``python -m fuzz --replay fuzz/crashes/<file>``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from fuzz.common import TargetModule, atheris_available

TARGETS = ("action_ids", "agendar", "opening_hours", "settings_values", "money")
HERE = Path(__file__).resolve().parent
CRASHES = HERE / "crashes"
_EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
_DONE = re.compile(r"^#(\d+)\s", re.MULTILINE)
_ARTIFACT = re.compile(r"Test unit written to (\S+)")
MAX_INPUT = 4096


@dataclass
class Report:
    """What one target's run came to."""

    target: str
    engine: str
    seconds: float
    inputs: int
    crashes: list[str]
    problem: str = ""
    failed: bool = False
    """The target could not run at all (not a crash of the parser)."""


def load(name: str) -> TargetModule:
    """The target module ``fuzz.<name>``."""
    return cast(TargetModule, importlib.import_module(f"fuzz.{name}"))


# -- atheris (libFuzzer) -------------------------------------------------------------------------


def _dictionary(tokens: Sequence[bytes], path: Path) -> None:
    lines = ['"' + "".join(f"\\x{b:02x}" for b in token) + '"' for token in tokens if token]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def run_atheris(name: str, seconds: int) -> Report:
    """Run ``fuzz.<name>`` under libFuzzer in a child process for ``seconds``."""
    module = load(name)
    CRASHES.mkdir(exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{name}-") as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        for seed in module.SEEDS:
            (corpus / hashlib.sha1(seed).hexdigest()).write_bytes(seed)  # noqa: S324 - a name
        dictionary = Path(scratch) / "tokens.dict"
        _dictionary(module.TOKENS, dictionary)
        command = [
            sys.executable,
            "-m",
            f"fuzz.{name}",
            f"-max_total_time={seconds}",
            f"-max_len={MAX_INPUT}",
            "-timeout=10",
            "-rss_limit_mb=2048",
            "-print_final_stats=1",
            f"-dict={dictionary}",
            f"-artifact_prefix={CRASHES}/{name}-",
            str(corpus),
        ]
        path = os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")]))
        environment = dict(os.environ, CONSULTORIA_FUZZ_ENGINE="atheris", PYTHONPATH=path)
        result = subprocess.run(  # noqa: S603 - our own interpreter and module
            command,
            cwd=scratch,
            env=environment,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=seconds + 120,
            check=False,
        )
    output = result.stdout + result.stderr
    executed = _EXECUTED.findall(output) or _DONE.findall(output)
    inputs = int(executed[-1]) if executed else 0
    crashes = _ARTIFACT.findall(output)
    report = Report(name, "atheris", time.monotonic() - started, inputs, crashes)
    if result.returncode != 0 and not crashes:  # it did not get to fuzzing: a runner problem
        report.problem = f"exit status {result.returncode}:\n" + "\n".join(
            output.splitlines()[-20:]
        )
        report.failed = True
    elif crashes:
        report.problem = _uncaught(output)
    return report


def _uncaught(output: str) -> str:
    """The uncaught exception of libFuzzer's output (its last lines), for the report."""
    start = output.find("=== Uncaught Python exception: ===")
    text = output[start:] if start >= 0 else output[-3000:]
    lines = [line for line in text.splitlines() if not line.startswith("INFO: Instrumenting")]
    return "\n".join(lines[:40])


# -- the plain mutation driver -------------------------------------------------------------------


def mutate(
    rng: random.Random, data: bytes, seeds: Sequence[bytes], tokens: Sequence[bytes]
) -> bytes:
    """One random mutation (or a few) of ``data``."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(7)
        at = rng.randint(0, len(buffer))
        if choice == 0 and buffer:  # flip a bit
            index = rng.randrange(len(buffer))
            buffer[index] ^= 1 << rng.randrange(8)
        elif choice == 1:  # insert random bytes
            buffer[at:at] = rng.randbytes(rng.randint(1, 8))
        elif choice == 2 and buffer:  # delete a run
            del buffer[at : at + rng.randint(1, 8)]
        elif choice == 3 and tokens:  # insert a token
            buffer[at:at] = rng.choice(tokens)
        elif choice == 4 and seeds:  # splice with a seed
            other = rng.choice(seeds)
            cut = rng.randint(0, len(other))
            buffer = buffer[:at] + bytearray(other[cut:])
        elif choice == 5 and buffer:  # an interesting number
            number = rng.choice([b"0", b"-1", b"2147483648", b"9" * 30, b"\xc2\xb2", b"\xd9\xa1"])
            buffer[at:at] = number
        elif buffer:  # repeat a slice
            start = rng.randrange(len(buffer))
            buffer[at:at] = buffer[start : start + rng.randint(1, 16)] * rng.randint(2, 8)
    return bytes(buffer[:MAX_INPUT])


def run_random(name: str, seconds: float, seed: int = 0) -> Report:
    """Feed ``fuzz.<name>`` mutated seeds in this process for ``seconds``."""
    module = load(name)
    rng = random.Random(f"{seed}:{name}")  # noqa: S311 - inputs, not secrets
    seeds = list(module.SEEDS) or [b""]
    pool = list(seeds)
    crashes: list[str] = []
    seen: set[tuple[str, str, int | None]] = set()
    problem = ""
    inputs = 0
    started = time.monotonic()
    deadline = started + seconds
    while time.monotonic() < deadline:
        data = (
            seeds[inputs]
            if inputs < len(seeds)
            else mutate(rng, rng.choice(pool), seeds, module.TOKENS)
        )
        inputs += 1
        try:
            module.TestOneInput(data)
        except Exception as error:
            where = traceback.extract_tb(error.__traceback__)[-1]
            signature = (type(error).__name__, where.filename, where.lineno)
            if signature not in seen:  # one kept input per distinct crash
                seen.add(signature)
                crashes.append(save_crash(name, data))
                problem = problem or traceback.format_exc(limit=8)
            continue
        if len(pool) < 2000 and rng.random() < 0.05:
            pool.append(data)  # keep some inputs to mutate further (no coverage guidance)
    return Report(name, "random", time.monotonic() - started, inputs, crashes, problem)


def save_crash(name: str, data: bytes) -> str:
    """Keep a crashing input as ``fuzz/crashes/<target>-crash-<sha1>``; its path."""
    CRASHES.mkdir(exist_ok=True)
    path = CRASHES / f"{name}-crash-{hashlib.sha1(data).hexdigest()}"  # noqa: S324 - a name
    path.write_bytes(data)
    return str(path)


def replay(path: Path) -> int:
    """Run the target a kept crash names on it once; 0 when it no longer crashes."""
    name = path.name.split("-crash-")[0]
    if name not in TARGETS:
        print(f"{path}: not a crash file of a known target ({', '.join(TARGETS)})", file=sys.stderr)
        return 2
    load(name).TestOneInput(path.read_bytes())
    print(f"{path}: {name} takes it without crashing")
    return 0


# -- the command ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the targets; print a line per target and a total; exit 1 on any crash."""
    parser = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=20, help="budget per target (20)")
    parser.add_argument(
        "--engine",
        choices=("auto", "atheris", "random"),
        default="auto",
        help="atheris when installed (auto), or the plain mutation driver (random)",
    )
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated names")
    parser.add_argument("--seed", type=int, default=0, help="the random driver's seed (0)")
    parser.add_argument("--replay", type=Path, help="run a kept crash input once")
    options = parser.parse_args(argv)
    if options.replay is not None:
        return replay(options.replay)
    names = [n.strip() for n in options.targets.split(",") if n.strip()]
    unknown = sorted(set(names) - set(TARGETS))
    if unknown:
        print(
            f"unknown targets: {', '.join(unknown)} (known: {', '.join(TARGETS)})", file=sys.stderr
        )
        return 2
    engine = options.engine
    if engine == "auto":
        engine = "atheris" if atheris_available() else "random"
    elif engine == "atheris" and not atheris_available():
        print("atheris is not installed here: use --engine random", file=sys.stderr)
        return 2
    if engine == "random":
        print(
            "fuzz: atheris not used; the plain random mutation driver runs (no coverage guidance)"
        )
    print(f"fuzz: {len(names)} targets, {options.seconds} s each, engine {engine}")
    reports = []
    for name in names:
        if engine == "atheris":
            report = run_atheris(name, options.seconds)
        else:
            report = run_random(name, options.seconds, options.seed)
        reports.append(report)
        print(
            f"  {name:<16} {report.inputs:>10,} inputs in {report.seconds:5.1f} s   "
            f"crashes: {len(report.crashes)}",
            flush=True,
        )
        for crash in report.crashes:
            print(f"      kept: {crash}")
        if report.problem:
            print("      " + report.problem.replace("\n", "\n      "))
    crashed = sum(len(r.crashes) for r in reports)
    total = sum(r.inputs for r in reports)
    print(f"fuzz: {total:,} inputs tried, {crashed} crash(es) found")
    clean = sum(1 for r in reports if not r.crashes and not r.failed)
    print(f"fuzz: {clean} passed, {len(reports) - clean} failed")  # targets, as test runners say
    if any(r.failed for r in reports):
        print("fuzz: some targets could not run (see above)", file=sys.stderr)
        return 2
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The real bot as a process for the browser test: its settings, the CLI, start, health, stop.

``consultoria`` runs exactly as a person runs it (same entry point, a clean ``CONSULTORIA_*``
environment, a temporary SQLite file); its output goes to a log file that the test shows when
it fails and copies under ``tests/artifacts/``.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import holidays

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
SERVICE_ZONE = "America/Sao_Paulo"
ALL_DAY = "mon-sun 00:00-23:59"
# Tried in order: the first country with no holiday today nor tomorrow closes nothing.
HOLIDAY_COUNTRIES = ("BR", "PT", "US", "GB", "JP", "DE", "AU", "CA")
STARTUP_SECONDS = 40.0
STOP_SECONDS = 20.0


def free_port() -> int:
    """A TCP port nobody listens on right now (the bot binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _no_holiday(country: str, days: list[date]) -> bool:
    calendar = holidays.country_holidays(country, years={day.year for day in days})
    return not any(day in calendar for day in days)


def always_open(now: datetime | None = None) -> dict[str, str]:
    """Settings that keep the service open for the next minutes, whenever the test runs.

    Open every day 00:00-23:59; a time zone that is not within minutes of that one closed
    minute (São Paulo, else UTC); a holiday calendar with no holiday today or tomorrow there.
    """
    moment = now or datetime.now(ZoneInfo(SERVICE_ZONE))
    zone = SERVICE_ZONE
    local = moment.astimezone(ZoneInfo(zone))
    if local.hour == 23 and local.minute >= 45:
        zone = "UTC"
        local = moment.astimezone(ZoneInfo(zone))
    days = [local.date(), local.date() + timedelta(days=1)]
    country = next(c for c in HOLIDAY_COUNTRIES if _no_holiday(c, days))
    return {"timezone": zone, "opening_hours": ALL_DAY, "holiday_country": country}


def bot_env(values: dict[str, str]) -> dict[str, str]:
    """This process's environment without any ``CONSULTORIA_*``, plus ``values`` (named
    without the prefix, e.g. ``{"http_port": "8081"}``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSULTORIA_")}
    env.update({f"CONSULTORIA_{name.upper()}": value for name, value in values.items()})
    env.update(PYTHONPATH=str(REPO), PTB_TIMEDELTA="1", PYTHONUNBUFFERED="1")
    return env


def _command(*args: str) -> list[str]:
    """``consultoria <args>`` through the same entry point as the installed script."""
    return [sys.executable, "-c", "from bot.cli import main; main()", *args]


@dataclass(frozen=True)
class CliResult:
    """What one ``consultoria`` command printed."""

    args: tuple[str, ...]
    status: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        """The command and its output, for a failure message."""
        return (
            f"consultoria {' '.join(self.args)} -> exit {self.status}\n"
            f"--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"
        )


async def cli(env: dict[str, str], *args: str, stdin: str | None = None) -> CliResult:
    """Run ``consultoria <args>``; fail the test (showing its output) unless it exits 0."""
    process = await asyncio.create_subprocess_exec(
        *_command(*args),
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(60):
        out, err = await process.communicate(stdin.encode() if stdin is not None else b"")
    result = CliResult(args, process.returncode or 0, out.decode(), err.decode())
    assert result.status == 0, result.describe()
    return result


@dataclass
class BotServer:
    """``consultoria run`` in the background, its output in ``log_path``."""

    env: dict[str, str]
    port: int
    log_path: Path
    process: asyncio.subprocess.Process | None = None
    exit_status: int | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        """The base address pages are served at."""
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        """Everything the process printed so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    async def start(self) -> None:
        """Spawn ``consultoria run`` and wait until ``/healthz`` answers 200."""
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                *_command("run"),
                env=self.env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
            )
        await self._healthy()

    async def _healthy(self) -> None:
        assert self.process is not None
        last = "no answer yet"
        async with aiohttp.ClientSession() as http:
            try:
                async with asyncio.timeout(STARTUP_SECONDS):
                    while True:
                        if self.process.returncode is not None:
                            raise AssertionError(
                                f"consultoria run exited {self.process.returncode} before "
                                f"serving:\n{self.log()}"
                            )
                        try:
                            async with http.get(
                                f"{self.url}/healthz", timeout=aiohttp.ClientTimeout(total=2)
                            ) as response:
                                if response.status == 200:
                                    return
                                last = f"HTTP {response.status}"
                        except (aiohttp.ClientError, OSError, TimeoutError) as error:
                            last = repr(error)
                        await asyncio.sleep(0.1)  # polling a port that is not open yet
            except TimeoutError:
                raise AssertionError(
                    f"/healthz not ready after {STARTUP_SECONDS:.0f} s ({last}):\n{self.log()}"
                ) from None

    async def stop(self) -> int:
        """SIGTERM, wait for a clean exit (SIGKILL after a while); the exit status."""
        process = self.process
        if process is None:
            return 0
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(STOP_SECONDS):
                    await process.wait()
            except TimeoutError:
                process.kill()
                await process.wait()
        self.exit_status = process.returncode
        return process.returncode or 0

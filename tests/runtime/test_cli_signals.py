"""``consultoria run`` as a real process: SIGTERM flushes the outbox and exits 0; bad settings 2."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

from core.clock import SystemClock
from core.db import Database
from core.outbox import Address
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram
from tests.runtime.conftest import enqueue, env_for, unfinished, values_for

ROOT = Path(__file__).parents[2]
CHAT = 7501


async def launch(env: dict[str, str]) -> asyncio.subprocess.Process:
    """``consultoria run`` with ``env`` added to a clean environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CONSULTORIA_")}
    clean |= env | {"PYTHONPATH": str(ROOT)}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "from bot.cli import main; main()",
        "run",
        env=clean,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def read_until(process: asyncio.subprocess.Process, marker: str, seconds: float) -> str:
    """Stderr lines up to the one containing ``marker``."""
    assert process.stderr is not None
    seen: list[str] = []
    async with asyncio.timeout(seconds):
        while marker not in (line := (await process.stderr.readline()).decode()):
            assert line, "the process ended:\n" + "".join(seen)
            seen.append(line)
    return "".join([*seen, line])


async def test_sigterm_flushes_the_outbox_and_exits_0(
    tmp_path: Path, fake_telegram: FakeTelegram, fake_slack: FakeSlack
) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    values = values_for(fake_telegram, fake_slack, url, log_format="text")
    process = await launch(env_for(values))
    try:
        started = await read_until(process, "ready", 20)
        assert re.search(r"heap settled: \d{4,} start-up objects", started), started
        db, clock = Database(url), SystemClock()
        try:
            await enqueue(db, clock, Address("slack", "C_BILLING"), "fatura 1", "fatura 2")
            await enqueue(db, clock, Address("telegram", str(CHAT)), "até logo")
            process.send_signal(signal.SIGTERM)
            async with asyncio.timeout(10):
                _, stderr = await process.communicate()
            assert process.returncode == 0, stderr.decode()
            assert await unfinished(db) == 0
        finally:
            await db.dispose()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert [c.args.get("text") for c in fake_slack.posted("C_BILLING")] == ["fatura 1", "fatura 2"]
    assert fake_telegram.texts_to(CHAT) == ["até logo"]
    assert fake_slack.token not in stderr.decode(), "tokens never logged"
    assert fake_telegram.token not in stderr.decode()


async def test_a_refused_token_exits_2_naming_the_setting(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    values = values_for(None, fake_slack, f"sqlite:///{tmp_path / 'bot.db'}")
    values["slack_bot_token"] = "xoxb-revoked"
    fake_slack.token = "xoxb-current"
    process = await launch(env_for(values))
    async with asyncio.timeout(20):
        _, stderr = await process.communicate()
    text = stderr.decode()
    assert process.returncode == 2, text
    assert "CONSULTORIA_SLACK_BOT_TOKEN" in text
    assert "Traceback" not in text

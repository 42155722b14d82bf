"""With no token at all the bot runs as the web channel: the chat served, delivered, announced."""

from __future__ import annotations

import asyncio
import re
import signal
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
import pytest
from sqlmodel import select

from bot.checks import StartupError
from bot.runtime import Runtime
from core.clock import ManualClock
from core.db import Database
from core.models import Timer
from core.outbox import Address
from tests.runtime.conftest import env_for, settings_for, values_for
from tests.runtime.test_cli_signals import launch
from tests.scenario import World
from tests.scenarios.queue_helpers import given_company

_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


async def test_no_token_starts_the_web_channel_and_a_client_is_answered(
    db: Database, clock: ManualClock
) -> None:
    runtime = Runtime(settings_for(None, None, db.url), clock=clock, idle=30)
    await runtime.start()
    try:
        assert runtime.telegram is None and runtime.slack is None
        chat = runtime.web_address
        assert chat == f"http://127.0.0.1:{runtime.http_port}/chat"
        assert runtime.core.config.staff.requests == Address("web", "staff:requests")
        company = await given_company(World(runtime.core, clock), "Fundição Aurora")
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            async with http.get(chat) as page:
                assert page.status == 200
                found = _CSRF.search(await page.text())
                assert found is not None
            headers = {"X-CSRF-Token": found.group(1)}
            body = {"code": company.access_code, "message_id": "first-visit-1"}
            async with http.post(chat + "/start", json=body, headers=headers) as answer:
                assert (await answer.json())["linked"] is True
            seen: list[str] = []

            async def answered() -> bool:
                async with http.get(chat + "/history") as history:
                    seen[:] = [m["text"] for m in (await history.json())["messages"]]
                return any("Fundição Aurora" in text for text in seen)

            await until_async(answered, "the welcome, delivered by the runtime's dispatcher")
            async with http.get(f"http://127.0.0.1:{runtime.http_port}/healthz") as health:
                assert health.status == 200
        async with runtime.db.uow() as uow:
            kinds = {timer.kind for timer in (await uow.session.exec(select(Timer))).all()}
        assert any("retention" in kind for kind in kinds), kinds
    finally:
        await runtime.stop(flush_timeout=5)


async def until_async(
    condition: Callable[[], Awaitable[bool]], what: str, seconds: float = 10.0
) -> None:
    """Like ``until`` for an async condition."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not await condition():
        assert loop.time() - started < seconds, f"timed out waiting for: {what}"
        await asyncio.sleep(0.05)


async def test_consultoria_run_without_tokens_prints_the_chat_address(tmp_path: Path) -> None:
    values = values_for(None, None, f"sqlite:///{tmp_path / 'bot.db'}", log_format="text")
    process = await launch(env_for(values))
    try:
        assert process.stdout is not None
        async with asyncio.timeout(30):
            line = (await process.stdout.readline()).decode()
        assert re.fullmatch(r"Consultoria Online: http://127\.0\.0\.1:\d+/chat\n", line), line
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(15):
            _, stderr = await process.communicate()
        assert process.returncode == 0, stderr.decode()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_a_port_in_use_names_the_setting(db: Database, clock: ManualClock) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        runtime = Runtime(settings_for(None, None, db.url, http_port=port), clock=clock)
        with pytest.raises(StartupError) as raised:
            await runtime.start()
    assert raised.value.setting == "CONSULTORIA_HTTP_PORT"

"""The web chat's first visit: a visitor who types the access code before the page's own
first-visit greeting goes out gets one greeting and one menu, not two.

The page greets a first visitor by itself 800 ms after loading, when no message has arrived.
Here the live stream is held back (as on a slow connection, the answer to the code has not
arrived yet) and the page's timers run on Playwright's clock, so the moment is not left to luck.
"""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from playwright.async_api import Request, Route, expect

from tests.browser.conftest import Screens, WebBot

pytestmark = pytest.mark.browser

LIVE = 20_000  # ms


async def test_a_code_sent_before_the_first_visit_timer_gets_one_greeting(
    web_bot: WebBot, screens: Screens
) -> None:
    screens.series = "first-visit"
    added = await web_bot.cli(
        "company", "add", "--name", "Têxtil Rápida", "--product-line", "industrial", "--rate", "150"
    )
    code = re.search(r"Código de acesso: ([A-Z0-9]+)", added.stdout)
    assert code is not None, added.describe()
    await web_bot.start()

    client = await screens.page("client", width=420, height=860)
    starts: list[dict[str, object]] = []

    def posted(request: Request) -> None:
        if request.method == "POST" and request.url.endswith("/chat/start"):
            starts.append(json.loads(request.post_data or "{}"))

    client.on("request", posted)
    release = asyncio.Event()

    async def held(route: Route) -> None:
        await release.wait()
        await route.continue_()

    await client.route(re.compile(r"/chat/events"), held)
    await client.clock.install()
    await client.goto(f"{web_bot.url}/chat")

    async with client.expect_response(re.compile(r"/chat/start$")) as answer:
        await client.get_by_label("Código de acesso da sua empresa").fill(code.group(1))
        await client.get_by_label("Código de acesso da sua empresa").press("Enter")
    assert (await (await answer.value).json())["ok"] is True
    await client.clock.run_for(2_000)  # the first-visit timer's moment has passed
    await client.evaluate("() => fetch('/healthz')")  # a round trip for any start it posted

    release.set()
    await client.clock.run_for(10_000)  # the stream's reconnection, if it needs one
    chat = client.locator("#messages")
    await expect(chat.get_by_text("vinculado à empresa Têxtil Rápida")).to_be_visible(timeout=LIVE)
    await expect(chat.get_by_role("button", name="Consultoria Online")).to_have_count(1)
    await screens.shot(client, "client-linked-once")
    assert [list(body) for body in starts] == [["message_id", "code"]], starts
    assert screens.page_errors == [], f"JavaScript errors: {screens.console_errors}"

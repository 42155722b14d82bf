"""The API beside the web channel's pages on one server: its refusals stay problem documents."""

from __future__ import annotations

import aiohttp

from adapters.web.app import build_web_app
from adapters.web.context import WebContext
from bot.metrics import Metrics
from bot.web import WebServer
from core.clock import ManualClock
from core.db import Database
from tests.scenario import World


async def test_api_answers_json_where_the_web_pages_answer_html(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    web_app = build_web_app(WebContext(world.core))
    server = WebServer(
        db, Metrics(db, clock), host="127.0.0.1", port=0, web_app=web_app, core=world.core
    )
    await server.start()
    base = f"http://127.0.0.1:{server.port}"
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(base + "/api/v1/nothing") as missing:
                assert missing.status == 404
                assert missing.content_type == "application/problem+json"
            async with http.get(base + "/api/v1/companies") as unauthorised:
                assert unauthorised.status == 401
            async with http.get(base + "/api/openapi.json") as document:
                assert (await document.json())["openapi"] == "3.1.0"
            async with http.get(base + "/chat") as page:
                assert page.status == 200 and page.content_type == "text/html"
            async with http.get(base + "/no-such-page") as page:
                assert page.status == 404 and page.content_type == "text/html"
    finally:
        await server.stop()

"""The chat on a vendor's site: the launcher script and the embedded page, through real HTTP.

``/chat/widget.js`` is the launcher, in the visitor's language; ``/chat?embed=1`` is the compact
page of its panel, which tells the unread count only to a site allowed to frame the chat
(``CONSULTORIA_WEB_FRAME_ANCESTORS``), the only page that such a site may frame.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import aiohttp
import pytest

from adapters.web.context import WebConfig
from core.clock import ManualClock
from core.db import Database
from tests.web.conftest import WebWorld
from tests.web.console.apps import running_app

VENDOR = "https://www.vendor.com.br"
_PARENT = re.compile(r'data-parent-origin="([^"]*)"')


@pytest.fixture
async def vendor_web(db: Database, clock: ManualClock) -> AsyncIterator[WebWorld]:
    """The web app with only the vendor's site (and its subdomains) allowed to frame the chat."""
    config = WebConfig(frame_ancestors=f"{VENDOR} https://*.parceiro.com.br")
    async with running_app(db, clock, config) as world:
        yield world


async def _get(web: WebWorld, path: str, **headers: str) -> tuple[int, dict[str, str], str]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(web.base_url + path, headers=headers) as response,
    ):
        return response.status, dict(response.headers), await response.text()


async def test_the_launcher_script_speaks_the_visitors_language(web: WebWorld) -> None:
    status, headers, script = await _get(web, "/chat/widget.js")
    _, _, english = await _get(web, "/chat/widget.js", **{"Accept-Language": "en-US,en"})
    _, _, asked = await _get(web, "/chat/widget.js?lang=en")

    assert status == 200
    assert headers["Content-Type"].startswith("text/javascript")
    assert '"open": "Abrir o chat"' in script and "/chat?embed=1&host=" in script
    assert '"open": "Open the chat"' in english
    assert '"close": "Close the chat"' in asked


async def test_the_embedded_chat_tells_an_allowed_site_only(vendor_web: WebWorld) -> None:
    allowed = f"/chat?embed=1&host={VENDOR}"
    _, headers, page = await _get(vendor_web, allowed)
    _, _, subdomain = await _get(vendor_web, "/chat?embed=1&host=https://loja.parceiro.com.br")
    _, _, other = await _get(vendor_web, "/chat?embed=1&host=https://evil.example")
    _, _, script = await _get(vendor_web, "/chat?embed=1&host=javascript:alert(1)")

    assert (
        f"frame-ancestors {VENDOR} https://*.parceiro.com.br" in headers["Content-Security-Policy"]
    )
    assert "X-Frame-Options" not in headers
    assert "chat-embed" in page and 'id="close-button"' in page
    assert _PARENT.findall(page) == [VENDOR]
    assert _PARENT.findall(subdomain) == ["https://loja.parceiro.com.br"]
    assert _PARENT.findall(other) == [""]
    assert _PARENT.findall(script) == [""]


async def test_the_plain_chat_page_stays_as_it_is(vendor_web: WebWorld) -> None:
    _, _, page = await _get(vendor_web, f"/chat?host={VENDOR}")

    assert "chat-embed" not in page and 'id="close-button"' not in page
    assert _PARENT.findall(page) == [""]


async def test_only_the_chat_may_be_framed(vendor_web: WebWorld) -> None:
    _, headers, _ = await _get(vendor_web, "/login")

    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"

"""The site's icon: browsers ask for ``/favicon.ico`` on every page; it is there (no 404 in the
logs), an icon file the browser may keep for a day."""

from __future__ import annotations

from tests.web.conftest import WebWorld


async def test_the_favicon_is_an_icon_served_to_anyone(web: WebWorld) -> None:
    visitor = await web.browser()
    async with visitor.http.get(web.base_url + "/favicon.ico") as response:
        body = await response.read()
        assert response.status == 200
        assert response.headers["Content-Type"] == "image/x-icon"
        assert "max-age=86400" in response.headers["Cache-Control"]
    assert body[:4] == b"\x00\x00\x01\x00", "an ICO file"
    assert len(body) < 4096

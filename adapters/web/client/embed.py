"""The chat inside a vendor's site: ``GET /chat/widget.js`` (the launcher) and ``/chat?embed=1``.

The launcher (``static/widget.js``) draws a chat bubble on the vendor's page and opens
``/chat?embed=1&host=<the page's origin>`` in a floating panel. The embedded page hides the
chrome that does not fit a panel and tells its parent the unread count by ``postMessage``, only
to the ``host`` origin, and only when that origin may frame the chat
(``CONSULTORIA_WEB_FRAME_ANCESTORS``: ``*``, or origins such as ``https://www.example.com`` or
``https://*.example.com``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from adapters.web.errors import visitor_language
from core.messages import t

WIDGET = Path(__file__).parent.parent / "static" / "widget.js"
ORIGIN_MAX = 200
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


TEXTS_SLOT = "var TEXTS = {};"
"""The line of ``widget.js`` that receives the launcher's texts (``web.chat.*``)."""


def widget_source(language: str) -> str:
    """``widget.js`` with its texts in ``language`` (JSON: no text can break out of it)."""
    texts = {
        "title": t("web.chat.title", language),
        "open": t("web.chat.open", language),
        "close": t("web.chat.close", language),
    }
    filled = "var TEXTS = " + json.dumps(texts, ensure_ascii=True) + ";"
    return WIDGET.read_text(encoding="utf-8").replace(TEXTS_SLOT, filled, 1)


def widget_handler(default_language: str) -> Callable[[web.Request], Awaitable[web.Response]]:
    """``GET /chat/widget.js[?lang=en]``: the launcher in the script's ``lang``, else the
    visitor's language (an hour in the browser's cache: a fix reaches the sites soon)."""

    async def widget_script(request: web.Request) -> web.Response:
        language = visitor_language(request, default_language)
        return web.Response(
            text=widget_source(language),
            content_type="text/javascript",
            charset="utf-8",
            headers={"Cache-Control": "public, max-age=3600", "Vary": "Accept-Language, Cookie"},
        )

    return widget_script


def allowed_origin(origin: str, frame_ancestors: str) -> bool:
    """Whether a page at ``origin`` may frame the chat, as ``frame_ancestors`` (CSP) says."""
    if len(origin) > ORIGIN_MAX or not _ORIGIN.match(origin):
        return False
    for source in frame_ancestors.split():
        if source == "*" or source.rstrip("/") == origin:
            return True
        scheme, _, host = source.partition("://")
        if host.startswith("*."):
            wanted = f"{scheme}://"
            if origin.startswith(wanted) and origin[len(wanted) :].endswith(host[1:]):
                return True
    return False


def embed_context(request: web.Request, frame_ancestors: str) -> dict[str, Any]:
    """The chat page's embedding: ``embed`` (in a panel), ``parent_origin`` (whom to tell the
    unread count; empty when the origin given may not frame the chat)."""
    embed = request.query.get("embed") == "1"
    host = request.query.get("host", "")[: ORIGIN_MAX + 1] if embed else ""
    parent = host if host and allowed_origin(host, frame_ancestors) else ""
    return {"embed": embed, "parent_origin": parent}

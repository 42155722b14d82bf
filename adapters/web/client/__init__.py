"""The client web chat (``/chat``): an embeddable page with the same consulting flow as Telegram.

Routes: ``GET /`` (-> ``/chat``), ``GET /chat`` (``?code=`` pre-fills the access code,
``?lang=en``), ``GET /chat/history``, ``GET /chat/events`` (SSE), and the JSON POSTs
``/chat/start`` (the access code and, optional, the client's name), ``/chat/name``,
``/chat/send``, ``/chat/action``, ``/chat/language``, ``/chat/typing`` (see ``views.py``), the
file upload ``/chat/upload`` and ``GET /files/<id>`` (``attachments.py``); and the site's
``/favicon.ico`` (browsers ask for it on every page); ``GET /chat/widget.js``, the launcher a
vendor's site loads to open the chat in a floating panel (``embed.py``).
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from adapters.web.client.attachments import FileViews
from adapters.web.client.embed import widget_handler
from adapters.web.client.views import ChatViews
from adapters.web.context import WebContext
from adapters.web.files import WebFiles

FAVICON = Path(__file__).parent.parent / "static" / "favicon.ico"


async def favicon(_request: web.Request) -> web.StreamResponse:
    """The site's icon (a day in the browser's cache)."""
    return web.FileResponse(
        FAVICON,
        headers={"Content-Type": "image/x-icon", "Cache-Control": "public, max-age=86400"},
    )


def setup(app: web.Application, ctx: WebContext) -> None:
    """Register the chat's routes on ``app``."""
    files = WebFiles(ctx.config.files_dir)
    views = ChatViews(ctx, files)
    app.router.add_get("/", views.root)
    app.router.add_get("/favicon.ico", favicon)
    app.router.add_get("/chat", views.page)
    app.router.add_get("/chat/history", views.history)
    app.router.add_get("/chat/events", views.events)
    app.router.add_post("/chat/start", views.start)
    app.router.add_post("/chat/name", views.name)
    app.router.add_post("/chat/send", views.send)
    app.router.add_post("/chat/action", views.action)
    app.router.add_post("/chat/language", views.language)
    app.router.add_post("/chat/upload", views.upload)
    app.router.add_post("/chat/typing", views.typing)
    app.router.add_get("/chat/widget.js", widget_handler(ctx.config.language))
    app.router.add_get("/files/{file_id}", FileViews(ctx, files).serve)

"""The client web chat (``/chat``): an embeddable page with the same consulting flow as Telegram.

Routes: ``GET /`` (-> ``/chat``), ``GET /chat`` (``?code=`` pre-fills the access code,
``?lang=en``), ``GET /chat/history``, ``GET /chat/events`` (SSE), and the JSON POSTs
``/chat/start``, ``/chat/send``, ``/chat/action``, ``/chat/language`` (see ``views.py``).
"""

from __future__ import annotations

from aiohttp import web

from adapters.web.client.views import ChatViews
from adapters.web.context import WebContext


def setup(app: web.Application, ctx: WebContext) -> None:
    """Register the chat's routes on ``app``."""
    views = ChatViews(ctx)
    app.router.add_get("/", views.root)
    app.router.add_get("/chat", views.page)
    app.router.add_get("/chat/history", views.history)
    app.router.add_get("/chat/events", views.events)
    app.router.add_post("/chat/start", views.start)
    app.router.add_post("/chat/send", views.send)
    app.router.add_post("/chat/action", views.action)
    app.router.add_post("/chat/language", views.language)

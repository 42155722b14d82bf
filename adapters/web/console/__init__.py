"""The staff console (``/console``): queue, conversations, status, support, links, bookings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from adapters.web.context import WebContext


def setup(app: web.Application, ctx: WebContext) -> None:
    """Register the console's routes on ``app``."""
    del app, ctx

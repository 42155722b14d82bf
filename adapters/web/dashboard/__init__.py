"""The manager dashboard: queue, consultants, bookings, billing, consents, charts (/dashboard)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from adapters.web.context import WebContext


def setup(app: web.Application, ctx: WebContext) -> None:
    """Register the dashboard's routes on ``app``."""
    del app, ctx

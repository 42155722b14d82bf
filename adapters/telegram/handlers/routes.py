"""Button action ids -> core functions: the channel-neutral table in :mod:`core.client.routes`.

Kept as a re-export so the Telegram handlers (and their tests) keep their import path.
"""

from __future__ import annotations

from core.client import ROUTES, Click, Route, route_of

__all__ = ["ROUTES", "Click", "Route", "route_of"]

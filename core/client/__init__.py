"""What a client's buttons and typed commands do, on every client channel."""

from core.client.routes import ROUTES, Click, Route, command_of, is_stale, route_of

__all__ = [
    "ROUTES",
    "Click",
    "Route",
    "command_of",
    "is_stale",
    "route_of",
]

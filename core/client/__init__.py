"""What a client's buttons and typed commands do, on every client channel, and what came of it."""

from core.client.outcome import Outcome, Result, expired, is_stale, outcome_of, press
from core.client.routes import (
    ROUTES,
    Click,
    MalformedAction,
    Route,
    command_of,
    parse_action,
)

__all__ = [
    "ROUTES",
    "Click",
    "MalformedAction",
    "Outcome",
    "Result",
    "Route",
    "command_of",
    "expired",
    "is_stale",
    "outcome_of",
    "parse_action",
    "press",
]

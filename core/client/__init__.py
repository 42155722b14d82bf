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
from core.client.typing_target import TypingTarget, typing_target

__all__ = [
    "ROUTES",
    "Click",
    "MalformedAction",
    "Outcome",
    "Result",
    "Route",
    "TypingTarget",
    "command_of",
    "expired",
    "is_stale",
    "outcome_of",
    "parse_action",
    "press",
    "typing_target",
]

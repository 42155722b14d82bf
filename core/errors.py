"""Business errors: a known reason that is shown to the user in their language."""

from __future__ import annotations

from typing import Any

from core.messages import channel_key, t


class BusinessError(Exception):
    """A refusal with a catalogue key; adapters render it with ``core.messages.t``."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, language: str, channel: str | None = None) -> str:
        """The reason as text in ``language``, in ``channel``'s words when it has its own."""
        return t(channel_key(self.key, channel), language, **self.params)


class NotFound(BusinessError):
    """A referenced thing (company, contact, booking, ...) does not exist."""


class InvalidInput(BusinessError):
    """Malformed or impossible input (a bad date, a negative rate, ...)."""


class Forbidden(BusinessError):
    """The actor's role does not allow the action."""


class Conflict(BusinessError):
    """The action collides with the current state (slot taken, already accepted, ...)."""

"""The Telegram handlers, one module per flow; :func:`register_all` adds them in order."""

from __future__ import annotations

from adapters.telegram.handlers import (
    callbacks,
    commands,
    guard,
    media,
    start,
    text,
    unsupported,
)
from adapters.telegram.handlers.common import TelegramApplication
from core.context import Core


def register_all(application: TelegramApplication, core: Core) -> None:
    """Add every handler: the private-chat guard first, the catch-all last."""
    guard.register(application)
    start.register(application, core)
    commands.register(application, core)
    callbacks.register(application, core)
    text.register(application, core)
    media.register(application, core)
    unsupported.register(application)

"""Every timer kind the core schedules, mapped to its handler (the timer loop's registry)."""

from __future__ import annotations

from collections.abc import Mapping

from core import booking, queue, retention, support
from core.timer_loop import Handler


def timer_handlers() -> Mapping[str, Handler]:
    """The handlers of every timer kind; a kind scheduled but missing here would be cancelled."""
    handlers: dict[str, Handler] = {}
    for part in (
        queue.TIMER_HANDLERS,
        booking.TIMER_HANDLERS,
        support.TIMER_HANDLERS,
        retention.TIMER_HANDLERS,
    ):
        clash = handlers.keys() & part.keys()
        if clash:
            raise RuntimeError(f"timer kinds handled twice: {sorted(clash)}")
        handlers.update(part)
    return handlers

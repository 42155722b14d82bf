"""Timers: rows that fire at a time, claimed by the timer loop.

The kind -> handler map is built by the composition root (``bot.bootstrap``).
"""

from core.timers.loop import Handler, TimerLoop
from core.timers.scheduling import cancel, schedule

__all__ = [
    "Handler",
    "TimerLoop",
    "cancel",
    "schedule",
]

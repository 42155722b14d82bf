"""The booking timers' handlers, for the timer loop's registry."""

from __future__ import annotations

from core.booking.reminders import REMINDER, START, on_booking_reminder
from core.booking.start import NO_SHOW, on_booking_start, on_no_show
from core.timers import Handler

TIMER_HANDLERS: dict[str, Handler] = {
    REMINDER: on_booking_reminder,
    START: on_booking_start,
    NO_SHOW: on_no_show,
}
"""The booking timers' handlers, for the timer loop."""

"""Bookings (SPEC 3, 5 step 6, 7): the public face of the booking package's modules.

- create / cancel / move / list: ``core.booking.service``, ``core.booking.change``,
  ``core.booking.list``;
- rules, free slots: ``core.booking.rules``, ``core.booking.slots``;
- notices, reminders and the start: ``core.booking.notify``, ``core.booking.reminders``,
  ``core.booking.start``;
- the terms of a booking made without consent: ``core.booking.terms``;
- the client's chat: ``core.booking.chat``, ``core.booking.confirm`` (new booking or move) and
  ``core.booking.mine`` (their list).

Action ids (client side, Telegram):
``bday:<yyyymmdd>`` -> ``choose_booking_day(core, address, parse_day_arg(arg))``;
``bslot:<yyyymmddHHMM>`` -> ``choose_booking_slot(core, address, parse_slot_arg(core, arg))``;
``bdur:<minutes>`` -> ``choose_booking_duration``; ``bmed:<index>`` -> ``choose_booking_medium``
(Telefone, TeamViewer and Terminal Service then await the number, ID or host as the client's
next text: ``answer_booking_detail``);
``bok`` -> ``confirm_booking``; ``bno`` -> ``drop_booking_draft``;
``bdays`` -> ``show_booking_days``;
``bmove:<id>`` -> ``start_moving_booking``; ``bcancel:<id>`` -> ``ask_cancel_booking``;
``bcancelok:<id>`` -> ``confirm_cancel_booking``; ``bkeep:<id>`` -> ``keep_booking``;
``bnew`` -> ``new_booking``; ``bterms_ok:<request>`` -> ``accept_booking_terms``;
``bterms_no:<request>`` -> ``refuse_booking_terms``. The menu's *Meus agendamentos* ->
``my_bookings``.

Timers: ``booking.reminder`` -> ``on_booking_reminder``, ``booking.start`` -> ``on_booking_start``
(both in ``TIMER_HANDLERS``).
"""

from __future__ import annotations

from core.booking.change import cancel_booking, cancel_in, close_booking, reschedule, reschedule_in
from core.booking.chat import (
    choose_booking_day,
    choose_booking_duration,
    choose_booking_medium,
    choose_booking_slot,
    offer_booking,
    show_booking_days,
)
from core.booking.confirm import confirm_booking, drop_booking_draft
from core.booking.detail import answer_booking_detail
from core.booking.flow import BOOKING_CHOICE, DURATIONS, parse_day_arg, parse_slot_arg
from core.booking.list import BookingView, find_booking_view, list_bookings, render_booking_list
from core.booking.mine import (
    ask_cancel_booking,
    confirm_cancel_booking,
    keep_booking,
    my_bookings,
    new_booking,
    start_moving_booking,
)
from core.booking.notify import duration_label, tell_both
from core.booking.once import book_once
from core.booking.reminders import REMINDER, START, on_booking_reminder
from core.booking.rules import (
    MAX_DURATION,
    MEDIA,
    Actor,
    BookingAction,
    authority,
    normalise_medium,
)
from core.booking.service import BookingOrder, book, create_booking
from core.booking.slots import Slot, free_slots
from core.booking.start import booking_done_after_session, mark_booking_done, on_booking_start
from core.booking.terms import accept_booking_terms, refuse_booking_terms
from core.booking.timers import TIMER_HANDLERS
from core.connection import medium_label

__all__ = [
    "BOOKING_CHOICE",
    "DURATIONS",
    "MAX_DURATION",
    "MEDIA",
    "REMINDER",
    "START",
    "TIMER_HANDLERS",
    "Actor",
    "BookingAction",
    "BookingOrder",
    "BookingView",
    "Slot",
    "accept_booking_terms",
    "answer_booking_detail",
    "ask_cancel_booking",
    "authority",
    "book",
    "book_once",
    "booking_done_after_session",
    "cancel_booking",
    "cancel_in",
    "choose_booking_day",
    "choose_booking_duration",
    "choose_booking_medium",
    "choose_booking_slot",
    "close_booking",
    "confirm_booking",
    "confirm_cancel_booking",
    "create_booking",
    "drop_booking_draft",
    "duration_label",
    "find_booking_view",
    "free_slots",
    "keep_booking",
    "list_bookings",
    "mark_booking_done",
    "medium_label",
    "my_bookings",
    "new_booking",
    "normalise_medium",
    "offer_booking",
    "on_booking_reminder",
    "on_booking_start",
    "parse_day_arg",
    "parse_slot_arg",
    "refuse_booking_terms",
    "render_booking_list",
    "reschedule",
    "reschedule_in",
    "show_booking_days",
    "start_moving_booking",
    "tell_both",
]

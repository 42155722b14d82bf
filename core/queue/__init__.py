"""The consulting queue and dispatch (SPEC 5 step 6-7, SPEC 6): the public functions.

Inside opening hours a request with an accepted consent joins the queue: its card goes to the
requests channel (``config.staff.requests``), the client gets a queue card with position and
estimated wait (see ``core.queue.positions`` for both rules), free consultants of its area get an
offer by direct message, and an ``request.unanswered`` timer raises it again if nobody takes it.

Action ids emitted (the adapters map them):
- ``claim:<request>`` *Aceitar* (request card, offers) -> ``claim_request``;
- ``leave:<request>`` *Sair da fila* (queue card) -> ``leave_queue``;
- ``tobook:<request>`` *Agendar horário* (queue card) -> ``switch_to_booking``.
Timer kinds (``TIMER_HANDLERS``): ``request.unanswered`` -> ``on_unanswered``,
``queue.position_refresh`` -> ``on_position_refresh``, ``queue.moved`` -> ``on_queue_moved``.
"""

from __future__ import annotations

from core.queue.claim import CLOSED as CLAIM_CLOSED
from core.queue.claim import ClaimResult, check_alternative_hours, claim_request
from core.queue.closing import CLOSING, ensure_closing_timer, keep_place
from core.queue.consultant_status import (
    free_after_session,
    free_after_transfer,
    on_consultant_freed,
    set_status,
    status_name,
    status_report,
)
from core.queue.join import TIMER_HANDLERS, join_queue
from core.queue.leave import leave_queue, switch_to_booking
from core.queue.positions import QueueStanding, queue_position, waiting
from core.queue.unanswered import on_unanswered
from core.queue.updates import on_position_refresh, on_queue_moved
from core.queue.waiting_messages import keep_waiting_message

__all__ = [
    "CLAIM_CLOSED",
    "CLOSING",
    "TIMER_HANDLERS",
    "ClaimResult",
    "QueueStanding",
    "check_alternative_hours",
    "claim_request",
    "ensure_closing_timer",
    "free_after_session",
    "free_after_transfer",
    "join_queue",
    "keep_place",
    "keep_waiting_message",
    "leave_queue",
    "on_consultant_freed",
    "on_position_refresh",
    "on_queue_moved",
    "on_unanswered",
    "queue_position",
    "set_status",
    "status_name",
    "status_report",
    "switch_to_booking",
    "waiting",
]

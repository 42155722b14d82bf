"""Free technical support (SPEC 4): a conversation with support staff, nudged at the threshold.

A support request gets at once an open session of kind support (no consultant, no billing) and
a card in ``config.staff.support`` whose thread is the conversation. At
``config.support_threshold`` the thread is nudged to offer consulting; conversion is in
``core.support.convert`` (nothing is billed before the client accepts the terms).

Action ids: ``menu:support`` (client) -> :func:`begin_support`; ``menu:convert`` (client) ->
``convert_request``; ``convert:<session>`` (staff) -> :func:`handover_picker` (who attends the
client once they accept), whose ``convert_to:`` / ``convert_keep:`` choices (:data:`ACTION`,
:func:`parse_choice`) -> ``convert_to_consulting`` (:mod:`core.support.handover`);
``end:<session>`` (staff, on the card) -> the sessions part's end. Timer kind:
``support.nudge`` (subject: session id) -> :func:`on_support_nudge`.
"""

from __future__ import annotations

from core.support.begin import NUDGE, TIMER_HANDLERS, begin_support, on_support_nudge
from core.support.convert import (
    CONVERT_CLOSED,
    convert_request,
    convert_to_consulting,
    on_consent_answered,
    session_of_request,
)
from core.support.picker import ACTION, HandoverChoice, handover_picker, parse_choice

__all__ = [
    "ACTION",
    "CONVERT_CLOSED",
    "NUDGE",
    "TIMER_HANDLERS",
    "HandoverChoice",
    "begin_support",
    "convert_request",
    "convert_to_consulting",
    "handover_picker",
    "on_consent_answered",
    "on_support_nudge",
    "parse_choice",
    "session_of_request",
]

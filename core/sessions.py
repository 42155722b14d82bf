"""Sessions (SPEC 5 steps 7-8, SPEC 6, SPEC 8): what the adapters call once a session is open.

Billed time runs from ``billing_started_at`` (the claim, or a support conversation's acceptance
of the terms) to the end; queue waiting is never billed. The services live in ``core.relay``
(relay both ways, internal notes), ``core.sessions_specialist``, ``core.sessions_team`` (transfer),
``core.sessions_onsite``, ``core.sessions_end`` (end, billing, summary) and
``core.sessions_rating``.

Action ids this part emits, and the function each maps to:

- staff, in the session thread (:func:`session_controls`): ``end:<session>`` ->
  :func:`end_session` (``by`` = the clicking Slack user); ``specialist:<session>`` -> a picker
  (consultant or area), then :func:`call_specialist`; ``transfer:<session>`` -> a consultant
  picker, then :func:`transfer_session`; ``onsite:<session>`` -> a reason form, then
  :func:`recommend_onsite`;
- client (:func:`client_end_choice`): ``client_end:<session>`` -> :func:`end_session_by_client`
  with ``session_id``; rating buttons ``rate:<session>:<1..5>`` -> :func:`rate_session`.

Messages: any text or file of a client with an open session -> :func:`relay_from_client` (it
raises :class:`NoOpenSession`, a BusinessError, when there is none: the intake shows the menu);
any message in a Slack thread -> :func:`relay_from_staff` (bot messages filtered by the adapter).
Outbox purposes: ``rating_request``, ``onsite_card``, ``billing_card`` (subject: session id).
"""

from __future__ import annotations

from core.messages import t
from core.outbound import Choice
from core.relay import relay_client_message, relay_from_client, relay_from_staff
from core.sessions_common import (
    BILLING_CARD,
    ONSITE_CARD,
    RATING_REQUEST,
    ROLE_ATTENDANT,
    ROLE_LEAD,
    ROLE_SPECIALIST,
    NoOpenSession,
    open_session_for_contact,
    session_for_thread,
)
from core.sessions_end import close_session, end_session, end_session_by_client, rating_choices
from core.sessions_onsite import recommend_onsite
from core.sessions_rating import rate_session
from core.sessions_specialist import call_specialist, sessions_in_progress
from core.sessions_team import transfer_session

__all__ = [
    "BILLING_CARD",
    "ONSITE_CARD",
    "RATING_REQUEST",
    "ROLE_ATTENDANT",
    "ROLE_LEAD",
    "ROLE_SPECIALIST",
    "NoOpenSession",
    "call_specialist",
    "client_end_choice",
    "close_session",
    "end_session",
    "end_session_by_client",
    "open_session_for_contact",
    "rate_session",
    "rating_choices",
    "recommend_onsite",
    "relay_client_message",
    "relay_from_client",
    "relay_from_staff",
    "session_controls",
    "session_for_thread",
    "sessions_in_progress",
    "transfer_session",
]


def session_controls(session_id: int, language: str) -> tuple[Choice, ...]:
    """The session buttons for the thread: end, call a specialist, on-site, transfer."""
    return (
        Choice(f"end:{session_id}", t("sessions.button.end", language), "danger"),
        Choice(f"specialist:{session_id}", t("sessions.button.specialist", language)),
        Choice(f"onsite:{session_id}", t("sessions.button.onsite", language)),
        Choice(f"transfer:{session_id}", t("sessions.button.transfer", language)),
    )


def client_end_choice(session_id: int, language: str) -> Choice:
    """The client's *Encerrar atendimento* button."""
    return Choice(f"client_end:{session_id}", t("sessions.button.client_end", language), "danger")

"""Sessions (SPEC 5 steps 7-8, SPEC 6, SPEC 8): what the adapters call once a session is open.

Billed time runs from ``billing_started_at`` (the claim, or a support conversation's acceptance
of the terms) to the end; queue waiting is never billed. The services live in ``relay``
(relay both ways, internal notes), ``specialist``, ``team`` (transfer), ``onsite``, ``end`` (end,
billing, summary) and ``rating``; ``start`` opens a session (``start_session``).

Action ids this part emits, and the function each maps to:

- staff, in the session thread (:func:`session_controls`): ``end:<session>`` ->
  :func:`end_session` (``by`` = the clicking Slack user); ``specialist:<session>`` -> a picker
  (consultant or area), then :func:`call_specialist`; ``transfer:<session>`` -> a consultant
  picker, then :func:`transfer_session`; ``onsite:<session>`` -> a reason form, then
  :func:`recommend_onsite`; ``medium:<session>`` -> a medium and detail form, then
  :func:`change_session_medium`;
- client (:func:`client_end_choice`): ``client_end:<session>`` -> :func:`end_session_by_client`
  with ``session_id``; rating buttons ``rate:<session>:<1..5>`` -> :func:`rate_session`;
  ``invite:<session>`` (:func:`invite_choice`) -> :func:`invite_colleague`;
- a colleague who joined (``guests``, ``invitations``): ``guest_leave:<session>``
  (:func:`leave_choice`) -> :func:`leave_as_guest`. An invitation code is used through the
  intake: :func:`join_with_code`.

Messages: any text or file of a client with an open session is relayed by the intake's
``handle_text``, through :func:`relay_client_message` in its transaction (a colleague's through
:func:`relay_guest_message`); any message in a Slack thread -> :func:`relay_from_staff` (bot
messages filtered by the adapter), which reaches the client and every colleague in the session.
Outbox purposes: ``rating_request``, ``recap_offer`` (the end message, with the
``recap:<session>`` button of ``core.recaps``), ``onsite_card``, ``billing_card``,
``guest_invitation``, ``guest_notice`` (subject: session id).
"""

from __future__ import annotations

from core.sessions.common import (
    BILLING_CARD,
    ONSITE_CARD,
    RATING_REQUEST,
    RECAP_OFFER,
    ROLE_ATTENDANT,
    ROLE_LEAD,
    ROLE_SPECIALIST,
    SESSION_CLIENT_START,
    SESSION_CONTROLS,
    NoOpenSession,
    contact_label,
    load_session,
    may_act,
    open_session_counts,
    open_sessions_of,
    session_for_thread,
    staff_name,
    thread_post,
)
from core.sessions.controls import client_end_choice, session_controls
from core.sessions.end import close_session, end_session, end_session_by_client, rating_choices
from core.sessions.guests import (
    GUEST_NOTICE,
    MAX_GUESTS,
    active_guests,
    guest_session_of,
    guests_after_session,
    invite_choice,
    leave_as_guest,
    leave_choice,
)
from core.sessions.invitations import (
    INVITATION,
    invite_colleague,
    join_with_code,
    looks_like_invitation,
)
from core.sessions.medium import MEDIUM, change_session_medium, session_connection
from core.sessions.onsite import recommend_onsite
from core.sessions.presence import PRESENT, awaits_client, client_present, mark_client_present
from core.sessions.rating import rate_session
from core.sessions.relay import (
    RELAY,
    RELAY_PURGED,
    ClientSession,
    client_session,
    relay_client_message,
    relay_from_staff,
    relay_guest_message,
    relay_plainly,
    relay_text,
    relays_plainly,
)
from core.sessions.specialist import call_specialist, sessions_in_progress
from core.sessions.start import SESSION_POST, Known, start_session, take_over_session
from core.sessions.team import transfer_session
from core.sessions.unreachable import client_unreachable

__all__ = [
    "BILLING_CARD",
    "GUEST_NOTICE",
    "INVITATION",
    "MAX_GUESTS",
    "MEDIUM",
    "ONSITE_CARD",
    "PRESENT",
    "RATING_REQUEST",
    "RECAP_OFFER",
    "RELAY",
    "RELAY_PURGED",
    "ROLE_ATTENDANT",
    "ROLE_LEAD",
    "ROLE_SPECIALIST",
    "SESSION_CLIENT_START",
    "SESSION_CONTROLS",
    "SESSION_POST",
    "ClientSession",
    "Known",
    "NoOpenSession",
    "active_guests",
    "awaits_client",
    "call_specialist",
    "change_session_medium",
    "client_end_choice",
    "client_present",
    "client_session",
    "client_unreachable",
    "close_session",
    "contact_label",
    "end_session",
    "end_session_by_client",
    "guest_session_of",
    "guests_after_session",
    "invite_choice",
    "invite_colleague",
    "join_with_code",
    "leave_as_guest",
    "leave_choice",
    "load_session",
    "looks_like_invitation",
    "mark_client_present",
    "may_act",
    "open_session_counts",
    "open_sessions_of",
    "rate_session",
    "rating_choices",
    "recommend_onsite",
    "relay_client_message",
    "relay_from_staff",
    "relay_guest_message",
    "relay_plainly",
    "relay_text",
    "relays_plainly",
    "session_connection",
    "session_controls",
    "session_for_thread",
    "sessions_in_progress",
    "staff_name",
    "start_session",
    "take_over_session",
    "thread_post",
    "transfer_session",
]

"""Calendar invites and feeds: every booking as an iCalendar event (the ICS bytes are built by
``adapters.documents``).

- ``events``: a booking as an event (stable UID, SEQUENCE, times in America/Sao_Paulo, medium and
  connection details), in the recipient's language;
- ``invites``: the invite attached to the booking notices (``calendar`` document channel);
- ``feeds``: each consultant's private, revocable subscription address.
"""

from core.calendar.events import (
    Audience,
    CalendarData,
    CalendarEvent,
    Method,
    booking_event,
    booking_parties,
    event_uid,
)
from core.calendar.feeds import (
    FEED_PAST,
    FeedChange,
    FeedStatus,
    feed_calendar,
    feed_status,
    feed_url,
    live_feed,
    revoke_calendar_feed,
    revoke_feeds,
    rotate_calendar_feed,
    token_hash,
)
from core.calendar.invites import (
    CALENDAR_DOCUMENT,
    ICS_MIME,
    booking_invite,
    bump_sequence,
    invite_attachment,
    parse_invite_ref,
)

__all__ = [
    "CALENDAR_DOCUMENT",
    "FEED_PAST",
    "ICS_MIME",
    "Audience",
    "CalendarData",
    "CalendarEvent",
    "FeedChange",
    "FeedStatus",
    "Method",
    "booking_event",
    "booking_invite",
    "booking_parties",
    "bump_sequence",
    "event_uid",
    "feed_calendar",
    "feed_status",
    "feed_url",
    "invite_attachment",
    "live_feed",
    "parse_invite_ref",
    "revoke_calendar_feed",
    "revoke_feeds",
    "rotate_calendar_feed",
    "token_hash",
]

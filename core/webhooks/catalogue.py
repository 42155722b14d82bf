"""The event types a webhook endpoint may subscribe to, and the parsing of a subscription list."""

from __future__ import annotations

from core.errors import InvalidInput

REQUEST_CREATED = "request.created"
CONSENT_RECORDED = "consent.recorded"
SESSION_STARTED = "session.started"
SESSION_ENDED = "session.ended"
BILLING_RECORDED = "billing.recorded"
BOOKING_CREATED = "booking.created"
BOOKING_CHANGED = "booking.changed"
BOOKING_CANCELLED = "booking.cancelled"
RATING_RECORDED = "rating.recorded"
PING = "ping"
"""Sent only by ``webhook test`` to one endpoint, whatever it subscribed to."""

EVENT_TYPES: tuple[str, ...] = (
    REQUEST_CREATED,
    CONSENT_RECORDED,
    SESSION_STARTED,
    SESSION_ENDED,
    BILLING_RECORDED,
    BOOKING_CREATED,
    BOOKING_CHANGED,
    BOOKING_CANCELLED,
    RATING_RECORDED,
)


def parse_event_types(text: str) -> list[str]:
    """``"a,b"`` or ``"all"`` -> the event types, in catalogue order; unknown or none: refused."""
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not wanted:
        raise InvalidInput("webhooks.no_events", known=", ".join(EVENT_TYPES))
    if wanted == ["all"]:
        return list(EVENT_TYPES)
    unknown = [name for name in wanted if name not in EVENT_TYPES]
    if unknown:
        raise InvalidInput(
            "webhooks.unknown_event", names=", ".join(unknown), known=", ".join(EVENT_TYPES)
        )
    return [name for name in EVENT_TYPES if name in wanted]

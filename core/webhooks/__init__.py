"""Signed webhooks: event notifications for outside systems (an ERP), delivered by the outbox.

``catalogue`` names the event types, ``resources`` turns rows into the plain dicts an event
carries, ``emit`` writes one outbox row per subscribed endpoint in the caller's transaction
(the event handlers ``bot/`` subscribes live there too), ``signing`` is the signature scheme,
``endpoints`` manages the receivers, ``deliveries`` is the delivery log with redelivery and
``privacy`` takes an erased contact's name out of the kept events.
"""

from core.webhooks.catalogue import EVENT_TYPES, PING, parse_event_types
from core.webhooks.deliveries import WebhookDelivery, recent_deliveries, redeliver
from core.webhooks.emit import (
    WEBHOOK_HANDLERS,
    emit,
    envelope_of,
)
from core.webhooks.endpoints import (
    NewSecret,
    Target,
    add_endpoint,
    delivery_target,
    disable_endpoint,
    list_endpoints,
    rotate_secret,
    send_test_event,
    signing_secrets,
    validate_url,
)
from core.webhooks.privacy import events_about, forget_contact_in_events
from core.webhooks.signing import (
    EVENT_HEADER,
    EVENT_ID_HEADER,
    SIGNATURE_HEADER,
    signature,
    signature_header,
    verify_signature,
)

__all__ = [
    "EVENT_HEADER",
    "EVENT_ID_HEADER",
    "EVENT_TYPES",
    "PING",
    "SIGNATURE_HEADER",
    "WEBHOOK_HANDLERS",
    "NewSecret",
    "Target",
    "WebhookDelivery",
    "add_endpoint",
    "delivery_target",
    "disable_endpoint",
    "emit",
    "envelope_of",
    "events_about",
    "forget_contact_in_events",
    "list_endpoints",
    "parse_event_types",
    "recent_deliveries",
    "redeliver",
    "rotate_secret",
    "send_test_event",
    "signature",
    "signature_header",
    "signing_secrets",
    "validate_url",
    "verify_signature",
]

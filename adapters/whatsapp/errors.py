"""Cloud API errors -> the outbox's retry or give-up.

- 429, the rate-limit codes (130429 throughput, 131056 pair rate, 80007 account rate, 4 app
  rate), 5xx, network failures (status 0) and the temporary 131000/131016 -> transient;
- 190 (access token expired or revoked) -> transient, logged loudly: nothing goes out until an
  operator sets a new token, and the rows must not be lost meanwhile;
- 131047 (re-engagement: outside the 24-hour window) -> transient (the sender holds such rows);
- 131026 (undeliverable: not on WhatsApp, old version, ...) and 131051/131052 (unsupported
  type), 131031 (account locked) and blocked users -> permanent, the contact unreachable;
- anything else (a bad request) -> permanent.
"""

from __future__ import annotations

import logging

from adapters.whatsapp.graph import GraphError
from core.outbox import PermanentDeliveryError, TransientDeliveryError

logger = logging.getLogger(__name__)

RATE_LIMITED = frozenset({4, 80007, 130429, 131048, 131056})
TEMPORARY = frozenset({1, 2, 131000, 131016, 133004})
TOKEN = frozenset({190})
OUTSIDE_WINDOW = frozenset({131047})
UNREACHABLE = frozenset({131026, 131051, 131031, 131049, 131045, 131008})
BLOCKED_WORDS = ("blocked",)
RATE_WAIT = 60.0


def delivery_error(error: GraphError) -> TransientDeliveryError | PermanentDeliveryError:
    """The outbox error for a refused or failed Graph call."""
    code = error.code
    reason = f"whatsapp {error.status} {code}: {error.message}"[:300]
    if code in TOKEN or error.status == 401:
        logger.error("WHATSAPP ACCESS TOKEN REFUSED (code %s): set a valid token", code)
        return TransientDeliveryError(reason, retry_after=300.0)
    if error.status == 429 or code in RATE_LIMITED:
        return TransientDeliveryError(reason, retry_after=error.retry_after or RATE_WAIT)
    if error.status == 0 or error.status >= 500 or code in TEMPORARY:
        return TransientDeliveryError(reason, retry_after=error.retry_after)
    if code in OUTSIDE_WINDOW:
        return TransientDeliveryError(reason, retry_after=3600.0)
    if code in UNREACHABLE or any(word in error.message.lower() for word in BLOCKED_WORDS):
        return PermanentDeliveryError(reason, unreachable=True)
    return PermanentDeliveryError(reason)

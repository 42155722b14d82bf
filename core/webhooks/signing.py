"""The signature scheme (Stripe's): ``X-Consultoria-Signature: t=<unix>,v1=<hex>[,v1=<hex>]``.

``v1`` is the hex HMAC-SHA256, keyed with the endpoint's secret, of ``"<t>.<body>"`` (the body's
exact bytes). During a rotation's grace period the previous secret signs too: two ``v1`` values,
the receiver accepts the request when any one matches a secret it knows.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence

SIGNATURE_HEADER = "X-Consultoria-Signature"
EVENT_ID_HEADER = "X-Consultoria-Event-Id"
EVENT_HEADER = "X-Consultoria-Event"
DEFAULT_TOLERANCE = 300
"""Seconds a receiver should accept between the signature's ``t`` and its own clock."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``"<timestamp>.<body>"`` with ``secret``."""
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_header(secrets: Sequence[str], timestamp: int, body: bytes) -> str:
    """The header value: ``t=<timestamp>`` then one ``v1=`` per secret (current first)."""
    parts = [f"t={timestamp}", *(f"v1={signature(s, timestamp, body)}" for s in secrets)]
    return ",".join(parts)


def verify_signature(
    header: str, body: bytes, secret: str, now: int, tolerance: int = DEFAULT_TOLERANCE
) -> bool:
    """Whether ``header`` signs ``body`` with ``secret`` at a time within ``tolerance`` of now."""
    timestamp: int | None = None
    candidates: list[str] = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)

"""Delivers outbox rows of the ``webhook`` channel: a signed JSON POST to the endpoint's URL.

The body is the envelope as compact JSON; the headers name the event and its id and carry the
signature over ``"<t>.<body>"`` (``core.webhooks.signing``), made at each attempt with the
endpoint's secrets of that moment. Redirects are not followed; at most ``BODY_CAP`` bytes of the
answer are read. 2xx: delivered (the status is the row's reference). 408, 429, 5xx, refused or
dropped connections and timeouts: transient (``Retry-After`` honoured). Any other answer, and an
endpoint removed or disabled: permanent. Secrets and bodies are never logged.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import aiohttp

from core.clock import Clock
from core.db import Database
from core.outbox import Delivery, PermanentDeliveryError, TransientDeliveryError
from core.webhooks import (
    EVENT_HEADER,
    EVENT_ID_HEADER,
    SIGNATURE_HEADER,
    delivery_target,
    signature_header,
)

logger = logging.getLogger(__name__)

BODY_CAP = 1024
MAX_RETRY_AFTER = 3600.0
TRANSIENT_STATUSES = frozenset({408, 425, 429})
USER_AGENT = "Consultoria-Webhooks/1"


class WebhookSender:
    """A ``core.outbox.sender.Sender`` for the ``webhook`` channel (see the module docstring)."""

    def __init__(self, db: Database, clock: Clock, *, timeout: float = 10.0) -> None:
        self.db = db
        self.clock = clock
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def open(self) -> None:
        """Start the HTTP session (one, reused by every delivery)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                headers={"User-Agent": USER_AGENT},
            )

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def deliver(self, delivery: Delivery) -> str | None:
        """POST the row's event, signed; return the receiver's HTTP status."""
        envelope = delivery.message.extra.get("event")
        if not isinstance(envelope, dict) or not delivery.to.id.isdigit():
            raise PermanentDeliveryError("not a webhook event row")
        now = self.clock.now()
        target = await delivery_target(self.db, int(delivery.to.id), now)
        if target is None:
            raise PermanentDeliveryError("endpoint removed or disabled")
        body = json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature_header(target.secrets, int(now.timestamp()), body),
            EVENT_ID_HEADER: str(envelope.get("id", "")),
            EVENT_HEADER: str(envelope.get("type", "")),
        }
        await self.open()
        assert self._session is not None
        try:
            async with self._session.post(
                target.url, data=body, headers=headers, allow_redirects=False
            ) as response:
                await response.content.read(BODY_CAP)
                status = response.status
                retry_after = _retry_after(response.headers.get("Retry-After"), now)
        except TimeoutError as error:
            raise TransientDeliveryError(f"no answer in {self.timeout:g} s") from error
        except (aiohttp.ClientError, OSError) as error:
            raise TransientDeliveryError(f"unreachable: {type(error).__name__}") from error
        return _outcome(status, retry_after)


def _outcome(status: int, retry_after: float | None) -> str:
    """The reference of a 2xx; otherwise the error the outbox records."""
    if 200 <= status < 300:
        return str(status)
    if status in TRANSIENT_STATUSES or status >= 500:
        raise TransientDeliveryError(f"HTTP {status}", retry_after)
    raise PermanentDeliveryError(f"HTTP {status}")


def _retry_after(value: str | None, now: datetime) -> float | None:
    """``Retry-After`` in seconds (a number or an HTTP date), capped; None when absent or bad."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return min(float(text), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max((when - now).total_seconds(), 0.0), MAX_RETRY_AFTER)

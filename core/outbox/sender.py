"""The outbox dispatcher contract: claim due rows, hand each to its sender, record the result.

A sender delivers one row and returns the platform's reference (Telegram message id, Slack ts), or
raises ``TransientDeliveryError`` (retried with backoff, honouring ``retry_after``) or
``PermanentDeliveryError`` (recorded, never retried: a user who blocked the bot, a deleted channel).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from core.outbox.message import Address, OutboundMessage


@dataclass(frozen=True)
class Delivery:
    """One outbox row as a sender sees it; ``edit_ref`` is the platform reference to edit."""

    outbound_id: int
    to: Address
    message: OutboundMessage
    purpose: str | None
    edit_ref: str | None = None
    attempt: int = 1


class TransientDeliveryError(Exception):
    """The platform failed for now (429, 5xx, timeout); retry, after ``retry_after`` if given."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class PermanentDeliveryError(Exception):
    """The platform will never accept this row (blocked by the user, chat gone, bad request)."""

    def __init__(self, reason: str, *, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unreachable = unreachable


class Sender(Protocol):
    """Delivers outbox rows of one channel."""

    async def deliver(self, delivery: Delivery) -> str | None:
        """Send ``delivery``; return the platform reference of the posted or edited message."""
        ...

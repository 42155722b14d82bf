"""Telegram errors -> the outbox's transient / permanent delivery errors."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from core.outbox import PermanentDeliveryError, TransientDeliveryError

_GONE = ("chat not found", "user is deactivated", "peer_id_invalid", "user not found")


def retry_seconds(error: RetryAfter) -> float:
    """The ``retry_after`` of a 429 in seconds (PTB 22 gives an int or a timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def is_not_modified(error: TelegramError) -> bool:
    """An edit that changed nothing: Telegram's "message is not modified" (counts as success)."""
    return isinstance(error, BadRequest) and "message is not modified" in error.message.lower()


def is_lost_message(error: TelegramError) -> bool:
    """An edit whose message is gone or too old to edit (post a new one instead)."""
    text = error.message.lower()
    return isinstance(error, BadRequest) and (
        "message to edit not found" in text or "message can't be edited" in text
    )


def delivery_error(error: TelegramError) -> TransientDeliveryError | PermanentDeliveryError:
    """Classify a failed Bot API call for the outbox dispatcher."""
    if isinstance(error, RetryAfter):
        return TransientDeliveryError(f"telegram 429: {error.message}", retry_seconds(error))
    if isinstance(error, Forbidden):
        return PermanentDeliveryError(f"telegram 403: {error.message}", unreachable=True)
    if isinstance(error, BadRequest):
        gone = any(marker in error.message.lower() for marker in _GONE)
        return PermanentDeliveryError(f"telegram 400: {error.message}", unreachable=gone)
    if isinstance(error, NetworkError):  # timeouts, connection errors, 5xx
        return TransientDeliveryError(f"telegram network: {error.message}")
    return TransientDeliveryError(f"telegram: {type(error).__name__}: {error.message}")

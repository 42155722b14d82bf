"""What became of a client's (or a staff member's) inbound action, for the channels to render.

One place decides it for every channel: the action ran (``DONE``); a business rule refused it
(``REFUSED``, with the reason in the person's language); the button belonged to a state that is
gone (``EXPIRED``: "esta opção expirou" plus the reason, and the channel shows where the person
stands now); or something unexpected broke (``FAILED``: logged with its traceback, and the
person gets an apology, never a trace).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from enum import StrEnum

from core.client.routes import MalformedAction, parse_action
from core.client.spent import close_pressed
from core.context import Core
from core.errors import BusinessError
from core.messages import channel_key, t
from core.outbox import Address

logger = logging.getLogger(__name__)

STALE_KEYS = frozenset(
    {
        "queue.not_in_queue",
        "queue.not_yours",
        "sessions.not_found",
        "sessions.already_ended",
        "sessions.rating.not_ended",
        "booking.unknown_client",
        "sessions.client_end.already_ended",
    }
)
"""Refusals that mean "this button belongs to a state that is gone" (besides ``*expired``)."""


def is_stale(error: BusinessError) -> bool:
    """Whether a refusal means the pressed button is out of date."""
    return "expired" in error.key or error.key in STALE_KEYS


class Result(StrEnum):
    """How an inbound action ended."""

    DONE = "done"
    REFUSED = "refused"
    EXPIRED = "expired"
    FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    """How an action ended and what to tell the person (None when there is nothing to say)."""

    result: Result
    notice: str | None = None
    key: str | None = None
    """The refusal's message key (for a channel that offers a next step for one)."""

    @property
    def done(self) -> bool:
        """True when the action went through."""
        return self.result is Result.DONE


def expired(
    language: str,
    reason: str | None = None,
    *,
    channel: str | None = None,
    says_expired: bool = False,
) -> Outcome:
    """A button that belongs to a state that is gone (with the refusal's reason, if any), in
    ``channel``'s words; a reason that ``says_expired`` already stands alone (said once)."""
    if reason is not None and says_expired:
        return Outcome(Result.EXPIRED, reason)
    notice = t(channel_key("intake.expired", channel), language)
    if reason is not None and reason != notice:
        notice = f"{notice}\n{reason}"
    return Outcome(Result.EXPIRED, notice)


async def outcome_of(call: Awaitable[object], language: str, what: str) -> Outcome:
    """Await one core call; ``what`` names it in the log (an action id, a command, a form)."""
    try:
        await call
    except BusinessError as error:
        logger.info("%s refused: %s", what, error.key)
        return Outcome(Result.REFUSED, error.render(language), error.key)
    except Exception:
        logger.exception("%s failed", what)
        return Outcome(Result.FAILED, t("error.unexpected", language))
    return Outcome(Result.DONE)


async def press(
    core: Core,
    address: Address,
    action: str,
    *,
    language: str,
    inbound: tuple[str, str],
    message_ref: str | None = None,
) -> Outcome:
    """A client's button: its arguments parsed and bounded first, then its route run."""
    try:
        route, click = parse_action(core, address, action, inbound=inbound, message_ref=message_ref)
    except MalformedAction:
        logger.info("malformed action %r from %s", action[:80], address.channel)
        return expired(language, channel=address.channel)
    try:
        await route.call(core, click)
    except BusinessError as error:
        logger.info("action %r refused: %s", action, error.key)
        reason = error.render(language, address.channel)
        if is_stale(error):
            if message_ref is not None:
                await _close_pressed(core, address, message_ref)
            said = "expired" in error.key
            return expired(language, reason, channel=address.channel, says_expired=said)
        return Outcome(Result.REFUSED, reason, error.key)
    except Exception:
        logger.exception("action %r from %s failed", action, address.channel)
        return Outcome(Result.FAILED, t("error.unexpected", language))
    return Outcome(Result.DONE)


async def _close_pressed(core: Core, address: Address, message_ref: str) -> None:
    """The pressed question loses its buttons; a failure here never hides the answer."""
    try:
        await close_pressed(core, address, message_ref)
    except Exception:
        logger.exception("could not take the buttons off message %s", message_ref[:64])

"""The WhatsApp webhook on the bot's HTTP server: Meta's handshake, signed notifications.

- ``GET <path>?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...``: the challenge as
  ``text/plain`` when the verify token matches (compared in constant time), 403 otherwise.
- ``POST <path>``: the body (at most ``MAX_BODY`` bytes) must carry ``X-Hub-Signature-256:
  sha256=<hex HMAC-SHA256(app secret, raw body)>``, compared in constant time; a missing or wrong
  one is 401 and nothing happens. The body is then parsed (pydantic models of the documented
  payload; a malformed one is 400) and each message and status handed over; the core commits each
  message's effect with its inbound key before the 200 (a few milliseconds: the sending happens
  after the commit, in the outbox dispatcher), so a 200 means "acted on" and a failure makes Meta
  deliver again, which the inbound key turns into one effect.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from pydantic import ValidationError

from adapters.whatsapp.payload import Notification, Status, WaMessage

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Hub-Signature-256"
MAX_BODY = 1024 * 1024
"""Meta's notifications are a few kilobytes; anything much larger is refused unread."""

OnMessage = Callable[[WaMessage, str | None], Awaitable[None]]
OnStatus = Callable[[Status], Awaitable[None]]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def signature(app_secret: str, body: bytes) -> str:
    """``sha256=<hex>``: the header Meta sends with ``body``."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


def verify_handler(verify_token: str) -> Handler:
    """The GET handshake Meta makes when the webhook URL is saved."""

    async def verify(request: web.Request) -> web.Response:
        """Echo ``hub.challenge`` when the mode and the verify token are right."""
        query = request.query
        given = query.get("hub.verify_token", "")
        challenge = query.get("hub.challenge", "")
        right = hmac.compare_digest(given.encode(), verify_token.encode())
        if query.get("hub.mode") != "subscribe" or not right or not 0 < len(challenge) <= 256:
            logger.warning("whatsapp webhook: handshake refused")
            return web.Response(status=403, text="forbidden")
        return web.Response(text=challenge, content_type="text/plain")

    return verify


def notification_handler(
    app_secret: str, on_message: OnMessage, on_status: OnStatus, phone_number_id: str = ""
) -> Handler:
    """The POST of notifications: signature, parse, then each message and status (changes of
    another number of the same app, when ``phone_number_id`` is given, are skipped)."""

    async def receive(request: web.Request) -> web.Response:
        """Check the size and the signature, parse, hand over; 200 once handled."""
        if request.content_length is not None and request.content_length > MAX_BODY:
            return web.Response(status=413, text="too large")
        body = await request.content.read(MAX_BODY + 1)
        if len(body) > MAX_BODY:
            return web.Response(status=413, text="too large")
        given = request.headers.get(SIGNATURE_HEADER, "")
        if not hmac.compare_digest(given.encode(), signature(app_secret, body).encode()):
            logger.warning("whatsapp webhook: missing or wrong signature refused")
            return web.Response(status=401, text="unauthorized")
        try:
            notification = Notification.model_validate_json(body)
        except ValidationError:
            logger.warning("whatsapp webhook: malformed notification refused")
            return web.Response(status=400, text="bad notification")
        if notification.object != "whatsapp_business_account":
            return web.Response(text="ignored")
        for entry in notification.entry:
            for change in entry.changes:
                value = change.value
                number = value.metadata.phone_number_id if value.metadata else ""
                if phone_number_id and number and number != phone_number_id:
                    logger.info("whatsapp webhook: a change of another number skipped")
                    continue
                names = {c.wa_id: c.profile.name if c.profile else None for c in value.contacts}
                for message in value.messages:
                    await on_message(message, names.get(message.sender))
                for status in value.statuses:
                    await on_status(status)
        return web.Response(text="ok")

    return receive


def mount(
    app: web.Application,
    path: str,
    *,
    verify_token: str,
    app_secret: str,
    on_message: OnMessage,
    on_status: OnStatus,
    phone_number_id: str = "",
) -> None:
    """Add the GET handshake and the POST of notifications at ``path``."""
    app.router.add_get(path, verify_handler(verify_token))
    receive = notification_handler(app_secret, on_message, on_status, phone_number_id)
    app.router.add_post(path, receive)

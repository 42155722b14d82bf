"""Delivers Slack outbox rows: post, edit, ephemeral, files from other channels; maps failures.

- a new message: ``chat.postMessage`` to the channel (a user id posts a direct message), in
  ``thread_ts`` when the address has a thread; ``extra.broadcast`` -> ``reply_broadcast``;
- ``edit_ref``: ``chat.update`` of that ``ts`` (a direct message's channel is opened first);
- ``ephemeral_to``: ``chat.postEphemeral`` to that user where the address points;
- attachments of another channel: bytes from ``file_sources[channel]``, ``files_upload_v2``
  into the channel/thread, before the text (a retry then never repeats the text).

Returns the posted (or edited) ``ts``. The client's rate-limit handler waits out short 429s; if it
gives up, the 429 becomes ``TransientDeliveryError(retry_after=Retry-After)`` and the dispatcher
waits. 5xx and network failures are transient; a gone channel or a bad token is permanent.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import render
from core.files import FileSource
from core.outbox import (
    Attachment,
    Delivery,
    OutboundMessage,
    PermanentDeliveryError,
    TransientDeliveryError,
)

logger = logging.getLogger(__name__)

INVITE_FINE = frozenset({"already_in_channel", "cant_invite_self"})
"""``conversations.invite`` answers that mean the people are already where they should be."""

PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "user_not_found",
        "user_not_in_channel",
        "msg_too_long",
        "no_text",
        "invalid_blocks",
        "cant_update_message",
        "message_not_found",
        "edit_window_closed",
        "restricted_action",
        "missing_scope",
    }
)
"""Errors that no retry will fix."""

UNREACHABLE_ERRORS = frozenset({"channel_not_found", "is_archived", "user_not_found"})
TRANSIENT_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)


def _is_user(address_id: str) -> bool:
    return address_id[:1] in ("U", "W")


def _header(headers: Any, name: str) -> str | None:
    if not headers:
        return None
    for key, value in dict(headers).items():
        if str(key).lower() == name.lower():
            return str(value[0] if isinstance(value, list) else value)
    return None


def translate(error: SlackApiError) -> TransientDeliveryError | PermanentDeliveryError:
    """A Web API error as the dispatcher's transient or permanent failure."""
    response = error.response
    data = response.data if isinstance(response.data, dict) else {}
    code = str(data.get("error") or "")
    status = int(response.status_code)
    if status == 429 or code == "ratelimited":
        retry = _header(response.headers, "Retry-After")
        wait = float(retry) if retry and retry.replace(".", "", 1).isdigit() else None
        return TransientDeliveryError(f"slack 429 ({code or 'ratelimited'})", wait)
    if status >= 500 or code in TRANSIENT_ERRORS:
        return TransientDeliveryError(f"slack HTTP {status}: {code}")
    if code in PERMANENT_ERRORS or 400 <= status < 500:
        return PermanentDeliveryError(
            f"slack: {code or status}", unreachable=code in UNREACHABLE_ERRORS
        )
    return PermanentDeliveryError(f"slack: {code or 'unknown error'}")


class SlackSender:
    """The Slack ``core.outbox.sender.Sender``."""

    def __init__(
        self, client: AsyncWebClient, file_sources: Mapping[str, FileSource] | None = None
    ) -> None:
        self.client = client
        self.file_sources: Mapping[str, FileSource] = file_sources or {}
        # Files of an outbox row already uploaded in this process, so that a retry after the
        # text failed does not upload them again (across a crash the outbox is at-least-once).
        self._uploaded: dict[int, set[int]] = {}
        self._session: aiohttp.ClientSession | None = None

    async def open(self) -> None:
        """Keep one HTTP session for the deliveries until :meth:`close` (kept-alive connections).

        Without it the Slack client opens a new session, so a new connection (and TLS
        handshake), for every call. The outbox dispatcher's loop opens and closes it; calls
        outside (a final flush) go back to a session per call.
        """
        if self._session is None and (self.client.session is None or self.client.session.closed):
            timeout = aiohttp.ClientTimeout(total=self.client.timeout)
            self._session = aiohttp.ClientSession(timeout=timeout)
            self.client.session = self._session

    async def close(self) -> None:
        """Close the session of :meth:`open` (if any)."""
        if self._session is not None:
            session, self._session = self._session, None
            if self.client.session is session:
                self.client.session = None
            await session.close()

    async def deliver(self, delivery: Delivery) -> str | None:
        """Send ``delivery``; return the message ``ts`` (or the ephemeral's ``message_ts``)."""
        try:
            return await self._deliver(delivery)
        except SlackApiError as error:
            raise translate(error) from error
        except (TimeoutError, aiohttp.ClientError, SlackRequestError, OSError) as error:
            raise TransientDeliveryError(f"slack network: {error!r}") from error

    async def _deliver(self, delivery: Delivery) -> str | None:
        message, to = delivery.message, delivery.to
        text, blocks = render(message)
        if message.extra.get("mention") == "here":
            text = f"<!here> {text}"
            blocks.insert(0, {"type": "section", "text": {"type": "mrkdwn", "text": "<!here>"}})
        if delivery.edit_ref is not None:
            channel = await self._conversation(to.id)
            await self.client.chat_update(
                channel=channel, ts=delivery.edit_ref, text=text, blocks=blocks
            )
            return delivery.edit_ref
        if message.ephemeral_to:
            response = await self.client.chat_postEphemeral(
                channel=to.id,
                user=message.ephemeral_to,
                text=text,
                blocks=blocks,
                thread_ts=to.thread,
            )
            return str(response.get("message_ts") or "") or None
        await self._invite(to.id, message.extra.get("invite"))
        await self._upload(delivery.outbound_id, message, to.id, to.thread)
        kwargs: dict[str, Any] = {}
        if to.thread and message.extra.get("broadcast"):
            kwargs["reply_broadcast"] = True
        response = await self.client.chat_postMessage(
            channel=to.id, text=text, blocks=blocks, thread_ts=to.thread, **kwargs
        )
        self._uploaded.pop(delivery.outbound_id, None)
        return str(response["ts"])

    async def _invite(self, channel: str, users: object) -> None:
        """Add ``users`` to ``channel`` before a post that brings them into its thread.

        Someone already there (or the bot itself) is fine; any other refusal (a missing
        ``channels:manage``/``groups:write`` scope, a direct message) is logged and the post goes
        on: the mention still notifies them. Rate limits and network errors retry the row.
        """
        if not isinstance(users, list) or not users or channel[:1] not in ("C", "G"):
            return
        try:
            await self.client.conversations_invite(channel=channel, users=",".join(map(str, users)))
        except SlackApiError as error:
            code = str(error.response.get("error", ""))
            if code in INVITE_FINE:
                return
            if error.response.status_code == 429 or error.response.status_code >= 500:
                raise
            logger.warning("slack: could not invite %s to %s: %s", users, channel, code)

    async def _conversation(self, address_id: str) -> str:
        """The channel id to edit in: a user's DM channel is looked up (``conversations.open``)."""
        if not _is_user(address_id):
            return address_id
        response = await self.client.conversations_open(users=address_id)
        return str(response["channel"]["id"])

    async def _upload(
        self, outbound_id: int, message: OutboundMessage, channel: str, thread: str | None
    ) -> None:
        done = self._uploaded.setdefault(outbound_id, set())
        for index, attachment in enumerate(message.attachments):
            if index in done:
                continue
            source = self.file_sources.get(attachment.channel)
            if source is None:
                logger.warning("no file source for %s: file not relayed", attachment.channel)
                continue
            content = await source.fetch(attachment)
            await self.client.files_upload_v2(
                channel=channel if not _is_user(channel) else await self._conversation(channel),
                thread_ts=thread,
                content=content.data,
                filename=content.name,
                title=content.name,
            )
            done.add(index)
            logger.debug("relayed %s", _describe(attachment))


def _describe(attachment: Attachment) -> str:
    return f"{attachment.kind} from {attachment.channel} ({attachment.name or 'unnamed'})"

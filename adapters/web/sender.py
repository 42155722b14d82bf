"""Delivers outbox rows of the ``web`` channel: one ``web_message`` row each, then wakes pages.

Idempotent per outbox row: ``outbound_id`` is unique, so a retried delivery returns the row
already written. An edit is a new row whose ``replaces_id`` is the edited card's row; an
ephemeral message (``ephemeral_to``) goes to that staff member's own address.

Files: a web file (``Attachment(channel="web")``) is shown as is. Another channel's file (a
consultant's Slack upload, a Telegram photo) is fetched through ``file_sources`` and kept among the
web files, so the page can show it; when it cannot be fetched for good (no source, gone, too
large) the message still goes, showing the file's name only. A transient failure retries the row.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace

from adapters.web.files import MAX_RELAYED_BYTES, WebFiles, safe_name
from adapters.web.hub import Hub
from adapters.web.render import is_file_id
from core.clock import Clock
from core.db import Database
from core.files import FileSource
from core.models import WebMessage
from core.outbox import Attachment, Delivery, PermanentDeliveryError
from core.webchat import delivered_message_id, store_delivery

logger = logging.getLogger(__name__)

ADDRESS_MAX = 64


class WebSender:
    """A ``core.outbox.sender.Sender`` for the web channel (see the module docstring)."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        hub: Hub,
        *,
        files: WebFiles | None = None,
        file_sources: Mapping[str, FileSource] | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.hub = hub
        self.files = files
        self.file_sources: Mapping[str, FileSource] = file_sources or {}

    async def deliver(self, delivery: Delivery) -> str | None:
        """Store the message for its address; return the row id (the message's reference)."""
        message = delivery.message
        address = message.ephemeral_to or delivery.to.id
        if not address or len(address) > ADDRESS_MAX:
            raise PermanentDeliveryError(f"bad web address {address!r}")
        if delivery.attempt > 1:  # a retry may follow a stored row whose outcome was not recorded
            existing = await self._existing(delivery.outbound_id)
            if existing is not None:
                return existing
        replaces = _replaced_id(delivery.edit_ref)
        attachments, kept = await self._files(message.attachments)
        message = replace(message, attachments=attachments)
        payload = message.to_payload() | {"purpose": delivery.purpose, "edit_of": delivery.edit_ref}
        row = WebMessage(
            address=address,
            thread=delivery.to.thread,
            outbound_id=delivery.outbound_id,
            replaces_id=replaces,
            payload=payload,
            created_at=self.clock.now(),
        )
        # a conflict is a repeated delivery: the earlier row stands, the files kept now go
        stored = await store_delivery(self.db, row, on_conflict=lambda: self._forget(kept))
        if stored.new:
            self.hub.notify(address, stored.id)
        return str(stored.id)

    async def _files(
        self, attachments: tuple[Attachment, ...]
    ) -> tuple[tuple[Attachment, ...], list[str]]:
        """The attachments as the page can show them, and the ids of the files kept now."""
        shown: list[Attachment] = []
        kept: list[str] = []
        for attachment in attachments:
            if attachment.channel == "web" and is_file_id(attachment.ref):
                shown.append(attachment)
                continue
            fetched = await self._keep(attachment)
            if fetched is not None:
                kept.append(fetched.ref)
            shown.append(fetched or attachment)
        return tuple(shown), kept

    async def _keep(self, attachment: Attachment) -> Attachment | None:
        """Another channel's file fetched and kept as a web file; None when it cannot be."""
        source = self.file_sources.get(attachment.channel)
        if source is None or self.files is None:
            logger.info("no file source for %s: the name only is shown", attachment.channel)
            return None
        try:
            content = await source.fetch(attachment)
        except PermanentDeliveryError as error:
            logger.warning("file from %s not fetched (%s): name only", attachment.channel, error)
            return None
        if len(content.data) > MAX_RELAYED_BYTES:
            logger.warning("file from %s too large to keep: name only", attachment.channel)
            return None
        mime = content.mime_type or attachment.mime_type or "application/octet-stream"
        name = safe_name(content.name or attachment.name)
        stored = await self.files.save(content.data, name, mime, attachment.kind)
        return Attachment(attachment.kind, "web", stored.id, stored.name, stored.mime_type)

    async def _forget(self, kept: list[str]) -> None:
        """Forget the files kept for a delivery whose row was stored before."""
        if self.files is not None and kept:
            await self.files.forget(kept)

    async def _existing(self, outbound_id: int) -> str | None:
        found = await delivered_message_id(self.db, outbound_id)
        return str(found) if found is not None else None


def _replaced_id(edit_ref: str | None) -> int | None:
    if edit_ref is None:
        return None
    try:
        return int(edit_ref)
    except ValueError as error:
        raise PermanentDeliveryError(f"not a web message reference: {edit_ref!r}") from error

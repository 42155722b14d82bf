"""The WhatsApp sender: delivers outbox rows through the Cloud API.

- Text with ``*bold*``; choices as reply buttons or a list message (``render``) on the text's
  last part; then the files, uploaded (``POST /<phone-id>/media``) and sent by media id (a file
  of another channel is fetched through that channel's FileSource). The row's reference is the
  text's last part (the first file's when there is no text).
- No edits on WhatsApp: an edit of the queue position card is a new position message at most once
  per ``queue_interval`` seconds per client, counted in the database (``throttle``: every process
  and a restart share it; the newest state wins: an edit skipped inside the interval is simply
  not sent); an edit that answers the client's own press (the rating taken,
  the recap sent) is a new message; any other edit (closing a menu, an offer) is not sent (a
  press on the old buttons gets "expired" and the current state). The edit's reference stays
  the original's.
- The 24-hour window: outside it, a booking reminder, a next-opening notice or a session summary
  goes as its configured template; everything else (or one with no template set) is held:
  recorded as failed with the reason ``records.HELD``, so the chat's later rows (a reminder's
  template) are not stuck behind it, until the client's next message sends it again.
- The row's platform reference is the keyed hash of the ``wamid`` (``records.keyed_hash``: a
  ``wamid`` encodes the number), which status callbacks are matched by.
- Errors: ``errors.delivery_error``. Rows of several messages remember, in this process, the
  parts already sent, so a retry does not send them again.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from adapters.whatsapp import records, throttle
from adapters.whatsapp.config import WhatsAppConfig
from adapters.whatsapp.errors import OUTSIDE_WINDOW, delivery_error
from adapters.whatsapp.graph import GraphClient, GraphError
from adapters.whatsapp.render import bodies, template_body, text_body, text_of
from core.calendar import CALENDAR_DOCUMENT
from core.clock import Clock
from core.db import Database
from core.files import FileSources
from core.messages import normalise_language
from core.outbox import Attachment, Delivery, PermanentDeliveryError

logger = logging.getLogger(__name__)

QUEUE_CARD = "queue_card"
BOOKING_NOTICE = "booking_notice"
BOOKING = frozenset({"booking_reminder", BOOKING_NOTICE})
UPLOAD_AS = {"text/calendar": "text/plain"}
"""Types the Cloud API does not take as documents, uploaded as one it takes (the file keeps its
name, ``.ics``, which the phone's calendar opens)."""
KEEP_PLACE = "keep:"


def template_field(delivery: Delivery) -> str | None:
    """Which template carries ``delivery`` outside the window (None: it waits for the client).

    A booking notice with its calendar invite (the ``booking`` template: the .ics as its DOCUMENT
    header; the reminder one, text only, when no booking template is set), a booking reminder or
    another booking notice (booked, moved, cancelled by the staff: their purposes), the
    closing notice that says when the service opens again
    (it offers to keep the place: a ``keep:`` choice) and the billed session summary (it carries
    the receipt in its ``extra``).
    """
    message = delivery.message
    if delivery.purpose == BOOKING_NOTICE and any(
        attachment.channel == CALENDAR_DOCUMENT for attachment in message.attachments
    ):
        return "booking"
    if delivery.purpose in BOOKING:
        return "reminder"
    if any(choice.action.startswith(KEEP_PLACE) for choice in message.choices):
        return "opening"
    if "receipt" in message.extra:
        return "summary"
    return None


EDITS_SENT = frozenset({"rating_request", "recap_offer"})
"""Edits that answer the client's own press (the rating taken, the recap sent): a new message."""

_MEDIA_TYPES = {"photo": "image", "document": "document", "voice": "audio", "video": "video"}


SUPPORTED = {
    "image": ("image/jpeg", "image/png"),
    "audio": ("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"),
    "video": ("video/mp4", "video/3gpp"),
}
"""The Cloud API's media types per message type; anything else goes as a document."""


def media_kind(kind: str, mime_type: str | None) -> str:
    """``kind`` when WhatsApp takes ``mime_type`` as such, else ``document``."""
    base = (mime_type or "").split(";")[0].strip().lower()
    if kind in SUPPORTED and base not in SUPPORTED[kind]:
        return "document"
    return kind


class WhatsAppSender:
    """Implements ``core.outbox.sender.Sender`` for the ``whatsapp`` channel."""

    def __init__(
        self,
        graph: GraphClient,
        db: Database,
        clock: Clock,
        file_sources: FileSources,
        *,
        language: str = "pt-BR",
    ) -> None:
        self.graph = graph
        self.config: WhatsAppConfig = graph.config
        self.db = db
        self.clock = clock
        self.file_sources = file_sources
        self.language = normalise_language(language)
        self._progress: dict[int, int] = {}

    async def deliver(self, delivery: Delivery) -> str | None:
        """Send ``delivery``; return the ``wamid`` of its main message."""
        to = delivery.to.id
        if not to.isdigit() or len(to) > 20:
            raise PermanentDeliveryError("not a WhatsApp id")
        if delivery.edit_ref is not None:
            return await self._edit(delivery)
        if not await self._in_window(to):
            return await self._outside_window(delivery)
        return await self._post(delivery)

    async def _in_window(self, to: str) -> bool:
        return await records.in_window(self.db, self.clock, to, self.config.app_secret)

    async def _post(self, delivery: Delivery) -> str:
        """The text (its choices on its last part) first, then each file: the text's id."""
        to = delivery.to.id
        message = delivery.message
        texts = bodies(to, message, delivery.outbound_id, self.language)
        if not (message.text.strip() or message.title or message.choices) and message.attachments:
            texts = []
        done = self._progress.get(delivery.outbound_id, 0)
        ref = ""
        steps = len(texts) + len(message.attachments)
        for index in range(done, steps):
            if index < len(texts):
                payload = texts[index]
            else:
                payload = await self._media_body(to, message.attachments[index - len(texts)])
            sent = await self._send(payload, delivery.outbound_id, index)
            if index == len(texts) - 1 or not texts:
                ref = ref or sent
        self._progress.pop(delivery.outbound_id, None)
        return ref

    async def _send(self, payload: dict[str, Any], row: int, index: int) -> str:
        """Send one message; the keyed hash of its ``wamid``."""
        try:
            ref = await self.graph.send(payload)
        except GraphError as error:
            if error.code in OUTSIDE_WINDOW:  # the window closed: the parts sent are kept
                raise PermanentDeliveryError(records.HELD) from error
            failure = delivery_error(error)
            if isinstance(failure, PermanentDeliveryError):
                self._progress.pop(row, None)
            raise failure from error
        self._progress[row] = index + 1
        return records.keyed_hash(ref, self.config.app_secret) if ref else ref

    async def _media_body(self, to: str, attachment: Attachment) -> dict[str, Any]:
        kind, media_id, name = await self._upload(attachment)
        media: dict[str, Any] = {"id": media_id}
        if kind == "document":
            media["filename"] = name
        return {"to": to, "type": kind, kind: media}

    async def _upload(self, attachment: Attachment) -> tuple[str, str, str]:
        """The message type, media id and file name of ``attachment`` (uploaded unless it is a
        client's own media)."""
        kind = _MEDIA_TYPES.get(attachment.kind, "document")
        name = (attachment.name or "arquivo")[:240]
        if attachment.channel == "whatsapp":
            # a client's own media id is sent again as is
            return media_kind(kind, attachment.mime_type), attachment.ref, name
        source = self.file_sources.get(attachment.channel)
        if source is None:
            raise PermanentDeliveryError(f"no file source for {attachment.channel}")
        content = await source.fetch(attachment)
        mime = (content.mime_type or "application/octet-stream").split(";")[0].strip()
        kind = media_kind(kind, mime)
        try:
            upload_as = UPLOAD_AS.get(mime, mime)
            media_id = await self.graph.upload(content.data, content.name, upload_as)
        except GraphError as error:
            raise delivery_error(error) from error
        return kind, media_id, (attachment.name or content.name or "arquivo")[:240]

    async def _edit(self, delivery: Delivery) -> str | None:
        """No editing on WhatsApp: a queue position as a new message, at most once per interval;
        an answer to the client's press (``EDITS_SENT``) as a new message; others not sent."""
        to = delivery.to.id
        if delivery.purpose in EDITS_SENT and not delivery.message.choices:
            if await self._in_window(to):
                await self._send(text_body(to, text_of(delivery.message)[:4096]), -1, 0)
                self._progress.pop(-1, None)
            return delivery.edit_ref
        if delivery.purpose != QUEUE_CARD or delivery.message.choices:
            return delivery.edit_ref
        if not await self._in_window(to):
            return delivery.edit_ref
        key = records.keyed_hash(to, self.config.app_secret)
        interval = timedelta(seconds=self.config.queue_interval_seconds)
        if not await throttle.claim(self.db, self.clock, throttle.POSITION, key, interval):
            return delivery.edit_ref
        text = text_of(delivery.message)
        try:
            await self._send({"to": to, "type": "text", "text": {"body": text[:4096]}}, -1, 0)
        except Exception:
            await throttle.release(self.db, self.clock, throttle.POSITION, key)
            raise
        finally:
            self._progress.pop(-1, None)
        return delivery.edit_ref

    async def _nudge(self, to: str) -> None:
        """The nudge template (if set), at most once a day per client: its answer reopens the
        window and releases the held rows. A failure only leaves the row held. Counted in the
        database: another process or a restart does not nudge again that day."""
        name = self.config.templates.nudge
        if not name:
            return
        key = records.keyed_hash(to, self.config.app_secret)
        if not await throttle.claim(self.db, self.clock, throttle.NUDGE, key, records.WINDOW):
            return
        body = template_body(to, name, self.config.templates.language, "")
        body["template"].pop("components")
        try:
            await self.graph.send(body)
        except GraphError as error:
            logger.warning("whatsapp nudge not sent: %s", error)

    async def _outside_window(self, delivery: Delivery) -> str:
        """The row as its template (a booking notice's .ics as the DOCUMENT header, the opening
        notice's choices as quick-reply payloads), or held."""
        templates = self.config.templates
        field = template_field(delivery)
        name = str(getattr(templates, field)) if field else ""
        if field == "booking" and not name:
            field, name = "reminder", templates.reminder
        if not name:
            await self._nudge(delivery.to.id)
            raise PermanentDeliveryError(records.HELD)
        message = delivery.message
        document: dict[str, str] | None = None
        if field == "booking":
            invite = next(a for a in message.attachments if a.channel == CALENDAR_DOCUMENT)
            _, media_id, filename = await self._upload(invite)
            document = {"id": media_id, "filename": filename}
        payloads = tuple(c.action for c in message.choices) if field == "opening" else ()
        payload = template_body(
            delivery.to.id,
            name,
            templates.language,
            text_of(message),
            document=document,
            payloads=payloads,
        )
        return await self._send(payload, delivery.outbound_id, 0)

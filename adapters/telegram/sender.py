"""The Telegram sender: delivers outbox rows to private chats through the Bot API.

- Texts over 4096 characters go as several messages split on line boundaries; the buttons ride on
  the last part, and the returned reference is the **last part's** message id: that is the
  message an edit must target (it holds the keyboard). A card that is edited later is short.
- Edits use ``editMessageText``; "message is not modified" counts as success; an edit whose
  message is gone is posted as a new message.
- Attachments go with ``sendPhoto`` / ``sendDocument`` / ``sendVoice`` / ``sendVideo``, after the
  text. A Telegram file id is re-sent as is; a file from another channel is fetched through that
  channel's FileSource.
- Errors: 429 -> TransientDeliveryError(retry_after); network errors, timeouts, 5xx ->
  transient; 403 (blocked) -> PermanentDeliveryError(unreachable=True); "chat not found" ->
  permanent (unreachable). The parts already sent of a row are remembered in this process, so a
  retry after a failure half-way does not send them again.
- Pacing: PTB's AIORateLimiter (given to the Application) for ~30/s overall and groups, plus
  :class:`ChatPacer` for ~1/s per chat.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import TelegramError

from adapters.telegram.errors import delivery_error, is_lost_message, is_not_modified
from adapters.telegram.pacing import ChatPacer
from adapters.telegram.render import render, render_edit
from core.files import FileSources
from core.outbox import Attachment, Delivery, PermanentDeliveryError

logger = logging.getLogger(__name__)


class TelegramSender:
    """Implements ``core.outbox.sender.Sender`` for the ``telegram`` channel."""

    def __init__(self, bot: Bot, file_sources: FileSources, *, chat_interval: float = 1.0) -> None:
        self.bot = bot
        self.file_sources = file_sources
        self.pacer = ChatPacer(chat_interval)
        self._progress: dict[int, list[int]] = {}

    async def deliver(self, delivery: Delivery) -> str | None:
        """Send or edit ``delivery``; return the message id an edit of it must target."""
        try:
            chat_id = int(delivery.to.id)
        except ValueError as error:
            raise PermanentDeliveryError(f"not a Telegram chat id: {delivery.to.id!r}") from error
        try:
            if delivery.edit_ref is not None:
                return await self._edit(chat_id, delivery)
            ref = await self._post(chat_id, delivery)
        except TelegramError as error:
            failure = delivery_error(error)
            if isinstance(failure, PermanentDeliveryError):
                self._progress.pop(delivery.outbound_id, None)
            raise failure from error
        self._progress.pop(delivery.outbound_id, None)
        return ref

    async def _call(self, chat_id: int, send: Callable[[], Awaitable[Any]]) -> Any:
        async with self.pacer.turn(str(chat_id)):
            return await send()

    async def _edit(self, chat_id: int, delivery: Delivery) -> str | None:
        assert delivery.edit_ref is not None
        rendered = render(delivery.message)
        try:
            await self._call(
                chat_id,
                lambda: self.bot.edit_message_text(
                    render_edit(delivery.message),
                    chat_id=chat_id,
                    message_id=int(delivery.edit_ref or 0),
                    parse_mode=ParseMode.HTML,
                    reply_markup=rendered.keyboard,
                ),
            )
        except TelegramError as error:
            if is_not_modified(error):
                return delivery.edit_ref
            if not is_lost_message(error):
                raise
            logger.info("message %s gone; posting the edit anew", delivery.edit_ref)
            return await self._post(chat_id, delivery)
        return delivery.edit_ref

    async def _post(self, chat_id: int, delivery: Delivery) -> str | None:
        """Send the text parts, then the files; skip what an earlier attempt already sent."""
        sent = self._progress.setdefault(delivery.outbound_id, [])
        rendered = render(delivery.message)
        steps: list[Callable[[], Awaitable[Message]]] = []
        has_text = bool(delivery.message.text.strip() or delivery.message.title)
        if has_text or not delivery.message.attachments:
            last = len(rendered.parts) - 1
            for index, part in enumerate(rendered.parts):
                markup = rendered.keyboard if index == last else None
                steps.append(self._text_step(chat_id, part, markup))
        for attachment in delivery.message.attachments:
            steps.append(self._file_step(chat_id, attachment))
        for step in steps[len(sent) :]:
            message = await self._call(chat_id, step)
            sent.append(message.message_id)
        text_ids = sent[: len(rendered.parts)] if has_text else sent
        return str(text_ids[-1]) if text_ids else None

    def _text_step(self, chat_id: int, text: str, markup: Any) -> Callable[[], Awaitable[Message]]:
        return lambda: self.bot.send_message(
            chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
        )

    def _file_step(self, chat_id: int, attachment: Attachment) -> Callable[[], Awaitable[Message]]:
        async def step() -> Message:
            payload = await self._file_payload(attachment)
            if attachment.kind == "photo":
                return await self.bot.send_photo(chat_id, payload)
            if attachment.kind == "voice":
                return await self.bot.send_voice(chat_id, payload)
            if attachment.kind == "video":
                return await self.bot.send_video(chat_id, payload)
            return await self.bot.send_document(chat_id, payload)

        return step

    async def _file_payload(self, attachment: Attachment) -> str | InputFile:
        """A Telegram file id as is; another channel's file fetched through its source."""
        if attachment.channel == "telegram":
            return attachment.ref
        source = self.file_sources.get(attachment.channel)
        if source is None:
            raise PermanentDeliveryError(f"no file source for channel {attachment.channel!r}")
        content = await source.fetch(attachment)
        return InputFile(content.data, filename=content.name)

"""Telegram's FileSource: the bytes of a Telegram file id, for a sender of another channel."""

from __future__ import annotations

import posixpath

from telegram import Bot
from telegram.error import TelegramError

from adapters.telegram.errors import delivery_error
from core.files import FileContent
from core.outbox import Attachment

_DEFAULT_NAMES = {"photo": "foto.jpg", "voice": "audio.ogg", "video": "video.mp4"}


class TelegramFileSource:
    """Downloads Telegram files (``getFile`` then the file URL) by their file id."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def fetch(self, attachment: Attachment) -> FileContent:
        """The bytes of ``attachment`` (a Telegram file id); delivery errors on failure."""
        try:
            file = await self.bot.get_file(attachment.ref)
            data = await file.download_as_bytearray()
        except TelegramError as error:
            raise delivery_error(error) from error
        name = attachment.name or (
            posixpath.basename(file.file_path or "")
            or _DEFAULT_NAMES.get(attachment.kind, "arquivo")
        )
        return FileContent(bytes(data), name, attachment.mime_type)

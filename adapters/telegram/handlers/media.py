"""Photos, documents, voice notes and videos: ``intake.handle_text`` with attachments."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import MessageHandler, filters

from adapters.telegram.handlers.common import (
    Context,
    TelegramApplication,
    act_and_reply,
    client_input,
)
from core import intake
from core.context import Core
from core.outbox import Attachment


def attachments_of(message: Message) -> tuple[Attachment, ...]:
    """The files of a message as neutral attachments (Telegram file ids; largest photo)."""
    found: list[Attachment] = []
    if message.photo:
        found.append(Attachment("photo", "telegram", message.photo[-1].file_id, None, "image/jpeg"))
    if message.document is not None:
        doc = message.document
        found.append(Attachment("document", "telegram", doc.file_id, doc.file_name, doc.mime_type))
    if message.voice is not None:
        voice = message.voice
        found.append(Attachment("voice", "telegram", voice.file_id, None, voice.mime_type))
    if message.audio is not None:
        audio = message.audio
        name, mime = audio.file_name, audio.mime_type
        found.append(Attachment("document", "telegram", audio.file_id, name, mime))
    if message.video is not None:
        video = message.video
        found.append(Attachment("video", "telegram", video.file_id, video.file_name, None))
    if message.video_note is not None:
        found.append(Attachment("video", "telegram", message.video_note.file_id, None, None))
    return tuple(found)


FILES = (
    filters.PHOTO
    | filters.Document.ALL
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
)


def register(application: TelegramApplication, core: Core) -> None:
    """Add the handler of messages carrying files."""

    async def files(update: Update, context: Context) -> None:
        """Hand the caption and the files to the core."""
        who = client_input(update)
        message = update.message
        if who is None or message is None:
            return
        attached = attachments_of(message)
        caption = message.caption or ""
        await act_and_reply(
            update,
            context,
            who,
            lambda: intake.handle_text(
                core,
                who.address,
                caption,
                attachments=attached,
                name=who.name,
                language=who.language,
                inbound=who.inbound,
            ),
        )

    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & FILES, files))

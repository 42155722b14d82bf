"""Files relayed between channels: a sender asks the origin channel's source for the bytes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from core.outbox import Attachment


@dataclass(frozen=True)
class FileContent:
    """The bytes of a relayed file, with a name and a MIME type for the receiving platform."""

    data: bytes
    name: str
    mime_type: str | None = None


class FileSource(Protocol):
    """Fetches attachments that belong to one channel (Telegram file ids, Slack private URLs)."""

    async def fetch(self, attachment: Attachment) -> FileContent:
        """Download ``attachment``; raise TransientDeliveryError or PermanentDeliveryError."""
        ...


FileSources = Mapping[str, FileSource]
"""Channel name -> its file source, given to every sender by the composition root."""


ForgetFiles = Callable[[list[str]], Awaitable[None]]
"""Deletes a channel's stored files, given their references."""


class StoredFiles:
    """Who deletes each channel's stored files when their contents are purged or erased."""

    def __init__(self) -> None:
        self._forget: dict[str, ForgetFiles] = {}

    def forget_with(self, channel: str, forget: ForgetFiles) -> None:
        """Have ``forget`` delete ``channel``'s stored files of purged or erased contents."""
        self._forget[channel] = forget

    def forgetters(self) -> dict[str, ForgetFiles]:
        """The registered callbacks, by channel."""
        return dict(self._forget)

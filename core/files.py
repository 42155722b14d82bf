"""Files relayed between channels: a sender asks the origin channel's source for the bytes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from core.outbound import Attachment


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

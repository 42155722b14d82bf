"""Slack's file source: downloads a file's ``url_private`` with the bot token.

A client message relayed to Telegram may carry a file a consultant shared in a Slack thread; the
Telegram sender asks ``file_sources["slack"].fetch(attachment)`` for its bytes.
"""

from __future__ import annotations

import logging

import aiohttp

from core.files import FileContent
from core.outbox import Attachment, PermanentDeliveryError, TransientDeliveryError

logger = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
"""Larger files are refused (Telegram bots may not upload more than 50 MB)."""


class SlackFileSource:
    """Fetches ``Attachment(channel="slack", ref=url_private)`` with ``Authorization: Bearer``."""

    def __init__(self, token: str, *, timeout: float = 60.0) -> None:
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def fetch(self, attachment: Attachment) -> FileContent:
        """Download the file; transient on network or 5xx/429, permanent on 4xx or too large."""
        headers = {"Authorization": f"Bearer {self._token}"}
        try:
            async with (
                aiohttp.ClientSession(timeout=self._timeout) as http,
                http.get(attachment.ref, headers=headers) as response,
            ):
                if response.status == 429 or response.status >= 500:
                    retry = response.headers.get("Retry-After")
                    raise TransientDeliveryError(
                        f"slack file download: HTTP {response.status}",
                        float(retry) if retry and retry.isdigit() else None,
                    )
                if response.status != 200:
                    raise PermanentDeliveryError(f"slack file download: HTTP {response.status}")
                data = await response.content.read(MAX_BYTES + 1)
                mime = attachment.mime_type or response.content_type
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise TransientDeliveryError(f"slack file download: {error!r}") from error
        if len(data) > MAX_BYTES:
            raise PermanentDeliveryError("slack file larger than 50 MB")
        name = attachment.name or attachment.ref.rsplit("/", 1)[-1] or "arquivo"
        return FileContent(data=data, name=name, mime_type=mime)

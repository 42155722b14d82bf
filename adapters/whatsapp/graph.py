"""The few Graph API calls the adapter makes, over one reused aiohttp session.

Every call answers the decoded JSON object or raises ``GraphError`` with the HTTP status and the
Cloud API's error code (``{"error": {"code": ..., "message": ...}}``); network failures raise
``GraphError`` with status 0. The access token is sent as a bearer header and never logged.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import aiohttp

from adapters.whatsapp.config import WhatsAppConfig

logger = logging.getLogger(__name__)

TIMEOUT = aiohttp.ClientTimeout(total=30)
MAX_DOWNLOAD = 100 * 1024 * 1024
"""The Cloud API's largest media (documents: 100 MB)."""


class GraphError(Exception):
    """A refused or failed Graph call: HTTP status (0: no answer), error code and message."""

    def __init__(
        self, status: int, code: int | None, message: str, retry_after: float | None = None
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.retry_after = retry_after


class GraphClient:
    """Calls of one phone number id; ``close`` ends the shared session."""

    def __init__(self, config: WhatsAppConfig) -> None:
        self.config = config
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=TIMEOUT)
        return self._session

    @property
    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.config.access_token}"}

    async def close(self) -> None:
        """Close the HTTP session."""
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()

    async def call(
        self, method: str, url: str, *, body: Any = None, form: aiohttp.FormData | None = None
    ) -> dict[str, Any]:
        """One Graph call; the answer's JSON object, or GraphError."""
        try:
            async with self._http().request(
                method, url, json=body, data=form, headers=self._auth
            ) as response:
                raw = await response.read()
                return _answer(response.status, raw, response.headers.get("Retry-After"))
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            raise GraphError(0, None, str(error) or type(error).__name__) from error

    async def phone_number(self) -> dict[str, Any]:
        """The configured phone number (its display number): checks the token and the id."""
        url = self.config.url(self.config.phone_number_id)
        return await self.call("GET", url + "?fields=display_phone_number,verified_name")

    async def send(self, payload: dict[str, Any]) -> str:
        """POST a message; its ``wamid``."""
        body = {"messaging_product": "whatsapp", **payload}
        answer = await self.call(
            "POST", self.config.url(self.config.phone_number_id, "messages"), body=body
        )
        messages = answer.get("messages")
        if not isinstance(messages, list) or not messages or not isinstance(messages[0], dict):
            raise GraphError(200, None, "no message id in the answer")
        return str(messages[0].get("id", ""))

    async def upload(self, data: bytes, name: str, mime_type: str) -> str:
        """Upload a file for sending; its media id."""
        form = aiohttp.FormData()
        form.add_field("messaging_product", "whatsapp")
        form.add_field("type", mime_type)
        form.add_field("file", data, filename=name, content_type=mime_type)
        url = self.config.url(self.config.phone_number_id, "media")
        answer = await self.call("POST", url, form=form)
        return str(answer.get("id", ""))

    async def media(self, media_id: str) -> tuple[str, str | None]:
        """An incoming media's download URL and MIME type."""
        answer = await self.call("GET", self.config.url(media_id))
        url = answer.get("url")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise GraphError(200, None, "no media url in the answer")
        mime = answer.get("mime_type")
        return url, mime if isinstance(mime, str) else None

    async def download(self, url: str) -> bytes:
        """The bytes at a media URL (the bearer token is required there too)."""
        try:
            async with self._http().get(url, headers=self._auth) as response:
                if response.status != 200:
                    raw = await response.content.read(64 * 1024)
                    _answer(response.status, raw, response.headers.get("Retry-After"))
                length = response.content_length
                if length is not None and length > MAX_DOWNLOAD:
                    raise GraphError(413, None, "media too large")
                data = await response.content.read(MAX_DOWNLOAD + 1)
                if len(data) > MAX_DOWNLOAD:
                    raise GraphError(413, None, "media too large")
                return data
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            raise GraphError(0, None, str(error) or type(error).__name__) from error


def _answer(status: int, raw: bytes, retry_after: str | None) -> dict[str, Any]:
    """The JSON object of a 2xx answer; GraphError with the Cloud API's code otherwise."""
    try:
        loaded: Any = json.loads(raw) if raw else {}
    except ValueError:
        loaded = {}
    decoded: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
    if 200 <= status < 300 and "error" not in decoded:
        return decoded
    error = decoded.get("error")
    code: int | None = None
    message = f"HTTP {status}"
    if isinstance(error, dict):
        raw_code = error.get("code")
        code = raw_code if isinstance(raw_code, int) else None
        if isinstance(error.get("message"), str):
            message = str(error["message"])[:300]
    wait: float | None = None
    if retry_after is not None:
        try:
            wait = max(0.0, float(retry_after))
        except ValueError:
            wait = None
    raise GraphError(status, code, message, wait)

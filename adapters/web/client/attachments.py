"""Files in the client chat: reading an upload (``POST /chat/upload``) and ``GET /files/<id>``.

``read_upload`` reads a ``multipart/form-data`` body (``file``, optional ``text`` caption and
``message_id``) through :mod:`adapters.web.uploads`, never holding more than
:data:`MAX_UPLOAD_BYTES` + 1 bytes of the file; what is wrong comes back as ``UploadRefused``
(a ``web.chat.notice.*`` key of :mod:`core.messages` and a status).
``FileViews.serve`` gives a kept file to signed-in staff, or to the browser whose chat holds a
message carrying it (the client who sent it, or the client it was sent to); anyone else gets the
404 of a file that does not exist. The answer names the file (``Content-Disposition``; photos
inline for the thumbnails, everything else as a download), forbids sniffing and scripts.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote

from aiohttp import web

from adapters.web.auth import current_staff
from adapters.web.client.identity import known_client
from adapters.web.context import WebContext
from adapters.web.files import INLINE_TYPES, MAX_UPLOAD_BYTES, WebFiles
from adapters.web.uploads import (
    FIELD_MAX,
    UploadKeys,
    carries,
    check_upload,
    read_multipart,
)
from core.db import Database
from core.webchat import recent_payloads

logger = logging.getLogger(__name__)

SEARCHED_MESSAGES = 500
"""How many of a browser's newest messages are searched for the file it asks for."""
KEYS = UploadKeys(
    bad_request="web.chat.notice.bad_request",
    too_big="web.chat.notice.file_too_big",
    missing="web.chat.notice.file_missing",
    empty="web.chat.notice.file_empty",
    too_long="web.chat.notice.too_long",
)


@dataclass
class Upload:
    """What a browser sent: the file's bytes and name, a caption, the message id."""

    data: bytes = b""
    name: str = ""
    caption: str = ""
    message_id: str = ""
    fields: dict[str, str] = field(default_factory=dict)


async def read_upload(request: web.Request, limit: int = MAX_UPLOAD_BYTES) -> Upload:
    """The upload of ``request`` (see the module docstring); UploadRefused when it cannot be."""
    names = ("text", "message_id")
    fields, data, name = await read_multipart(
        request, names, KEYS, limit=limit, body_max=limit + FIELD_MAX
    )
    caption = fields.get("text", "")
    check_upload(name, data, caption, KEYS)
    return Upload(data, name, caption, fields.get("message_id", ""), fields)


async def carried_to(db: Database, address: str, file_id: str) -> bool:
    """Whether a recent message of ``address`` carries the web file ``file_id``."""
    return carries(await recent_payloads(db, address, SEARCHED_MESSAGES), file_id)


def content_disposition(name: str, inline: bool) -> str:
    """``inline``/``attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9._ -]", "_", ascii_name).strip() or "arquivo"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


class FileViews:
    """``GET /files/<id>`` for one WebContext."""

    def __init__(self, ctx: WebContext, files: WebFiles) -> None:
        self.ctx = ctx
        self.files = files

    async def serve(self, request: web.Request) -> web.StreamResponse:
        """The file, to signed-in staff or to the browser it was sent to or by; else 404."""
        file_id = request.match_info.get("file_id", "")
        stored = await self.files.info(file_id)
        if stored is None or not await self._allowed(request, stored.id):
            logger.info("web file %s unknown or not allowed", file_id[:6])
            raise web.HTTPNotFound()
        headers = {
            "Content-Type": stored.mime_type,
            "Content-Disposition": content_disposition(
                stored.name, stored.mime_type in INLINE_TYPES
            ),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-cache",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        }
        return web.FileResponse(self.files.path(stored.id), headers=headers)

    async def _allowed(self, request: web.Request, file_id: str) -> bool:
        client = known_client(request)
        if client is not None and await carried_to(self.ctx.core.db, client.address.id, file_id):
            return True
        return await current_staff(request) is not None

"""Reading a file upload (``multipart/form-data``), shared by the client chat and the console.

``read_multipart`` reads the body as a stream, never holding more than the file's limit + 1
bytes of the file nor :data:`FIELD_MAX` + 1 bytes of a text field; the first ``file`` part is
the file, the named text fields are kept, everything else is skipped. ``check_upload`` refuses
a missing or empty file and a caption longer than :data:`CAPTION_MAX`. What is wrong comes back
as ``UploadRefused``, whose key is a text of :mod:`core.messages` chosen by the caller
(``UploadKeys`` names them). ``carries`` says whether stored message payloads carry a web file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError

logger = logging.getLogger(__name__)

CAPTION_MAX = 4000
FIELD_MAX = 64 * 1024
CHUNK = 64 * 1024


class UploadRefused(Exception):
    """An upload that cannot be taken: ``key`` (a text key), the HTTP status, the text's values."""

    def __init__(self, key: str, status: int, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.status = status
        self.params = params


@dataclass(frozen=True)
class UploadKeys:
    """The text keys of one caller's refusals."""

    bad_request: str
    too_big: str
    missing: str
    empty: str
    too_long: str


def megabytes(size: int, language: str) -> str:
    """``10 MB``, ``12,5 MB`` (pt-BR) or ``12.5 MB`` (en)."""
    value = f"{size / (1024 * 1024):.1f}".removesuffix(".0")
    return (value if language == "en" else value.replace(".", ",")) + " MB"


async def read_part(part: BodyPartReader, limit: int) -> bytes | None:
    """The part's bytes, or None once it is longer than ``limit``."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await part.read_chunk(CHUNK):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def read_multipart(
    request: web.Request,
    names: tuple[str, ...],
    keys: UploadKeys,
    *,
    limit: int,
    body_max: int,
) -> tuple[dict[str, str], bytes, str]:
    """The text fields ``names``, the file's bytes and name; UploadRefused when unreadable.

    ``limit`` is the file's largest size, ``body_max`` the largest ``Content-Length``.
    """
    if not request.content_type.startswith("multipart/form-data"):
        raise UploadRefused(keys.bad_request, 400)
    length = request.content_length
    if length is not None and length > body_max:
        raise UploadRefused(keys.too_big, 413)
    fields: dict[str, str] = {}
    data, name = b"", ""
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "file" and not name:
                found = await read_part(part, limit)
                if found is None:
                    raise UploadRefused(keys.too_big, 413)
                data, name = found, part.filename or ""
            elif part.name in names:
                raw = await read_part(part, FIELD_MAX)
                if raw is None:
                    raise UploadRefused(keys.bad_request, 400)
                fields[part.name] = raw.decode("utf-8", "replace")
    except (ValueError, AssertionError, HttpProcessingError) as error:
        logger.info("malformed upload on %s: %r", request.path, error)
        raise UploadRefused(keys.bad_request, 400) from error
    return fields, data, name


def check_upload(name: str, data: bytes, caption: str, keys: UploadKeys) -> None:
    """UploadRefused for no file, an empty one, or a caption over :data:`CAPTION_MAX`."""
    if not name:
        raise UploadRefused(keys.missing, 400)
    if not data:
        raise UploadRefused(keys.empty, 400)
    if len(caption) > CAPTION_MAX:
        raise UploadRefused(keys.too_long, 400, length=len(caption), limit=CAPTION_MAX)


def carries(payloads: Iterable[Mapping[str, Any] | None], file_id: str) -> bool:
    """Whether one of the message payloads carries the web file ``file_id``."""
    return any(
        isinstance(a, dict) and a.get("channel") == "web" and a.get("ref") == file_id
        for payload in payloads
        for a in (payload or {}).get("attachments") or ()
    )

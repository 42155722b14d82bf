"""Files of the web channel: kept on disk under random names, served only to whom may see them.

``WebFiles(root)`` keeps each file as ``<root>/<id>`` (the bytes) and ``<root>/<id>.json`` (its
name, MIME type, kind and size); ``id`` is random (``secrets.token_urlsafe(18)``, 24 characters),
so it is the ``Attachment(channel="web", ref=<id>)`` the core relays like a Telegram file id.
``WebFileSource`` gives the bytes to another channel's sender (Slack uploads them, Telegram sends
them). ``classify`` accepts photos and the usual office documents only, checking the first bytes
of the types that have a signature. ``adapters.web.client.attachments`` receives the uploads and
serves ``GET /files/<id>``. Retention deletes the files of purged messages (``forget``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from adapters.web.render import is_file_id
from core.files import FileContent
from core.outbox import Attachment, PermanentDeliveryError

logger = logging.getLogger(__name__)

CHANNEL = "web"
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
"""Largest file a client may send in the web chat."""
MAX_RELAYED_BYTES = 50 * 1024 * 1024
"""Largest file kept when another channel's file is relayed to a web address."""
NAME_MAX = 120

_PHOTOS = {
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    "webp": ("image/webp", (b"RIFF",)),
}
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0",)
_DOCUMENTS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "txt": ("text/plain", ()),
    "csv": ("text/csv", ()),
    "xml": ("application/xml", ()),
    "doc": ("application/msword", _OLE),
    "xls": ("application/vnd.ms-excel", _OLE),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    "odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
}
INLINE_TYPES = frozenset(mime for mime, _ in _PHOTOS.values())
"""Types a browser may show in the page (thumbnails); everything else is downloaded."""


@dataclass(frozen=True)
class StoredFile:
    """A kept file's description (the bytes are beside it)."""

    id: str
    name: str
    mime_type: str
    kind: str
    size: int

    def attachment(self) -> Attachment:
        """The neutral attachment the core relays."""
        return Attachment(self.kind, CHANNEL, self.id, self.name, self.mime_type)


def safe_name(name: str | None, default: str = "arquivo") -> str:
    """A file name without folders or control characters, at most :data:`NAME_MAX` long."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip(" .")
    if not cleaned:
        return default
    if len(cleaned) <= NAME_MAX:
        return cleaned
    stem, dot, ext = cleaned.rpartition(".")
    if dot and len(ext) <= 8:
        return stem[: NAME_MAX - len(ext) - 1] + "." + ext
    return cleaned[:NAME_MAX]


def classify(name: str, data: bytes) -> tuple[str, str] | None:
    """``(kind, mime type)`` of an accepted file, or None (unknown type or bytes not matching)."""
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    for kind, table in (("photo", _PHOTOS), ("document", _DOCUMENTS)):
        found = table.get(ext)
        if found is None:
            continue
        mime, signatures = found
        if signatures and not data.startswith(signatures):
            return None
        if ext == "webp" and data[8:12] != b"WEBP":
            return None
        return kind, mime
    return None


def accepted_extensions() -> list[str]:
    """Every accepted extension (for the file picker's ``accept``)."""
    return ["." + ext for ext in (*_PHOTOS, *_DOCUMENTS)]


class WebFiles:
    """The files kept under ``root`` (see the module docstring)."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def _data(self, file_id: str) -> Path:
        if not is_file_id(file_id):
            raise ValueError("not a web file id")
        return self.root / file_id

    def _meta(self, file_id: str) -> Path:
        return self.root / f"{file_id}.json"

    async def save(self, data: bytes, name: str, mime_type: str, kind: str) -> StoredFile:
        """Keep ``data`` under a new random id; both files are complete or absent."""
        stored = StoredFile(secrets.token_urlsafe(18), safe_name(name), mime_type, kind, len(data))
        await asyncio.to_thread(self._write, stored, data)
        return stored

    def _write(self, stored: StoredFile, data: bytes) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        target = self._data(stored.id)
        for path, content in (
            (target, data),
            (self._meta(stored.id), json.dumps(asdict(stored)).encode()),
        ):
            partial = path.with_name(path.name + ".part")
            with open(partial, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, path)

    async def info(self, file_id: str) -> StoredFile | None:
        """The description of ``file_id``, or None when it is not (or no longer) kept."""
        if not is_file_id(file_id):
            return None
        return await asyncio.to_thread(self._read_info, file_id)

    def _read_info(self, file_id: str) -> StoredFile | None:
        try:
            raw: dict[str, Any] = json.loads(self._meta(file_id).read_text("utf-8"))
            if not self._data(file_id).is_file():
                return None
            return StoredFile(**raw)
        except (OSError, ValueError, TypeError):
            return None

    async def read(self, file_id: str) -> bytes:
        """The bytes of ``file_id`` (OSError when missing)."""
        return await asyncio.to_thread(self._data(file_id).read_bytes)

    def path(self, file_id: str) -> Path:
        """Where the bytes of ``file_id`` are."""
        return self._data(file_id)

    async def forget(self, refs: list[str]) -> None:
        """Delete the files ``refs`` (missing ones are ignored)."""
        removed = await asyncio.to_thread(self._remove, refs)
        if removed:
            logger.info("web files: %s deleted", removed)

    def _remove(self, refs: list[str]) -> int:
        removed = 0
        for ref in refs:
            if not is_file_id(ref):
                continue
            for path in (self._data(ref), self._meta(ref)):
                try:
                    path.unlink()
                    removed += path.suffix != ".json"
                except FileNotFoundError:
                    pass
        return removed


class WebFileSource:
    """The ``core.files.FileSource`` of the web channel: a kept file's bytes."""

    def __init__(self, files: WebFiles) -> None:
        self.files = files

    async def fetch(self, attachment: Attachment) -> FileContent:
        """The bytes of ``attachment``; PermanentDeliveryError when it is no longer kept."""
        stored = await self.files.info(attachment.ref)
        if stored is None:
            raise PermanentDeliveryError("web file not kept (purged or unknown)")
        try:
            data = await self.files.read(stored.id)
        except OSError as error:
            raise PermanentDeliveryError(f"web file unreadable: {error!r}") from error
        return FileContent(data, attachment.name or stored.name, stored.mime_type)

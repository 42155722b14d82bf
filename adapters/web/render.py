"""A ``web_message`` row as the JSON a page receives (SSE event data, history)."""

from __future__ import annotations

import re
from typing import Any

from core.models import WebMessage

_FILE_ID = re.compile(r"^[A-Za-z0-9_-]{24}$")


def is_file_id(ref: str | None) -> bool:
    """Whether ``ref`` has the shape of a web file id (``adapters.web.files``; never a path)."""
    return ref is not None and bool(_FILE_ID.match(ref))


def file_url(ref: str) -> str:
    """Where a page fetches the web file ``ref`` (only people allowed get it)."""
    return f"/files/{ref}"


def attachments_json(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """A message's files: ``{"kind", "name", "mime_type", "url"}``.

    ``url`` (``/files/<id>``) for a file the web channel keeps; None for another channel's file
    that could not be fetched (the page shows its name only).
    """
    found: list[dict[str, Any]] = []
    for item in payload.get("attachments") or ():
        if not isinstance(item, dict):
            continue
        ref = str(item.get("ref") or "")
        kept = item.get("channel") == "web" and is_file_id(ref)
        found.append(
            {
                "kind": item.get("kind"),
                "name": item.get("name"),
                "mime_type": item.get("mime_type"),
                "url": file_url(ref) if kept else None,
            }
        )
    return found


def _text_or_none(value: object) -> str | None:
    return str(value) if isinstance(value, str) else None


def receipt_json(extra: dict[str, Any]) -> dict[str, Any] | None:
    """A billing summary's receipt (``{"intro", "title", "lines": [[label, value]], "total",
    "notes"}``), when the
    core marked the message as one (``extra["receipt"]``); else None."""
    receipt = extra.get("receipt")
    if not isinstance(receipt, dict):
        return None

    def pair(item: object) -> list[str] | None:
        if isinstance(item, list | tuple) and len(item) == 2:
            return [str(item[0]), str(item[1])]
        return None

    lines = [found for item in receipt.get("lines") or () if (found := pair(item)) is not None]
    return {
        "intro": str(receipt.get("intro") or ""),
        "notes": str(receipt.get("notes") or ""),
        "title": str(receipt.get("title") or ""),
        "lines": lines,
        "total": pair(receipt.get("total")),
    }


def message_json(row: WebMessage) -> dict[str, Any]:
    """``{"id", "ref", "replaces", "thread", "text", "title", "fields", "choices", ...}``.

    A relayed message also names its ``author``, their ``side`` (``client``, ``guest`` or
    ``staff``) and the ``body`` without the name (``core.sessions.relay``); a billing summary
    carries its ``receipt``. Other messages have None there (the service's own).
    """
    payload = row.payload or {}
    extra = payload.get("extra") if isinstance(payload.get("extra"), dict) else {}
    assert isinstance(extra, dict)
    return {
        "id": row.id,
        "ref": str(row.id),
        "replaces": str(row.replaces_id) if row.replaces_id is not None else None,
        "thread": row.thread,
        "text": str(payload.get("text") or ""),
        "title": payload.get("title"),
        "fields": [
            [str(item.get("label", "")), str(item.get("value", ""))]
            for item in payload.get("fields", ())
            if isinstance(item, dict)
        ],
        "choices": [
            {"label": str(c.get("label", "")), "action": str(c.get("action", ""))}
            | ({"style": c["style"]} if c.get("style") else {})
            for c in payload.get("choices", ())
            if isinstance(c, dict)
        ],
        "attachments": attachments_json(payload),
        "mine": bool(payload.get("mine")),
        "purpose": payload.get("purpose"),
        "created_at": row.created_at.isoformat() if row.created_at else None,
        "author": _text_or_none(extra.get("author")),
        "side": _text_or_none(extra.get("side")),
        "body": _text_or_none(extra.get("body")),
        "receipt": receipt_json(extra),
    }

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


def message_json(row: WebMessage) -> dict[str, Any]:
    """``{"id", "ref", "replaces", "thread", "text", "title", "fields", "choices", ...}``."""
    payload = row.payload or {}
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
    }

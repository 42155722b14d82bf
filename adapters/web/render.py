"""A ``web_message`` row as the JSON a page receives (SSE event data, history)."""

from __future__ import annotations

from typing import Any

from core.models import WebMessage


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
        "attachments": [
            {"kind": a.get("kind"), "name": a.get("name"), "mime_type": a.get("mime_type")}
            for a in payload.get("attachments", ())
            if isinstance(a, dict)
        ],
        "mine": bool(payload.get("mine")),
        "purpose": payload.get("purpose"),
        "created_at": row.created_at.isoformat() if row.created_at else None,
    }

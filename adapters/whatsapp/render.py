"""Neutral outbound messages -> Cloud API message bodies (text, reply buttons, list messages).

The core writes ``**bold**``; WhatsApp's bold is ``*bold*``. The title is a bold first line and
card fields are ``*Label:* value`` lines. Choices become:
- up to 3 with labels of at most 20 characters: interactive reply buttons;
- otherwise a list message of at most 10 rows (row titles cut to 24 characters, the full label as
  the row's description when cut); more than 10: 9 rows and a "Mais opções" row
  (``wa.more:<outbox row id>:<page>``) that shows the next page.
A text over 4,096 characters (1,024 with buttons) goes as plain text parts first.
"""

from __future__ import annotations

import re
from typing import Any

from core.messages import t
from core.outbox import Choice, OutboundMessage

TEXT_LIMIT = 4096
INTERACTIVE_BODY = 1024
BUTTONS = 3
BUTTON_TITLE = 20
ROWS = 10
ROW_TITLE = 24
ROW_DESCRIPTION = 72
MORE_PREFIX = "wa.more:"
TEMPLATE_BUTTONS = 3
"""Quick-reply buttons of the opening template (the closing notice's three choices)."""
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")


def text_of(message: OutboundMessage) -> str:
    """The message's text as WhatsApp formatting (title, fields, ``*bold*``)."""
    lines: list[str] = []
    if message.title:
        lines.append(f"*{message.title}*")
    lines.extend(_BOLD.sub(r"*\1*", line) for line in message.text.split("\n"))
    lines.extend(f"*{field.label}:* {field.value}" for field in message.fields)
    return "\n".join(lines).strip() or "."


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split(text: str, limit: int) -> list[str]:
    """``text`` in parts of at most ``limit`` characters, cut on line boundaries where possible."""
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        joined = f"{current}\n{line}" if current else line
        if len(joined) > limit:
            parts.append(current)
            current = line
        else:
            current = joined
    if current or not parts:
        parts.append(current or ".")
    return parts


def text_body(to: str, text: str) -> dict[str, Any]:
    """A plain text message."""
    return {"to": to, "type": "text", "text": {"body": text, "preview_url": False}}


def buttons_fit(choices: tuple[Choice, ...]) -> bool:
    """Reply buttons can carry these choices (at most 3, short labels)."""
    return 0 < len(choices) <= BUTTONS and all(len(c.label) <= BUTTON_TITLE for c in choices)


def page_of(
    choices: tuple[Choice, ...], page: int, row_id: int | None, language: str
) -> tuple[list[dict[str, str]], bool]:
    """The list rows of page ``page`` (0-based) and whether more pages follow."""
    per_page = ROWS if len(choices) <= ROWS else ROWS - 1
    start = page * per_page
    chunk = choices[start : start + per_page]
    rows: list[dict[str, str]] = []
    for choice in chunk:
        row = {"id": choice.action, "title": _cut(choice.label, ROW_TITLE)}
        if len(choice.label) > ROW_TITLE:
            row["description"] = _cut(choice.label, ROW_DESCRIPTION)
        rows.append(row)
    more = start + per_page < len(choices) and row_id is not None
    if more:
        rows.append(
            {"id": f"{MORE_PREFIX}{row_id}:{page + 1}", "title": _cut(t("wa.more", language), 24)}
        )
    return rows, more


def interactive_body(
    to: str,
    body: str,
    choices: tuple[Choice, ...],
    row_id: int | None,
    language: str,
    page: int = 0,
) -> dict[str, Any]:
    """Reply buttons when they fit, else a list message (page ``page``)."""
    body = _cut(body, INTERACTIVE_BODY)
    if page == 0 and buttons_fit(choices):
        buttons = [{"type": "reply", "reply": {"id": c.action, "title": c.label}} for c in choices]
        action: dict[str, Any] = {"buttons": buttons}
        kind = "button"
    else:
        rows, _ = page_of(choices, page, row_id, language)
        label = _cut(t("wa.options", language), BUTTON_TITLE)
        action = {"button": label, "sections": [{"title": label, "rows": rows}]}
        kind = "list"
    return {
        "to": to,
        "type": "interactive",
        "interactive": {"type": kind, "body": {"text": body}, "action": action},
    }


def bodies(
    to: str, message: OutboundMessage, row_id: int | None, language: str
) -> list[dict[str, Any]]:
    """Every message body of ``message``, in order (the one with the choices last)."""
    text = text_of(message)
    if not message.choices:
        return [text_body(to, part) for part in split(text, TEXT_LIMIT)]
    parts = split(text, INTERACTIVE_BODY)
    leading = [text_body(to, part) for part in parts[:-1]]
    return [*leading, interactive_body(to, parts[-1], message.choices, row_id, language)]


def template_body(
    to: str,
    name: str,
    language: str,
    text: str,
    *,
    document: dict[str, str] | None = None,
    payloads: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A template message whose one body parameter carries ``text`` (one line, at most 1,024),
    with a DOCUMENT header (``{"id": <media id>, "filename": ...}``) and the payloads of its
    quick-reply buttons (index 0, 1, 2, ...: what the client's press brings back) when given."""
    flat = " · ".join(line.strip() for line in text.split("\n") if line.strip())
    flat = re.sub(r"\s{4,}", "   ", flat.replace("\t", " "))
    components: list[dict[str, Any]] = []
    if document is not None:
        header = {"type": "document", "document": document}
        components.append({"type": "header", "parameters": [header]})
    components.append(
        {"type": "body", "parameters": [{"type": "text", "text": _cut(flat, 1024) or "."}]}
    )
    components.extend(
        {
            "type": "button",
            "sub_type": "quick_reply",
            "index": str(index),
            "parameters": [{"type": "payload", "payload": payload}],
        }
        for index, payload in enumerate(payloads[:TEMPLATE_BUTTONS])
    )
    return {
        "to": to,
        "type": "template",
        "template": {"name": name, "language": {"code": language}, "components": components},
    }

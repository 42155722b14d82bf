"""Channel-neutral ``OutboundMessage`` -> Slack Block Kit (header, sections, fields, buttons).

Text is escaped for mrkdwn (``&``, ``<``, ``>``) except the references the core writes on purpose:
user mentions ``<@U…>`` and channel links ``<#C…>``. A client cannot ping ``@channel`` through a
relayed message. Each button's ``action_id`` is unique in the message (the core action id itself)
and its ``value`` is the core action id that the listeners read.
"""

from __future__ import annotations

import re
from typing import Any

from core.outbox import Choice, Field, OutboundMessage

Block = dict[str, Any]

SECTION_LIMIT = 3000
FIELD_LIMIT = 2000
HEADER_LIMIT = 150
FIELDS_PER_SECTION = 10
BUTTONS_PER_BLOCK = 25
_REFERENCE = re.compile(r"<[@#][A-Z0-9]+(?:\|[^<>]*)?>")


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` for mrkdwn, keeping user mentions and channel links."""
    parts: list[str] = []
    last = 0
    for match in _REFERENCE.finditer(text):
        parts.append(_escape_plain(text[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(_escape_plain(text[last:]))
    return "".join(parts)


def _escape_plain(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chunks(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters, at line breaks when possible."""
    pieces: list[str] = []
    while len(text) > size:
        cut = text.rfind("\n", 0, size)
        cut = cut if cut > 0 else size
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    if text:
        pieces.append(text)
    return pieces


def header_block(title: str) -> Block:
    """A header (plain text, at most 150 characters)."""
    short = title if len(title) <= HEADER_LIMIT else title[: HEADER_LIMIT - 1] + "…"
    return {"type": "header", "text": {"type": "plain_text", "text": short, "emoji": True}}


def text_blocks(text: str) -> list[Block]:
    """One or more mrkdwn sections holding ``text`` (escaped)."""
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": piece}}
        for piece in _chunks(escape(text), SECTION_LIMIT)
    ]


def field_blocks(fields: tuple[Field, ...]) -> list[Block]:
    """Labelled values as section fields (two columns), ten per section."""
    rendered = [
        {"type": "mrkdwn", "text": f"*{escape(f.label)}*\n{escape(f.value)}"[:FIELD_LIMIT]}
        for f in fields
    ]
    return [
        {"type": "section", "fields": rendered[i : i + FIELDS_PER_SECTION]}
        for i in range(0, len(rendered), FIELDS_PER_SECTION)
    ]


def button(choice: Choice) -> Block:
    """A button whose ``value`` (and unique ``action_id``) is the core action id."""
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": choice.label[:75], "emoji": True},
        "action_id": choice.action,
        "value": choice.action,
    }
    if choice.style in ("primary", "danger"):
        element["style"] = choice.style
    return element


def action_blocks(choices: tuple[Choice, ...]) -> list[Block]:
    """Buttons, at most 25 per actions block."""
    return [
        {
            "type": "actions",
            "block_id": f"choices-{i // BUTTONS_PER_BLOCK}",
            "elements": [button(c) for c in choices[i : i + BUTTONS_PER_BLOCK]],
        }
        for i in range(0, len(choices), BUTTONS_PER_BLOCK)
    ]


def thread_pointer(extra: dict[str, Any]) -> list[Block]:
    """A context line pointing to a session thread's channel, when the message names one."""
    thread = extra.get("session_thread")
    if not isinstance(thread, dict) or not thread.get("channel"):
        return []
    link = f"<#{thread['channel']}>"
    return [{"type": "context", "elements": [{"type": "mrkdwn", "text": f"🧵 {link}"}]}]


def fallback_text(message: OutboundMessage) -> str:
    """The notification / screen-reader text: title and text (``text`` of chat.postMessage)."""
    text = escape(message.text)
    if message.title:
        text = f"{escape(message.title)}\n{text}"
    return text


def render(message: OutboundMessage) -> tuple[str, list[Block]]:
    """The ``text`` fallback and the ``blocks`` of ``message``."""
    blocks: list[Block] = []
    if message.title:
        blocks.append(header_block(message.title))
    if message.text.strip():
        blocks.extend(text_blocks(message.text))
    blocks.extend(field_blocks(message.fields))
    blocks.extend(thread_pointer(message.extra))
    blocks.extend(action_blocks(message.choices))
    return fallback_text(message), blocks

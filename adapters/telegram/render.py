"""Neutral outbound messages -> Telegram HTML text parts and an inline keyboard.

The core writes ``**bold**`` in its texts; here the text is HTML-escaped, ``**x**`` becomes
``<b>x</b>``, the title is a bold first line and card fields are ``<b>Label:</b> value`` lines.
Texts longer than Telegram's 4096 characters are split on line boundaries (a single longer
line is cut into pieces); the keyboard belongs to the last part. The limit counts what Telegram
counts: the text after its HTML is parsed (tags nothing, an entity one character, UTF-16 units).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from core.outbox import Choice, OutboundMessage

LIMIT = int(MessageLimit.MAX_TEXT_LENGTH)
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
_SHORT_LABEL = 6
_MEDIUM_LABEL = 18


@dataclass(frozen=True)
class RenderedMessage:
    """What goes to Telegram: HTML text parts (each within the limit) and the keyboard."""

    parts: tuple[str, ...]
    keyboard: InlineKeyboardMarkup | None


def render_line(line: str) -> str:
    """One line of core text as Telegram HTML (escaped, ``**bold**`` kept bold)."""
    return _BOLD.sub(r"<b>\1</b>", html.escape(line, quote=False))


def source_lines(message: OutboundMessage) -> list[str]:
    """The message as HTML lines: bold title, text, then the card's fields."""
    lines: list[str] = []
    if message.title:
        lines.append(f"<b>{html.escape(message.title, quote=False)}</b>")
    lines.extend(render_line(line) for line in message.text.split("\n"))
    for item in message.fields:
        label = html.escape(item.label, quote=False)
        lines.append(f"<b>{label}:</b> {render_line(item.value)}")
    return lines


_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|.", re.S)
"""A tag (nothing visible), an entity (one character) or one character of the HTML text."""


def _units(token: str) -> int:
    """What ``token`` counts towards the limit: Telegram counts the text after parsing."""
    if len(token) > 1 and token[0] == "<":
        return 0
    if len(token) > 1 and token[0] == "&":
        return 1
    return len(token.encode("utf-16-le")) // 2  # an emoji outside the BMP counts twice


def visible_length(raw_html: str) -> int:
    """The length Telegram checks against its limit: tags removed, entities one character."""
    return sum(_units(token) for token in _TOKEN.findall(raw_html))


def _cut_long_line(raw_html: str, limit: int) -> list[str]:
    """Cut one over-long HTML line into pieces of at most ``limit`` visible characters, never
    inside a tag or an entity; a bold span cut in two is closed and reopened."""
    pieces: list[str] = []
    tokens: list[str] = []
    count = 0
    for token in _TOKEN.findall(raw_html):
        units = _units(token)
        if count + units > limit and tokens:
            pieces.append("".join(tokens))
            tokens, count = [], 0
        tokens.append(token)
        count += units
    pieces.append("".join(tokens))
    for index in range(len(pieces) - 1):
        if pieces[index].count("<b>") > pieces[index].count("</b>"):
            pieces[index] += "</b>"
            pieces[index + 1] = "<b>" + pieces[index + 1]
    return pieces


def split_text(lines: list[str], limit: int = LIMIT) -> tuple[str, ...]:
    """Join lines into parts of at most ``limit`` visible characters, breaking between lines."""
    parts: list[str] = []
    current, current_length = "", 0
    for line in lines:
        long = visible_length(line) > limit
        for piece in _cut_long_line(line, limit) if long else [line]:
            length = visible_length(piece)
            joined = current_length + 1 + length if current else length
            if joined <= limit and (current or piece):
                current = f"{current}\n{piece}" if current else piece
                current_length = joined
                continue
            if current:
                parts.append(current)
            current, current_length = piece, length
    if current or not parts:
        parts.append(current)
    return tuple(part if part.strip() else "\u2063" for part in parts)


def _row_width(choices: tuple[Choice, ...]) -> int:
    longest = max(len(choice.label) for choice in choices)
    if longest <= _SHORT_LABEL:
        return 5
    if longest <= _MEDIUM_LABEL:
        return 2
    return 1


def keyboard(choices: tuple[Choice, ...]) -> InlineKeyboardMarkup | None:
    """The choices as inline buttons whose ``callback_data`` is the action id (<= 64 bytes)."""
    if not choices:
        return None
    width = _row_width(choices)
    buttons = [InlineKeyboardButton(c.label, callback_data=c.action) for c in choices]
    rows = [buttons[i : i + width] for i in range(0, len(buttons), width)]
    return InlineKeyboardMarkup(rows)


def render(message: OutboundMessage, limit: int = LIMIT) -> RenderedMessage:
    """The Telegram form of ``message``."""
    return RenderedMessage(split_text(source_lines(message), limit), keyboard(message.choices))


def render_edit(message: OutboundMessage, limit: int = LIMIT) -> str:
    """The text of an edited card: one part (a card that outgrew the limit is shortened)."""
    text = "\n".join(source_lines(message))
    if len(text) <= limit:
        return text
    return split_text(source_lines(message), limit - 1)[0] + "…"

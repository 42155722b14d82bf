"""An outbound message as an e-mail: a plain-text part and an HTML alternative.

The core's texts mark bold as ``**x**`` and lists as lines starting with ``- ``, ``• `` or
``1. ``; the HTML part escapes everything and builds only ``<strong>``, ``<ul>``/``<ol>``,
``<p>`` and a table of the card's fields. Buttons have no meaning in an e-mail: they are left
out, and the footer says to answer in the chat.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.headerregistry import Address as MailAddress
from email.message import EmailMessage
from email.utils import format_datetime

from markupsafe import Markup, escape

from core.outbox import OutboundMessage

SUBJECT_MAX = 120
_UL = Markup("<ul>{}</ul>")
_OL = Markup("<ol>{}</ol>")
_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
_BULLET = re.compile(r"^\s*(?:[-•]\s+)(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def _unbold(text: str) -> str:
    return _BOLD.sub(r"\1", text)


def plain(message: OutboundMessage) -> str:
    """The message as plain text: title, text (bold marks removed), fields as ``Label: value``."""
    parts = [message.title] if message.title else []
    if message.text:
        parts.append(_unbold(message.text))
    if message.fields:
        parts.append("\n".join(f"{f.label}: {_unbold(f.value)}" for f in message.fields))
    return "\n\n".join(parts)


def _inline(text: str) -> Markup:
    out = Markup("")
    for index, piece in enumerate(_BOLD.split(text)):
        out += Markup("<strong>{}</strong>").format(piece) if index % 2 else escape(piece)
    return out


def _blocks(text: str) -> Markup:
    """Paragraphs and lists of ``text`` as HTML (every piece of text escaped)."""
    html = Markup("")
    paragraph: list[str] = []
    items: list[str] = []
    kind = ""

    def flush() -> None:
        nonlocal html, paragraph, items, kind
        if paragraph:
            html += Markup("<p>{}</p>").format(Markup("<br>").join(_inline(p) for p in paragraph))
            paragraph = []
        if items:
            body = Markup("").join(Markup("<li>{}</li>").format(_inline(i)) for i in items)
            html += (_UL if kind == "ul" else _OL).format(body)
            items = []

    for line in text.splitlines():
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        found = bullet or numbered
        if found:
            wanted = "ul" if bullet else "ol"
            if paragraph or (items and kind != wanted):
                flush()
            kind = wanted
            items.append(found.group(1))
        elif not line.strip():
            flush()
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return html


def html(message: OutboundMessage, footer: str) -> str:
    """The message as a small, self-contained HTML document."""
    body = Markup("")
    if message.title:
        body += Markup('<h1 style="font-size:18px">{}</h1>').format(message.title)
    if message.text:
        body += _blocks(message.text)
    if message.fields:
        rows = Markup("").join(
            Markup(
                '<tr><th align="left" style="padding:2px 12px 2px 0">{}</th><td>{}</td></tr>'
            ).format(f.label, _inline(f.value))
            for f in message.fields
        )
        body += Markup("<table>{}</table>").format(rows)
    body += Markup('<p style="color:#666;font-size:12px">{}</p>').format(footer)
    return str(
        Markup(
            '<!doctype html><html><head><meta charset="utf-8"></head>'
            '<body style="font-family:sans-serif;line-height:1.4">{}</body></html>'
        ).format(body)
    )


def subject_of(message: OutboundMessage, service: str) -> str:
    """The title, else the first line of the text, prefixed with the service's name."""
    first = message.title or next((ln for ln in message.text.splitlines() if ln.strip()), "")
    first = _BOLD.sub(r"\1", first).strip()
    subject = f"{service} — {first}" if first else service
    return subject if len(subject) <= SUBJECT_MAX else subject[: SUBJECT_MAX - 1] + "…"


def compose(
    message: OutboundMessage,
    *,
    sender: MailAddress,
    to: str,
    message_id: str,
    footer: str,
    when: datetime,
) -> EmailMessage:
    """The whole e-mail (plain text first, HTML as the alternative)."""
    mail = EmailMessage()
    service = sender.display_name or "Consultoria Online"
    mail["Subject"] = subject_of(message, service)
    mail["From"] = sender
    mail["To"] = to
    mail["Message-ID"] = message_id
    mail["Date"] = format_datetime(when)
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(f"{plain(message)}\n\n-- \n{footer}\n")
    mail.add_alternative(html(message, footer), subtype="html")
    return mail

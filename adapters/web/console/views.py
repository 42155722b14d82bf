"""What the console pages show: messages and notes as a page shows them, the core's reads.

The reads themselves are the core's (``core.views``: queue, sessions, people, link requests;
``core.webchat``: the rooms' messages); this module names them for the console's handlers and
turns web messages and session notes into :class:`Shown` items: names in place of mentions,
local times (the day and ``HH:MM``), files as links, and who wrote each one — the client (a
relayed message's ``Nome:`` prefix becomes its sender), a staff member, or the bot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from adapters.web.console.echo import STAFF_ECHO
from adapters.web.render import attachments_json
from core.context import Core
from core.db import UnitOfWork
from core.messages import CATALOGUES, DEFAULT_LANGUAGE, t
from core.models import WebMessage
from core.timefmt import format_date, format_time
from core.views import (
    PendingLink,
    SessionDetail,
    SessionLine,
    people_names,
    session_notes,
    shown_at,
)
from core.views import pending_links as _pending_links
from core.views import support_sessions as _support_sessions
from core.webchat import messages_at

_MENTION = re.compile(r"<@([A-Z0-9]{2,32})>")
RELAY = "relay"
"""``purpose`` of a client-side message relayed to the session's thread (``core.sessions``)."""
CLIENT_SIDES = ("client", "guest")
"""A relayed message's ``side`` when the client or a colleague they invited wrote it."""


def local(core: Core, moment: datetime | None) -> str:
    """``dd/mm/aaaa HH:MM`` in the service's time zone ("" for none)."""
    return shown_at(moment, core.config.timezone)


def role_name(role: str, language: str | None) -> str:
    """A session participant's role (``lead``, ``specialist``, ``attendant``) in ``language``."""
    key = f"web.console.role.{role}"
    return t(key, language) if key in CATALOGUES[DEFAULT_LANGUAGE] else role


async def support_sessions(uow: UnitOfWork, core: Core) -> list[SessionLine]:
    """Open support conversations, oldest first, in the service's time zone."""
    return await _support_sessions(uow, core.config.timezone)


async def pending_links(uow: UnitOfWork, core: Core) -> list[PendingLink]:
    """Link requests not decided yet, oldest first, in the service's time zone."""
    return await _pending_links(uow, core.config.timezone)


def with_names(text: str, names: dict[str, str]) -> str:
    """Slack-style mentions ``<@KEY>`` as the person's name (``@KEY`` when unknown)."""
    return _MENTION.sub(lambda m: names.get(m.group(1), "@" + m.group(1)), text)


@dataclass
class Shown:
    """A message (or a note) as a page shows it."""

    id: int
    kind: str
    """``message`` (the bot's), ``client`` (the client's side), ``mine`` (the viewer's own),
    ``staff`` (another staff member's), ``private`` (an answer only the viewer sees), ``note``."""
    text: str
    title: str | None = None
    fields: list[tuple[str, str]] = field(default_factory=list)
    choices: list[dict[str, str]] = field(default_factory=list)
    when: str = ""
    at: datetime | None = None
    files: list[dict[str, Any]] = field(default_factory=list)  # render.attachments_json
    sender: str = ""
    """Who wrote it, as the page labels it ("" for the bot: the page says so)."""
    day: str = ""
    """The local day, ``dd/mm/aaaa`` (the thread puts a separator where it changes)."""
    time: str = ""
    """The local time, ``HH:MM``."""


def _day_and_time(core: Core, moment: datetime | None) -> tuple[str, str]:
    if moment is None:
        return "", ""
    local_moment = moment.astimezone(core.config.timezone)
    return format_date(local_moment.date()), format_time(local_moment)


def split_sender(text: str, names: tuple[str, ...]) -> tuple[str, str] | None:
    """``(name, text)`` of a relayed ``Nome: texto`` whose ``Nome`` is one of ``names``."""
    for name in sorted(names, key=len, reverse=True):
        if name and text.startswith(name + ": "):
            return name, text[len(name) + 2 :]
        if name and text.startswith(name + " "):
            return name, text  # "Nome enviou uma foto.": the sentence stays whole
    return None


def _relayed_by(payload: dict[str, Any], text: str) -> tuple[str, str] | None:
    """``(name, text)`` from a relayed message's metadata (``extra``: ``author``, ``side``,
    ``body``), when it carries one from the client's side."""
    extra = payload.get("extra")
    if not isinstance(extra, dict) or extra.get("side") not in CLIENT_SIDES:
        return None
    author = str(extra.get("author") or "")
    if not author:
        return None
    return author, str(extra.get("body") or "") or text


def shown(
    core: Core,
    row: WebMessage,
    names: dict[str, str],
    kind: str = "message",
    viewer: str | None = None,
    client_side: tuple[str, ...] = (),
) -> Shown:
    """A web message for a page: names in place of mentions, local time, its sender.

    A staff member's own message in a session (``echo``) is ``"mine"`` for them (``viewer``),
    ``"staff"`` with their name for the others; a relayed message of one of ``client_side``
    (the client's side of the session) is ``"client"``, its name as the sender.
    """
    payload = row.payload or {}
    assert row.id is not None
    text = with_names(str(payload.get("text") or ""), names)
    title = payload.get("title")
    sender = ""
    if payload.get("purpose") == STAFF_ECHO and kind == "message":
        kind = "mine" if viewer is not None and payload.get("author") == viewer else "staff"
        sender, title = str(title or ""), None
    elif payload.get("purpose") == RELAY and kind == "message":
        split = _relayed_by(payload, text) or split_sender(text, client_side)
        if split is not None:
            kind = "client"
            sender, text = split
    day, clock_time = _day_and_time(core, row.created_at)
    return Shown(
        id=row.id,
        kind=kind,
        text=text,
        title=title,
        sender=sender,
        day=day,
        time=clock_time,
        fields=[
            (str(f.get("label", "")), with_names(str(f.get("value", "")), names))
            for f in payload.get("fields", ())
            if isinstance(f, dict)
        ],
        choices=[
            {"action": str(c.get("action", "")), "label": str(c.get("label", ""))}
            for c in payload.get("choices", ())
            if isinstance(c, dict)
        ],
        when=local(core, row.created_at),
        at=row.created_at,
        files=attachments_json(payload),
    )


async def thread_history(
    uow: UnitOfWork, core: Core, detail: SessionDetail, staff_key: str
) -> list[Shown]:
    """The session's thread (and this person's private answers in it) with its notes, in order."""
    session = detail.session
    names = await people_names(uow)
    items: list[Shown] = []
    room, ref = session.thread_channel, session.thread_ref
    if room is None or ref is None:
        room, ref = detail.request.card_channel, detail.request.card_ref
    if room is not None and ref is not None:
        shared = await messages_at(uow, [room], ref)
        private = await messages_at(uow, [staff_key], ref)
        side = detail.client_side
        items += [shown(core, row, names, viewer=staff_key, client_side=side) for row in shared]
        items += [shown(core, row, names, "private") for row in private]
    assert session.id is not None
    for note in await session_notes(uow, session.id):
        assert note.id is not None
        author = names.get(note.author_key, note.author_key)
        day, clock_time = _day_and_time(core, note.created_at)
        items.append(
            Shown(
                id=-note.id,
                kind="note",
                text=note.text,
                sender=author,
                when=local(core, note.created_at),
                at=note.created_at,
                day=day,
                time=clock_time,
            )
        )
    items.sort(key=lambda item: (item.at or datetime.min, item.kind == "note", item.id))
    return items

"""Keeping saved replies: create, change, deactivate, delete (managers), list and search.

Each change is a public entry that opens its own transaction and validates its input first:
a title of 1 to :data:`TITLE_MAX` characters, a text of 1 to :data:`TEXT_MAX` with only the known
placeholders (``core.replies.placeholders``), a language of :data:`LANGUAGES`. A refusal is an
``InvalidInput`` and nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from core.context import Core
from core.db import UnitOfWork
from core.errors import InvalidInput, NotFound
from core.messages import LANGUAGES
from core.models import SavedReply
from core.replies.placeholders import check_text
from core.text import folded

TITLE_MAX = 80
TEXT_MAX = 4000
LOADED_MAX = 2000
"""How many replies a list or a search looks at (a team keeps tens, not thousands)."""


@dataclass(frozen=True)
class ReplyDraft:
    """A reply as a manager typed it, before it is checked."""

    title: str
    text: str
    language: str


def checked(draft: ReplyDraft) -> ReplyDraft:
    """The draft trimmed and checked; ``InvalidInput`` with the first problem found."""
    title = " ".join(draft.title.split())
    text = draft.text.replace("\r\n", "\n").strip()
    if not title:
        raise InvalidInput("replies.title_missing")
    if len(title) > TITLE_MAX:
        raise InvalidInput("replies.title_long", max=TITLE_MAX)
    if not text:
        raise InvalidInput("replies.text_missing")
    if len(text) > TEXT_MAX:
        raise InvalidInput("replies.text_long", max=TEXT_MAX)
    if draft.language not in LANGUAGES:
        raise InvalidInput("replies.language", known=", ".join(LANGUAGES))
    check_text(text)
    return ReplyDraft(title, text, draft.language)


async def load_reply(uow: UnitOfWork, reply_id: int) -> SavedReply:
    """The reply ``reply_id``; NotFound when there is none."""
    reply = await uow.session.get(SavedReply, reply_id) if 0 < reply_id < 2**31 else None
    if reply is None:
        raise NotFound("replies.not_found", id=reply_id)
    return reply


async def create_reply(core: Core, draft: ReplyDraft, *, by: str) -> SavedReply:
    """Store a new active reply; ``by`` names who did it (``web:<login>``)."""
    good = checked(draft)
    now = core.clock.now()
    reply = SavedReply(
        title=good.title,
        text=good.text,
        language=good.language,
        created_by=by[:64],
        created_at=now,
        updated_by=by[:64],
        updated_at=now,
    )
    async with core.transaction() as uow:
        uow.session.add(reply)
        await uow.session.flush()
    return reply


async def update_reply(core: Core, reply_id: int, draft: ReplyDraft, *, by: str) -> SavedReply:
    """Change a reply's title, text and language."""
    good = checked(draft)
    async with core.transaction() as uow:
        reply = await load_reply(uow, reply_id)
        reply.title, reply.text, reply.language = good.title, good.text, good.language
        reply.updated_by, reply.updated_at = by[:64], core.clock.now()
        uow.session.add(reply)
    return reply


async def set_reply_active(core: Core, reply_id: int, active: bool, *, by: str) -> SavedReply:
    """Deactivate a reply (no longer offered) or activate it again."""
    async with core.transaction() as uow:
        reply = await load_reply(uow, reply_id)
        reply.active = active
        reply.updated_by, reply.updated_at = by[:64], core.clock.now()
        uow.session.add(reply)
    return reply


async def delete_reply(core: Core, reply_id: int) -> None:
    """Delete a reply for good (what was sent with it stays sent)."""
    async with core.transaction() as uow:
        await uow.session.delete(await load_reply(uow, reply_id))


async def all_replies(uow: UnitOfWork) -> list[SavedReply]:
    """Every reply, active first, by title."""
    statement = (
        select(SavedReply)
        .order_by(col(SavedReply.active).desc(), col(SavedReply.title), col(SavedReply.id))
        .limit(LOADED_MAX)
    )
    return list((await uow.session.exec(statement)).all())


def _rank(reply: SavedReply, needle: str, language: str) -> tuple[int, int, str, int]:
    title = folded(reply.title)
    if not needle or title.startswith(needle):
        match = 0
    elif needle in title:
        match = 1
    else:
        match = 2
    return (0 if reply.language == language else 1, match, title, reply.id or 0)


async def search_replies(
    uow: UnitOfWork, query: str, language: str, *, limit: int = 20
) -> list[SavedReply]:
    """Active replies whose title or text holds every word of ``query`` (accents and case
    ignored): those in ``language`` first, then title starts, title matches, text matches."""
    needle = folded(query[:200])
    words = needle.split()
    statement = select(SavedReply).where(col(SavedReply.active)).limit(LOADED_MAX)
    found = [
        reply
        for reply in (await uow.session.exec(statement)).all()
        if all(word in folded(f"{reply.title} {reply.text}") for word in words)
    ]
    found.sort(key=lambda reply: _rank(reply, needle, language))
    return found[: max(0, limit)]

"""``/resposta``: the saved reply modal, its sessions and its type-ahead options.

Slack does not run slash commands inside threads, so ``/resposta [termo]`` is typed in a channel
and opens a modal: a type-ahead select of saved replies (options from
:func:`reply_options`, the term typed after the command preselecting the best match) and a
select of the person's open sessions (preselected when there is one). The submission sends the
reply into the session as their message (``core.replies.send_saved_reply``): posted in the
session's thread and sent to the client.
"""

from __future__ import annotations

from typing import Any

from adapters.slack.agendar.modal import option, plain
from adapters.slack.modals import row_id, selected
from core.context import Core
from core.errors import BusinessError
from core.messages import t
from core.replies import RenderedReply, replies_for_session
from core.views import SessionLine, my_consultant, my_sessions

REPLY_VIEW = "saved_reply_form"
"""The modal's ``callback_id``."""
REPLY = "saved_reply"
SESSION = "saved_reply_session"
"""Block (and action) ids of the reply's type-ahead and the session select."""
SHOWN = 100
"""Slack shows at most 100 options."""

View = dict[str, Any]


async def open_sessions(core: Core, user: str) -> list[SessionLine]:
    """The open sessions ``user`` leads, attends or takes part in, oldest first."""
    key = user.strip().upper()
    async with core.db.read() as uow:
        consultant = await my_consultant(uow, key)
        lines = await my_sessions(
            uow, core.config.timezone, key, consultant.id if consultant else None
        )
    return lines[:SHOWN]


def _session_option(line: SessionLine) -> dict[str, Any]:
    return option(str(line.session.id), f"#{line.session.id} {line.contact} — {line.company}")


def _reply_option(reply: RenderedReply) -> dict[str, Any]:
    return option(str(reply.id), f"{reply.title} ({reply.language})")


async def _offered(core: Core, user: str, session_id: int, typed: str) -> list[RenderedReply]:
    try:
        return await replies_for_session(core, session_id, user, typed[:100])
    except BusinessError:
        return []


async def reply_modal(core: Core, user: str, term: str, sessions: list[SessionLine]) -> View:
    """The modal: the replies' type-ahead (``term``'s best match chosen) and the sessions."""
    lang = core.config.language
    reply: dict[str, Any] = {
        "type": "external_select",
        "action_id": REPLY,
        "min_query_length": 0,
        "placeholder": plain(t("replies.slack.reply_hint", lang), 150),
    }
    first = sessions[0].session.id if sessions else None
    if term.strip() and first is not None:
        best = await _offered(core, user, first, term)
        if best:
            reply["initial_option"] = _reply_option(best[0])
    session: dict[str, Any] = {
        "type": "static_select",
        "action_id": SESSION,
        "options": [_session_option(line) for line in sessions],
    }
    if len(sessions) == 1:
        session["initial_option"] = _session_option(sessions[0])
    return {
        "type": "modal",
        "callback_id": REPLY_VIEW,
        "title": plain(t("replies.slack.title", lang), 24),
        "submit": plain(t("replies.slack.submit", lang), 24),
        "close": plain(t("slack.modal.cancel", lang), 24),
        "blocks": [
            {
                "type": "input",
                "block_id": REPLY,
                "label": plain(t("replies.slack.reply", lang), 2000),
                "element": reply,
            },
            {
                "type": "input",
                "block_id": SESSION,
                "label": plain(t("replies.slack.session", lang), 2000),
                "element": session,
            },
        ],
    }


async def reply_options(core: Core, user: str, typed: str, view: View) -> list[dict[str, Any]]:
    """Replies matching ``typed`` for the session chosen in the modal (else the person's
    first open session); none for someone with no open session of theirs."""
    chosen = row_id(selected(view, SESSION))
    if chosen is None:
        sessions = await open_sessions(core, user)
        if not sessions or sessions[0].session.id is None:
            return []
        chosen = sessions[0].session.id
    return [_reply_option(reply) for reply in await _offered(core, user, chosen, typed)]


def chosen_ids(view: View) -> tuple[int | None, int | None]:
    """The (reply, session) ids chosen in the submitted modal (None when missing or forged)."""
    return row_id(selected(view, REPLY)), row_id(selected(view, SESSION))

"""Saved replies ("respostas salvas"): texts staff insert into a session instead of typing them.

Managers keep them in the dashboard (``catalogue``: title, text, language, active); a text may
hold the placeholders of ``placeholders`` (the client's first name, the company, the sender's
name), checked when saved and filled for the session when used. Staff find them by title or
text (:func:`replies_for_session`, the client's language first) in the console's composer
(typing ``/``) or in Slack (``/resposta``), and :func:`send_saved_reply` sends one as their
message through the same path as a typed reply.
"""

from __future__ import annotations

from core.replies.catalogue import (
    TEXT_MAX,
    TITLE_MAX,
    ReplyDraft,
    all_replies,
    create_reply,
    delete_reply,
    load_reply,
    search_replies,
    set_reply_active,
    update_reply,
)
from core.replies.placeholders import PLACEHOLDERS, Values, check_text, known_names, render
from core.replies.use import RenderedReply, first_name, replies_for_session, send_saved_reply

__all__ = [
    "PLACEHOLDERS",
    "TEXT_MAX",
    "TITLE_MAX",
    "RenderedReply",
    "ReplyDraft",
    "Values",
    "all_replies",
    "check_text",
    "create_reply",
    "delete_reply",
    "first_name",
    "known_names",
    "load_reply",
    "render",
    "replies_for_session",
    "search_replies",
    "send_saved_reply",
    "set_reply_active",
    "update_reply",
]

"""The session modals: call a specialist, transfer, recommend an on-site visit, the medium.

Each modal carries the session id in ``private_metadata``; its submission listener (``views/``)
reads the inputs with :func:`selected` / :func:`typed` and calls the core.
"""

from __future__ import annotations

from typing import Any

from core.connection import SESSION_MEDIA, medium_label
from core.messages import t

SPECIALIST = "session_specialist"
TRANSFER = "session_transfer"
ONSITE = "session_onsite"
MEDIUM = "session_medium"
"""Modal ``callback_id`` values."""

View = dict[str, Any]
Option = tuple[str, str]  # (value, text)


def _plain(text: str, limit: int = 75) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:limit], "emoji": True}


def _select(block_id: str, title: str, options: list[Option], language: str) -> dict[str, Any]:
    return {
        "type": "input",
        "block_id": block_id,
        "optional": True,
        "label": _plain(title, 2000),
        "element": {
            "type": "static_select",
            "action_id": block_id,
            "placeholder": _plain(t("slack.modal.choose", language), 150),
            "options": [{"text": _plain(text), "value": value} for value, text in options[:100]],
        },
    }


def _modal(callback_id: str, title: str, session_id: int, blocks: list[Any], lang: str) -> View:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": str(session_id),
        "title": _plain(title, 24),
        "submit": _plain(t("slack.modal.submit", lang), 24),
        "close": _plain(t("slack.modal.cancel", lang), 24),
        "blocks": blocks,
    }


def specialist_modal(
    session_id: int, consultants: list[Option], areas: list[str], language: str
) -> View:
    """Choose a consultant, or an area whose first free consultant is called."""
    hint = {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": t("slack.modal.specialist_hint", language)}],
    }
    blocks = [hint]
    if consultants:
        field = t("sessions.field.consultant", language)
        blocks.append(_select("consultant", field, consultants, language))
    if areas:
        field = t("sessions.field.area", language)
        blocks.append(_select("area", field, [(a, a) for a in areas], language))
    title = t("sessions.button.specialist", language)
    return _modal(SPECIALIST, title, session_id, blocks, language)


def transfer_modal(session_id: int, consultants: list[Option], language: str) -> View:
    """Choose the consultant who carries on."""
    block = _select("consultant", t("sessions.field.consultant", language), consultants, language)
    block["optional"] = False
    title = t("sessions.button.transfer", language)
    return _modal(TRANSFER, title, session_id, [block], language)


def onsite_modal(session_id: int, language: str) -> View:
    """A short reason for the on-site visit."""
    block = {
        "type": "input",
        "block_id": "reason",
        "label": _plain(t("sessions.field.reason", language), 2000),
        "element": {
            "type": "plain_text_input",
            "action_id": "reason",
            "multiline": True,
            "max_length": 500,
        },
    }
    title = t("sessions.button.onsite", language)
    return _modal(ONSITE, title, session_id, [block], language)


def medium_modal(session_id: int, current: str, language: str) -> View:
    """The session's medium (the current one chosen) and its detail; never a password."""
    options = [(m.value, medium_label(m, language)) for m in SESSION_MEDIA]
    medium = _select("medium", t("connection.modal.medium", language), options, language)
    medium["optional"] = False
    chosen = [o for o in medium["element"]["options"] if o["value"] == current]
    if chosen:
        medium["element"]["initial_option"] = chosen[0]
    detail = {
        "type": "input",
        "block_id": "detail",
        "optional": True,
        "label": _plain(t("connection.modal.detail", language), 2000),
        "hint": _plain(t("connection.modal.detail_hint", language), 2000),
        "element": {"type": "plain_text_input", "action_id": "detail", "max_length": 255},
    }
    title = t("connection.modal.title", language)
    return _modal(MEDIUM, title, session_id, [medium, detail], language)


def selected(view: dict[str, Any], block_id: str) -> str | None:
    """The chosen option's value of a select input, or None."""
    state = view.get("state", {}).get("values", {}).get(block_id, {}).get(block_id) or {}
    option = state.get("selected_option") or {}
    value = option.get("value")
    return str(value) if value else None


def typed(view: dict[str, Any], block_id: str) -> str:
    """The text typed in a text input ("" when empty)."""
    state = view.get("state", {}).get("values", {}).get(block_id, {}).get(block_id) or {}
    return str(state.get("value") or "")


def row_id(text: object) -> int | None:
    """A row id that we wrote into a modal or an option (1 to 9 ASCII digits), else None."""
    value = str(text or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None


def session_of(view: dict[str, Any]) -> int:
    """The session id the modal was opened for (0, which names none, when it is not one)."""
    return row_id(view.get("private_metadata")) or 0

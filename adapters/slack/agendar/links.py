"""The modal a secretary uses to choose the company of a link request when several match."""

from __future__ import annotations

from typing import Any

from adapters.slack.agendar.modal import COMPANY, plain
from adapters.slack.modals import row_id
from core.context import Core
from core.messages import echo, t

LINK_VIEW = "agendar_link"
"""The link modal's ``callback_id``; its ``private_metadata`` is the link request id."""


def link_modal(core: Core, link_id: int, hint: str) -> dict[str, Any]:
    """Choose the company (type-ahead, as in the booking modal) and approve the link."""
    lang = core.config.language
    return {
        "type": "modal",
        "callback_id": LINK_VIEW,
        "private_metadata": str(link_id),
        "title": plain(t("agendar.link.modal_title", lang), 24),
        "submit": plain(t("agendar.link.modal_submit", lang), 24),
        "close": plain(t("agendar.modal.close", lang), 24),
        "blocks": [
            {
                "type": "section",
                "text": plain(t("agendar.link.modal_text", lang, hint=echo(hint)), 3000),
            },
            {
                "type": "input",
                "block_id": COMPANY,
                "label": plain(t("agendar.modal.company", lang), 2000),
                "element": {
                    "type": "external_select",
                    "action_id": COMPANY,
                    "min_query_length": 0,
                    "placeholder": plain(t("agendar.modal.company_hint", lang), 150),
                },
            },
        ],
    }


def link_of(view: dict[str, Any]) -> int:
    """The link request id the modal was opened for (0 if unreadable)."""
    return row_id(view.get("private_metadata")) or 0

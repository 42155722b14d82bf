"""The client chat page's own labels for its template (the texts are ``web.chat.*`` in
:mod:`core.messages`)."""

from __future__ import annotations

from core.messages import CATALOGUES, DEFAULT_LANGUAGE, t

PAGE_PREFIX = "web.chat."
NOTICE_PREFIX = "web.chat.notice."


def page_texts(language: str) -> dict[str, str]:
    """The page's labels in ``language``, keyed as the template reads them (``chat.title``)."""
    return {
        "chat." + key.removeprefix(PAGE_PREFIX): t(key, language)
        for key in CATALOGUES[DEFAULT_LANGUAGE]
        if key.startswith(PAGE_PREFIX) and not key.startswith(NOTICE_PREFIX)
    }

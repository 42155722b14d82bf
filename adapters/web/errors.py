"""Who is asking the web app: the visitor's language, and whether they want JSON or a page.

The error pages' texts are ``web.error.*`` in :mod:`core.messages`.
"""

from __future__ import annotations

from aiohttp import web

from core.messages import normalise_language

LANGUAGE_COOKIE = "cw_lang"
LANGUAGES = ("pt-BR", "en")


def visitor_language(request: web.Request, default: str = "pt-BR") -> str:
    """``?lang=``, then the language cookie, then ``Accept-Language``, then ``default``."""
    chosen = request.query.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    if chosen and normalise_language(chosen) in LANGUAGES and chosen.strip():
        return normalise_language(chosen)
    accepted = request.headers.get("Accept-Language", "").strip().lower()
    if accepted.startswith("en"):
        return "en"
    if accepted.startswith("pt"):
        return "pt-BR"
    return normalise_language(default)


def wants_json(request: web.Request) -> bool:
    """True for fetch calls (JSON bodies or an Accept of JSON), False for page loads."""
    accept = request.headers.get("Accept", "")
    if "application/json" in accept or "text/event-stream" in accept:
        return True
    return request.method not in ("GET", "HEAD") and "text/html" not in accept

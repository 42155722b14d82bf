"""Error pages and JSON refusals of the web app, in the visitor's language (never a trace)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from core.messages import normalise_language

LANGUAGE_COOKIE = "cw_lang"
LANGUAGES = ("pt-BR", "en")

PT_BR = {
    "error.title.400": "Pedido inválido",
    "error.title.403": "Acesso negado",
    "error.title.404": "Página não encontrada",
    "error.title.405": "Operação não permitida",
    "error.title.413": "Conteúdo grande demais",
    "error.title.500": "Algo deu errado",
    "error.text.400": "O pedido não pôde ser entendido. Volte e tente de novo.",
    "error.text.403": "Você não tem permissão para isto, ou a sua sessão expirou. "
    "Recarregue a página e tente de novo.",
    "error.text.404": "Não encontramos o endereço {path}.",
    "error.text.405": "Este endereço não aceita esta operação.",
    "error.text.413": "O conteúdo enviado é grande demais.",
    "error.text.500": "Desculpe, algo deu errado do nosso lado. Já registramos o problema; "
    "tente de novo em instantes.",
    "error.back": "Ir para o chat",
}

EN = {
    "error.title.400": "Bad request",
    "error.title.403": "Access denied",
    "error.title.404": "Page not found",
    "error.title.405": "Not allowed",
    "error.title.413": "Too large",
    "error.title.500": "Something went wrong",
    "error.text.400": "The request could not be understood. Go back and try again.",
    "error.text.403": "You are not allowed to do this, or your session has expired. "
    "Reload the page and try again.",
    "error.text.404": "We could not find {path}.",
    "error.text.405": "This address does not accept this operation.",
    "error.text.413": "What was sent is too large.",
    "error.text.500": "Sorry, something went wrong on our side. We have logged the problem; "
    "please try again in a moment.",
    "error.back": "Go to the chat",
}

_CATALOGUES = {"pt-BR": PT_BR, "en": EN}


def error_text(key: str, language: str, **params: Any) -> str:
    """The text ``key`` in ``language`` (pt-BR when missing)."""
    template = _CATALOGUES[normalise_language(language)].get(key) or PT_BR[key]
    return template.format(**params) if params else template


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

"""Every user-facing text, in pt-BR (default) and en.

Each module of this package holds the texts of one part of the product as two dictionaries,
``PT_BR`` and ``EN``, with the same keys; they are merged here into one catalogue per language.
Placeholders use ``str.format`` syntax.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from typing import Any

from babel import Locale

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "pt-BR"
LANGUAGES = ("pt-BR", "en")

CATALOGUES: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}


def _load() -> None:
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for language, attribute in (("pt-BR", "PT_BR"), ("en", "EN")):
            texts: dict[str, str] = getattr(module, attribute)
            clash = CATALOGUES[language].keys() & texts.keys()
            if clash:
                raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
            CATALOGUES[language].update(texts)


def normalise_language(language: str | None) -> str:
    """Map ``pt``, ``pt_BR``, ``en-US``... to a supported language; default pt-BR."""
    if not language:
        return DEFAULT_LANGUAGE
    code = language.replace("_", "-").lower()
    if code.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


ECHO_LIMIT = 60
"""How many characters of a person's input an answer quotes back (then "…")."""


def echo(text: object, limit: int = ECHO_LIMIT) -> str:
    """``text`` as an answer quotes it back: on one line, cut to ``limit`` characters with "…"."""
    line = " ".join(str(text).split())
    if len(line) <= limit:
        return line
    return line[: limit - 1].rstrip() + "…"


def t(key: str, language: str | None = None, **params: Any) -> str:
    """The text ``key`` in ``language`` with ``params`` filled in (pt-BR when unknown).

    A key written as ``key.one`` and ``key.other`` is a plural: the form is chosen by the
    ``count`` parameter with the language's CLDR plural rules (Babel): "1 sessão", "2 sessões".
    """
    catalogue = CATALOGUES[normalise_language(language)]
    if key not in catalogue and f"{key}.other" in catalogue and "count" in params:
        key = f"{key}.{_plural_form(params['count'], language)}"
    template = catalogue.get(key)
    if template is None:
        template = CATALOGUES[DEFAULT_LANGUAGE].get(key)
        if template is None:
            logger.error("missing message key %s", key)
            return key
    return template.format(**params) if params else template


def lookup(key: str, language: str | None) -> str | None:
    """The text ``key`` of ``language``'s own catalogue, unfilled; None when it has none."""
    return CATALOGUES[normalise_language(language)].get(key)


def channel_key(key: str, channel: str | None) -> str:
    """``key`` as worded for ``channel`` (``key.web``, ``key.telegram``) when there is such a
    variant, else ``key`` (the words of a channel: "Envie /start" is Telegram's)."""
    if channel is None:
        return key
    variant = f"{key}.{channel}"
    return variant if variant in CATALOGUES[DEFAULT_LANGUAGE] else key


_LOCALES = {"pt-BR": Locale.parse("pt_BR"), "en": Locale.parse("en")}


def _plural_form(count: object, language: str | None) -> str:
    """``one`` or ``other``: the CLDR plural category of ``count`` in ``language`` (Babel)."""
    if not isinstance(count, int):
        return "other"
    locale = _LOCALES[normalise_language(language)]
    return "one" if locale.plural_form(count) == "one" else "other"


_load()

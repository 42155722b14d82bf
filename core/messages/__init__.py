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
    """The text ``key`` in ``language`` with ``params`` filled in (pt-BR when unknown)."""
    catalogue = CATALOGUES[normalise_language(language)]
    template = catalogue.get(key)
    if template is None:
        template = CATALOGUES[DEFAULT_LANGUAGE].get(key)
        if template is None:
            logger.error("missing message key %s", key)
            return key
    return template.format(**params) if params else template


_load()

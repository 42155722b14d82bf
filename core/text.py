"""Matching what people type against names: lower case, no accents, single spaces."""

from __future__ import annotations

import unicodedata


def folded(text: str) -> str:
    """``"  Indústria  Têxtil"`` -> ``"industria textil"`` (for comparing, never for showing)."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))

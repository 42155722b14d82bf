"""The product lines the service knows: the served ones and those not served online yet.

An allow-list: a company's line must be one of them (matched by key or display name, ignoring
case, accents and spacing) and is stored as its key. A line not served yet — or one no longer
configured — is refused politely, by its display name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from core.text import folded


def parse_lines(text: str) -> dict[str, str]:
    """``"industrial=Industrial, varejo=Varejo"`` -> key -> display name (a bare key: itself).

    Keys are lower case without spaces; ValueError for an empty key or one given twice.
    """
    lines: dict[str, str] = {}
    for item in text.split(","):
        if not item.strip():
            continue
        key, _, display = item.partition("=")
        key = "".join(key.split()).lower()
        if not key or key in lines:
            raise ValueError(f"empty or repeated product line {item.strip()!r}")
        lines[key] = " ".join(display.split()) or key
    return lines


@dataclass(frozen=True)
class ProductLines:
    """Served lines and lines not served online yet, each key -> display name."""

    served: Mapping[str, str] = field(default_factory=lambda: {"industrial": "Industrial"})
    not_yet: Mapping[str, str] = field(default_factory=lambda: {"varejo": "Varejo"})

    def key_of(self, text: str) -> str | None:
        """The configured line ``text`` names (by key or display name), or None."""
        wanted = folded(text)
        for lines in (self.served, self.not_yet):
            for key, display in lines.items():
                if wanted in (folded(key), folded(display)):
                    return key
        return None

    def is_served(self, line: str) -> bool:
        """Whether consulting is offered for a company of ``line`` (unknown lines: not served)."""
        key = self.key_of(line)
        return key is not None and key in self.served

    def display(self, line: str) -> str:
        """The line's display name (the stored text when it is not configured)."""
        key = self.key_of(line)
        if key is None:
            return line
        return self.served.get(key) or self.not_yet.get(key) or line

    def known(self) -> str:
        """Every configured line as ``key (Display)``, for an answer that lists them."""
        lines = {**self.served, **self.not_yet}
        return ", ".join(f"{key} ({display})" for key, display in lines.items())

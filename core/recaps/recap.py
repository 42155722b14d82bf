"""A recap as data: its header and lines, already in the client's language, and the JSON
stored in ``session_recap.content``, from which its documents are rendered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.messages import t

SIDES = ("client", "guest", "staff")
"""Who wrote a line (``core.sessions.relay``'s sides)."""


@dataclass(frozen=True)
class RecapLine:
    """One relayed message: local time, who wrote it, their side, the text and files' names."""

    time: str
    author: str
    side: str
    text: str
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recap:
    """A session's recap as the documents show it (labels and values in ``language``)."""

    session_id: int
    language: str
    company: str
    day: str
    header: tuple[tuple[str, str], ...]
    lines: tuple[RecapLine, ...]

    def title(self) -> str:
        """``Conversa do atendimento #12``."""
        return t("recap.title", self.language, id=self.session_id)

    def file_name(self, extension: str) -> str:
        """``conversa-atendimento-12.pdf`` (``conversation-…`` in English)."""
        return f"{t('recap.file_stem', self.language)}-{self.session_id}.{extension}"

    def to_json(self) -> dict[str, Any]:
        """The recap as stored (``SessionRecap.content``)."""
        return {
            "session_id": self.session_id,
            "language": self.language,
            "company": self.company,
            "day": self.day,
            "header": [list(pair) for pair in self.header],
            "lines": [
                {
                    "time": line.time,
                    "author": line.author,
                    "side": line.side,
                    "text": line.text,
                    "files": list(line.files),
                }
                for line in self.lines
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Recap:
        """A stored recap (``to_json``); fields that do not parse read as empty."""
        lines = []
        for item in data.get("lines") or ():
            if not isinstance(item, dict):
                continue
            lines.append(
                RecapLine(
                    time=str(item.get("time", "")),
                    author=str(item.get("author", "")),
                    side=str(item.get("side", "")),
                    text=str(item.get("text", "")),
                    files=tuple(str(name) for name in item.get("files") or ()),
                )
            )
        header = tuple(
            (str(pair[0]), str(pair[1]))
            for pair in data.get("header") or ()
            if isinstance(pair, list | tuple) and len(pair) == 2
        )
        return cls(
            session_id=int(data.get("session_id", 0)),
            language=str(data.get("language", "pt-BR")),
            company=str(data.get("company", "")),
            day=str(data.get("day", "")),
            header=header,
            lines=tuple(lines),
        )

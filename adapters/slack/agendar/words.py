"""The optional words of ``/agendar``: durations, media, areas, ``@consultor``, ``alternativo``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from core.booking import normalise_medium
from core.connection import Medium
from core.errors import InvalidInput
from core.messages import echo

_HOURS = re.compile(r"([0-9]{1,2})\s*h(?:oras?)?(?:([0-9]{1,2})\s*(?:min|m)?)?", re.IGNORECASE)
_MINUTES = re.compile(r"([0-9]{1,6})\s*(?:min|m|minutos?|minutes?)?", re.IGNORECASE)
_CLOCK_DURATION = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^<>]*))?>")
_AT_NAME = re.compile(r"@([^\s@<>]+)")
_ALTERNATIVE = {"alternativo", "alternativa", "alt", "alternative", "horario-alternativo"}
_LONGEST_MEDIUM = 5
_NUMBER_PART = re.compile(r"[0-9()+.\- ]+")
_PHONE_DIGITS = 10
_TEAMVIEWER_DIGITS = 9
_LEAST_DIGITS = 8
_HOST_WORD = re.compile(r"[A-Za-z0-9.\-:\[\]]+")
_MAX_MINUTES = 100_000


def folded(text: str) -> str:
    """Lower case, single spaces, no accents: ``Amanhã`` -> ``amanha``."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class ConsultantRef:
    """A consultant as typed: a Slack mention (``<@U123|bruno>``) or a plain ``@nome``."""

    slack_user_id: str | None = None
    name: str | None = None

    def shown(self) -> str:
        """How to show it back in a message."""
        if self.slack_user_id:
            return f"<@{echo(self.slack_user_id)}>"
        return echo(f"@{self.name}")


def is_alternative_word(text: str) -> bool:
    """Whether the word marks agreed alternative hours."""
    return folded(text) in _ALTERNATIVE


def parse_consultant(text: str) -> ConsultantRef | None:
    """``<@U123|name>`` or ``<@U123>`` (Slack's escaping) or ``@nome``; None for other words."""
    mention = _MENTION.fullmatch(text)
    if mention is not None:
        return ConsultantRef(slack_user_id=mention.group(1))
    plain = _AT_NAME.fullmatch(text)
    if plain is not None:
        return ConsultantRef(name=plain.group(1))
    return None


def parse_duration(text: str) -> timedelta | None:
    """``30``, ``60``, ``90min``, ``1h``, ``1h30``, ``1:30`` -> timedelta; None if not one.

    A duration-shaped word with impossible minutes (``1h75``, a huge number) is refused here;
    whether a well-formed duration is allowed (a multiple of the period, at most the maximum) is
    the core's rule.
    """
    word = text.strip()
    hours = _HOURS.fullmatch(word)
    if hours is not None:
        minutes = int(hours.group(2) or 0)
        if minutes >= 60:
            raise InvalidInput("agendar.bad_duration", value=echo(text))
        return timedelta(hours=int(hours.group(1)), minutes=minutes)
    plain = _MINUTES.fullmatch(word)
    if plain is not None:
        value = int(plain.group(1))
        if value > _MAX_MINUTES:
            raise InvalidInput("agendar.bad_duration", value=echo(text))
        return timedelta(minutes=value)
    clock = _CLOCK_DURATION.fullmatch(word)
    if clock is not None and int(clock.group(2)) < 60:
        return timedelta(hours=int(clock.group(1)), minutes=int(clock.group(2)))
    return None


def take_medium(words: list[str]) -> tuple[str, int] | None:
    """The medium named by the first words (``Terminal Service`` may span two), and how many."""
    for count in range(min(_LONGEST_MEDIUM, len(words)), 0, -1):
        try:
            return normalise_medium(" ".join(words[:count])), count
        except InvalidInput:
            continue
    return None


def take_detail(medium: str, words: list[str]) -> tuple[str, int] | None:
    """The connection detail typed right after the medium (checked by the core), and how many
    words it took: a phone (``(11) 98765-4321``), a TeamViewer ID (``123 456 789``) or a host
    (``ts.empresa.com.br``); None when the next words are not one."""
    if not words:
        return None
    if medium == Medium.TERMINAL:
        word = words[0]
        marked = any(c in word for c in ".:") or any(c.isdigit() for c in word)
        looks_like_host = marked and _HOST_WORD.fullmatch(word) is not None
        return (word, 1) if looks_like_host and parse_duration(word) is None else None
    if medium not in (Medium.PHONE, Medium.TEAMVIEWER):
        return None
    enough = _PHONE_DIGITS if medium == Medium.PHONE else _TEAMVIEWER_DIGITS
    taken: list[str] = []
    digits = 0
    for word in words:
        if digits >= enough or not _NUMBER_PART.fullmatch(word):
            break
        taken.append(word)
        digits += sum(c.isdigit() for c in word)
    if digits < _LEAST_DIGITS:
        return None
    return " ".join(taken), len(taken)


def take_area(words: list[str], areas: tuple[str, ...]) -> tuple[str, int] | None:
    """The configured area named by the first words, and how many words it took."""
    for count in range(min(_LONGEST_MEDIUM, len(words)), 0, -1):
        typed = folded(" ".join(words[:count]))
        for area in areas:
            if folded(area) == typed:
                return area, count
    return None

"""Words of ``/agendar``: splitting Slack's text, and reading days and times."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from adapters.slack.agendar.words import folded
from core.errors import InvalidInput
from core.messages import echo
from core.timefmt import parse_date, parse_time

_TOKEN = re.compile(r'"[^"]*"|“[^”]*”|<[^<>]*>|\S+')
TODAY = frozenset({"hoje", "today"})
TOMORROW = frozenset({"amanha", "tomorrow"})


@dataclass(frozen=True)
class Token:
    """One word of the command; ``quoted`` when it was written between quotes."""

    text: str
    quoted: bool = False


def tokens(text: str) -> list[Token]:
    """Split Slack's command text into words, keeping quoted names and ``<@U…>`` mentions whole."""
    words: list[Token] = []
    for raw in _TOKEN.findall(text):
        if raw[0] in '"“' and len(raw) >= 2 and raw[-1] in '"”':
            words.append(Token(html.unescape(raw[1:-1]).strip(), quoted=True))
        elif raw[0] in '"“”':
            raise InvalidInput("agendar.unclosed_quote", value=echo(html.unescape(raw)))
        elif raw.startswith("<"):
            words.append(Token(raw))
        else:
            words.append(Token(html.unescape(raw)))
    return words


def parse_day(text: str, *, today: date, key: str = "agendar.bad_date") -> date:
    """``hoje``, ``amanhã`` or ``dd/mm[/aaaa]`` (``.`` and ``-`` also accepted) -> a date."""
    word = folded(text)
    if word in TODAY:
        return today
    if word in TOMORROW:
        return today + timedelta(days=1)
    cleaned = re.sub(r"[.\-]", "/", text.strip())
    if re.fullmatch(r"[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}", cleaned):
        cleaned = f"{cleaned[:-2]}20{cleaned[-2:]}"
    try:
        return parse_date(cleaned, today=today)
    except InvalidInput as error:
        raise InvalidInput(key, value=echo(text)) from error


def parse_clock(text: str) -> time:
    """``hh:mm``, ``14h`` or ``14h30`` -> a time."""
    try:
        return parse_time(text)
    except InvalidInput as error:
        raise InvalidInput("agendar.bad_time", value=echo(text)) from error

"""``/agendar`` text -> a command (pure): book, list, cancel, move, help, or the modal.

Forms (SPEC 7): ``<empresa> <dd/mm> <hh:mm> [duração] [meio [telefone|ID|servidor]] [área]
[@consultor] [alternativo]`` (the connection detail right after its medium),
``lista [hoje|amanhã|dd/mm]``, ``cancelar <id> [motivo]``, ``remarcar <id> <dd/mm> <hh:mm>
[alternativo]``, ``ajuda``; empty text opens the modal. The company is the first word, a quoted
name (``"Metalúrgica X"``), or the words before the date. Malformed input raises ``InvalidInput``
with an ``agendar.*`` key naming what is wrong and the right form; whether the time is free, open
or in the past is the core's business, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from adapters.slack.agendar.commands import (
    BookText,
    CancelBooking,
    Command,
    ListDay,
    MoveBooking,
    OpenModal,
    ShowHelp,
)
from adapters.slack.agendar.text import TODAY, TOMORROW, Token, parse_clock, parse_day, tokens
from adapters.slack.agendar.words import (
    ConsultantRef,
    folded,
    is_alternative_word,
    parse_consultant,
    parse_duration,
    take_area,
    take_detail,
    take_medium,
)
from core.booking import MEDIA
from core.errors import InvalidInput
from core.messages import echo

_DATE_LIKE = re.compile(r"[0-9]{1,2}[/.\-][0-9]{1,2}(?:[/.\-][0-9]{2,4})?")
_TIME_LIKE = re.compile(r"[0-9]{1,2}:[0-9]{1,2}")
_BOOKING_ID = re.compile(r"(?:#|n[º°o]\.?)?([0-9]{1,9})", re.IGNORECASE)
_LIST = {"lista", "listar", "list"}
_CANCEL = {"cancelar", "cancel"}
_MOVE = {"remarcar", "mover", "reschedule", "move"}
_HELP = {"ajuda", "help", "?"}


def parse_command(text: str, *, today: date, areas: tuple[str, ...] = ()) -> Command:
    """The command typed after ``/agendar`` (see the module docstring)."""
    words = tokens(text)
    if not words:
        return OpenModal()
    verb = folded(words[0].text) if not words[0].quoted else ""
    rest = words[1:]
    if verb in _HELP:
        if rest:
            raise InvalidInput("agendar.help_extra", value=echo(" ".join(w.text for w in rest)))
        return ShowHelp()
    if verb in _LIST:
        return _list(rest, today)
    if verb in _CANCEL:
        booking_id = _booking_id(rest, "cancelar")
        reason = " ".join(w.text for w in rest[1:]) or None
        return CancelBooking(booking_id, reason)
    if verb in _MOVE:
        return _move(rest, today)
    return _book(words, today, areas)


def _list(rest: list[Token], today: date) -> ListDay:
    if not rest:
        return ListDay(today)
    if len(rest) > 1:
        raise InvalidInput("agendar.list_extra", value=echo(rest[1].text))
    return ListDay(parse_day(rest[0].text, today=today, key="agendar.bad_list_day"))


def _booking_id(rest: list[Token], verb: str) -> int:
    if not rest:
        raise InvalidInput("agendar.missing_id", verb=verb)
    match = _BOOKING_ID.fullmatch(rest[0].text.strip())
    if match is None:
        raise InvalidInput("agendar.bad_id", value=echo(rest[0].text), verb=verb)
    return int(match.group(1))


def _move(rest: list[Token], today: date) -> MoveBooking:
    booking_id = _booking_id(rest, "remarcar")
    if len(rest) < 2:
        raise InvalidInput("agendar.move_missing_date")
    day = parse_day(rest[1].text, today=today)
    if len(rest) < 3:
        raise InvalidInput("agendar.move_missing_time")
    at = parse_clock(rest[2].text)
    alternative: bool | None = None
    for word in rest[3:]:
        if alternative is None and is_alternative_word(word.text):
            alternative = True
            continue
        key = "agendar.move_consultant" if parse_consultant(word.text) else "agendar.move_extra"
        raise InvalidInput(key, value=echo(word.text), id=booking_id)
    return MoveBooking(booking_id, day, at, alternative)


def _company_end(words: list[Token]) -> int:
    """Index of the first word after the company (quoted, or the words before the date)."""
    if words[0].quoted:
        return 1
    for index in range(1, len(words)):
        text = words[index].text
        if words[index].quoted:
            return index
        if _DATE_LIKE.fullmatch(text) or _TIME_LIKE.fullmatch(text):
            return index
        if folded(text) in TODAY | TOMORROW:
            return index
    return 1


def _book(words: list[Token], today: date, areas: tuple[str, ...]) -> BookText:
    end = _company_end(words)
    company = " ".join(w.text for w in words[:end])
    rest = words[end:]
    if not rest:
        raise InvalidInput("agendar.missing_date", company=echo(company))
    last_word = words[end - 1].text
    if _TIME_LIKE.fullmatch(rest[0].text) and end > 1 and any(c.isdigit() for c in last_word):
        raise InvalidInput("agendar.bad_date", value=echo(words[end - 1].text))
    if _TIME_LIKE.fullmatch(rest[0].text):
        raise InvalidInput("agendar.missing_date", company=echo(company))
    day = parse_day(rest[0].text, today=today)
    if len(rest) < 2:
        raise InvalidInput("agendar.missing_time", date=echo(rest[0].text))
    at = parse_clock(rest[1].text)
    return _options(BookText(company, day, at), rest[2:], areas)


def _options(command: BookText, words: list[Token], areas: tuple[str, ...]) -> BookText:
    """Read the optional words in any order: duration, medium, area, @consultant, alternativo."""
    found: dict[str, tuple[str, object]] = {}
    index = 0
    while index < len(words):
        kind, value, used = _classify(words, index, areas, medium_given="medium" in found)
        typed = " ".join(w.text for w in words[index : index + used])
        if kind in found:
            raise InvalidInput("agendar.twice", first=echo(found[kind][0]), second=echo(typed))
        found[kind] = (typed, value)
        index += used
    values = {kind: value for kind, (_, value) in found.items()}
    duration, medium = values.get("duration"), values.get("medium")
    detail = None
    if isinstance(medium, tuple):
        medium, detail = medium
    area, consultant = values.get("area"), values.get("consultant")
    return replace(
        command,
        duration=duration if isinstance(duration, timedelta) else None,
        medium=medium if isinstance(medium, str) else None,
        connection_detail=detail if isinstance(detail, str) else None,
        area=area if isinstance(area, str) else None,
        consultant=consultant if isinstance(consultant, ConsultantRef) else None,
        alternative="alternative" in values,
    )


def _classify(
    words: list[Token], index: int, areas: tuple[str, ...], *, medium_given: bool
) -> tuple[str, object, int]:
    """What ``words[index]`` (maybe with the next words) is: (kind, value, words used)."""
    text = words[index].text
    consultant = parse_consultant(text)
    if consultant is not None:
        return "consultant", consultant, 1
    if is_alternative_word(text):
        return "alternative", True, 1
    duration = parse_duration(text)
    if duration is not None:
        return "duration", duration, 1
    medium = take_medium([w.text for w in words[index:]])
    if medium is not None:
        after = [w.text for w in words[index + medium[1] :]]
        detail = take_detail(medium[0], after)
        if detail is not None:
            return "medium", (medium[0], detail[0]), medium[1] + detail[1]
        return "medium", medium[0], medium[1]
    area = take_area([w.text for w in words[index:]], areas)
    if area is not None:
        return "area", area[0], area[1]
    if text.replace("-", "").isalpha() and areas:
        key = "agendar.not_an_area" if medium_given else "agendar.not_medium_nor_area"
        raise InvalidInput(key, value=echo(text), media=", ".join(MEDIA), areas=", ".join(areas))
    if not medium_given and text.replace("-", "").isalpha():
        raise InvalidInput("agendar.unknown_medium", value=echo(text), valid=", ".join(MEDIA))
    raise InvalidInput("agendar.extra_word", value=echo(text), media=", ".join(MEDIA))

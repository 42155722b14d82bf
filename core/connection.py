"""How a session is held: its medium and the connection detail it needs (phone, TeamViewer, host).

One value set for sessions and bookings: a session is by chat unless the consultant says
otherwise; a booking names one of :data:`BOOKING_MEDIA` (the values stored since the first
release). A phone is stored in E.164 and shown in the national format; a TeamViewer ID as its
9-10 digits; a Terminal Service host as a host name or IP address (with an optional port).
Remote-access passwords are never asked for nor stored: they travel only in the relayed
conversation, which the retention purges.
"""

from __future__ import annotations

import ipaddress
import re
from enum import StrEnum

import phonenumbers

from core.errors import InvalidInput
from core.messages import echo, t
from core.text import folded


class Medium(StrEnum):
    """The medium of a session or booking, as stored."""

    CHAT = "Chat"
    PHONE = "Telefone"
    TEAMVIEWER = "TeamViewer"
    TERMINAL = "Terminal Service com acesso remoto"
    OTHER = "Outro"


SESSION_MEDIA: tuple[Medium, ...] = tuple(Medium)
"""Every medium a session may have (chat first: the default of an on-demand session)."""
BOOKING_MEDIA: tuple[Medium, ...] = (
    Medium.PHONE,
    Medium.TEAMVIEWER,
    Medium.TERMINAL,
    Medium.OTHER,
)
"""The media a booking may name."""
DETAIL_MAX = 255
"""The longest connection detail stored."""
REGION = "BR"

_ALIASES = {
    "chat": Medium.CHAT,
    "conversa": Medium.CHAT,
    "texto": Medium.CHAT,
    "telefone": Medium.PHONE,
    "fone": Medium.PHONE,
    "tel": Medium.PHONE,
    "phone": Medium.PHONE,
    "telephone": Medium.PHONE,
    "ligacao": Medium.PHONE,
    "teamviewer": Medium.TEAMVIEWER,
    "team viewer": Medium.TEAMVIEWER,
    "tv": Medium.TEAMVIEWER,
    "terminal service com acesso remoto": Medium.TERMINAL,
    "terminal service": Medium.TERMINAL,
    "terminal": Medium.TERMINAL,
    "ts": Medium.TERMINAL,
    "acesso remoto": Medium.TERMINAL,
    "remote access": Medium.TERMINAL,
    "rdp": Medium.TERMINAL,
    "outro": Medium.OTHER,
    "other": Medium.OTHER,
}
_DETAIL_KEY = {
    Medium.PHONE: "phone",
    Medium.TEAMVIEWER: "teamviewer",
    Medium.TERMINAL: "host",
}
_TEAMVIEWER = re.compile(r"[0-9]{9,10}")
_TEAMVIEWER_SEPARATORS = re.compile(r"[\s.\-]+")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_HOST_MAX = 253
_PORT = re.compile(r"[0-9]{1,5}")


def find_medium(text: str) -> Medium | None:
    """The medium named by ``text`` (any case, a short form such as ``tv``), or None."""
    key = folded(text)
    for medium in Medium:
        if folded(medium.value) == key:
            return medium
    return _ALIASES.get(key)


def parse_medium(text: str, allowed: tuple[Medium, ...] = SESSION_MEDIA) -> Medium:
    """The medium named by ``text`` among ``allowed``; InvalidInput naming the valid ones."""
    medium = find_medium(text)
    if medium is None or medium not in allowed:
        valid = ", ".join(m.value for m in allowed)
        raise InvalidInput("connection.unknown_medium", value=echo(text), valid=valid)
    return medium


def needs_detail(medium: str) -> bool:
    """Whether the medium is reached through a detail (a number, an ID, a host)."""
    return medium in _DETAIL_KEY


def detail_kind(medium: str) -> str | None:
    """``phone``, ``teamviewer`` or ``host`` (message keys), or None for chat and other."""
    return _DETAIL_KEY.get(Medium(medium)) if medium in _DETAIL_KEY else None


def parse_phone(text: str) -> str:
    """A phone number in a Brazilian (or international) format -> E.164 (``+5511987654321``)."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > 40:
        raise InvalidInput("connection.bad_phone", value=echo(cleaned))
    try:
        number = phonenumbers.parse(cleaned, REGION)
    except phonenumbers.NumberParseException as error:
        raise InvalidInput("connection.bad_phone", value=echo(cleaned)) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidInput("connection.bad_phone", value=echo(cleaned))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_phone(text: str) -> str | None:
    """The first valid phone number written in ``text`` (``meu número é (11) 98765-4321``), in
    E.164; None when there is none."""
    for match in phonenumbers.PhoneNumberMatcher(text[:500], REGION):
        if phonenumbers.is_valid_number(match.number):
            return phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
    return None


def parse_teamviewer(text: str) -> str:
    """A TeamViewer ID (9-10 digits; spaces, dots and hyphens between them allowed) -> digits."""
    digits = _TEAMVIEWER_SEPARATORS.sub("", text.strip())
    if not _TEAMVIEWER.fullmatch(digits):
        raise InvalidInput("connection.bad_teamviewer", value=echo(text))
    return digits


def _host_name(name: str) -> bool:
    if not name or len(name) > _HOST_MAX:
        return False
    labels = name.rstrip(".").split(".")
    return all(_HOST_LABEL.fullmatch(label) for label in labels) and not labels[-1].isdigit()


def _address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def parse_host(text: str) -> str:
    """A Terminal Service host: a host name or IP address, optionally ``:port`` (lower case)."""
    cleaned = text.strip().lower()
    host, port = cleaned, None
    if cleaned.startswith("[") and "]" in cleaned:  # [IPv6]:port
        host, _, rest = cleaned[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else (None if not rest else "x")
    elif cleaned.count(":") == 1:
        host, port = cleaned.split(":")
    valid_port = port is None or (_PORT.fullmatch(port) is not None and 0 < int(port) < 65536)
    valid_host = _address(host) or (":" not in host and _host_name(host))
    if len(cleaned) > DETAIL_MAX or not valid_port or not valid_host:
        raise InvalidInput("connection.bad_host", value=echo(text))
    return cleaned


def parse_detail(medium: str, text: str) -> str:
    """The connection detail of ``medium`` typed as ``text``, as stored; InvalidInput if bad."""
    if medium == Medium.PHONE:
        return parse_phone(text)
    if medium == Medium.TEAMVIEWER:
        return parse_teamviewer(text)
    if medium == Medium.TERMINAL:
        return parse_host(text)
    raise InvalidInput("connection.no_detail", medium=medium)


def check_detail(medium: str, text: str | None) -> str | None:
    """``parse_detail`` for a detail that may be missing (None or blank: None)."""
    if text is None or not text.strip():
        return None
    return parse_detail(medium, text)


def show_detail(medium: str, detail: str) -> str:
    """A stored detail as people read it: ``(11) 98765-4321``, ``123 456 789``, the host."""
    if medium == Medium.PHONE:
        try:
            number = phonenumbers.parse(detail, REGION)
        except phonenumbers.NumberParseException:
            return detail
        national = phonenumbers.region_code_for_number(number) == REGION
        shape = (
            phonenumbers.PhoneNumberFormat.NATIONAL
            if national
            else phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
        return phonenumbers.format_number(number, shape)
    if medium == Medium.TEAMVIEWER and detail.isdigit():
        head = len(detail) % 3
        groups = [detail[:head]] if head else []
        groups += [detail[i : i + 3] for i in range(head, len(detail), 3)]
        return " ".join(groups)
    return detail


def medium_label(medium: str, language: str) -> str:
    """The medium's name in ``language`` (an unknown stored value as it is)."""
    found = find_medium(medium)
    return t(f"connection.medium.{found.name.lower()}", language) if found else medium


def detail_label(medium: str, language: str) -> str:
    """What the detail of ``medium`` is called: *Telefone*, *ID do TeamViewer*, *Servidor*."""
    kind = detail_kind(medium)
    return t(f"connection.detail.{kind}", language) if kind else ""


def describe_connection(medium: str, detail: str | None, language: str) -> str:
    """``Telefone — (11) 98765-4321``, or the medium alone."""
    label = medium_label(medium, language)
    if not detail:
        return label
    return t("connection.with_detail", language, medium=label, detail=show_detail(medium, detail))

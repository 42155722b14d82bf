"""Query and path parameters: each kind's parser (hostile input -> a 400 problem) and schema."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from adapters.api.models import MAX_ID
from adapters.api.problems import Key, Problem
from core.messages import echo

DEFAULT_LIMIT, MAX_LIMIT = 50, 200
_DIGITS = re.compile(r"[0-9]{1,10}", re.ASCII)
_MONTH = r"^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$"
_CURSOR = r"^[A-Za-z0-9_-]{1,24}$"
_CURSOR_BODY = re.compile(r"k([1-9][0-9]{0,9})", re.ASCII)
BOOKING_STATUSES = ("scheduled", "started", "done", "cancelled", "no_show")


def _refuse(name: str, value: str, expected: str | Key) -> Problem:
    return Problem(400, "api.detail.bad_param", name=name, value=echo(value), expected=expected)


def _bounded(value: str, name: str, low: int, high: int, expected: str) -> int:
    if not _DIGITS.fullmatch(value) or not low <= int(value) <= high:
        raise _refuse(name, value, expected)
    return int(value)


def parse_id(value: str, name: str) -> int:
    """An id: 1..2^31-1."""
    return _bounded(value, name, 1, MAX_ID, Key("api.expected.id"))


def parse_limit(value: str, name: str) -> int:
    """A page size: 1..200."""
    return _bounded(value, name, 1, MAX_LIMIT, Key("api.expected.limit"))


def encode_cursor(after: int) -> str:
    """The opaque cursor of the page after id ``after``."""
    return base64.urlsafe_b64encode(f"k{after}".encode()).decode().rstrip("=")


def parse_cursor(value: str, name: str) -> int:
    """The id a cursor continues after."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode("ascii")
    except (binascii.Error, ValueError):
        raise _refuse(name, value, Key("api.expected.cursor")) from None
    found = _CURSOR_BODY.fullmatch(raw) if re.fullmatch(_CURSOR, value) else None
    if found is None or int(found.group(1)) > MAX_ID:
        raise _refuse(name, value, Key("api.expected.cursor"))
    return int(found.group(1))


def parse_month(value: str, name: str) -> tuple[int, int]:
    """``aaaa-mm`` (years 1900-2199)."""
    if not re.fullmatch(_MONTH, value, re.ASCII):
        raise _refuse(name, value, Key("api.expected.month"))
    return int(value[:4]), int(value[5:])


def parse_instant(value: str, name: str) -> datetime:
    """An ISO 8601 date and time with an offset (a ``+`` sent unencoded reads as a space)."""
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "+"))
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(value)
        moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise _refuse(name, value, "ISO 8601 + offset (2026-12-03T14:00:00-03:00)") from None
    return moment


def parse_status(value: str, name: str) -> str:
    """A booking status."""
    if value not in BOOKING_STATUSES:
        raise _refuse(name, value, ", ".join(BOOKING_STATUSES))
    return value


@dataclass(frozen=True)
class Kind:
    """How a parameter is parsed and described."""

    parse: Callable[[str, str], Any]
    schema: dict[str, Any]


ID = Kind(parse_id, {"type": "integer", "minimum": 1, "maximum": MAX_ID})
LIMIT = Kind(
    parse_limit, {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}
)
CURSOR = Kind(parse_cursor, {"type": "string", "pattern": _CURSOR})
MONTH = Kind(parse_month, {"type": "string", "pattern": _MONTH})
INSTANT = Kind(parse_instant, {"type": "string", "format": "date-time"})
STATUS = Kind(parse_status, {"type": "string", "enum": list(BOOKING_STATUSES)})


@dataclass(frozen=True)
class Param:
    """A query parameter: name, kind, description."""

    name: str
    kind: Kind
    description: str
    required: bool = False


PAGING = (
    Param("limit", LIMIT, "Page size, 1-200 (50 by default)."),
    Param("cursor", CURSOR, "Where to continue: the cursor of the previous page's `next`."),
)

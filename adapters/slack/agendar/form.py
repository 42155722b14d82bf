"""Reading a submitted ``/agendar`` modal into plain values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from adapters.slack.agendar.modal import (
    ALTERNATIVE,
    AREA,
    CHECKED,
    COMPANY,
    CONNECTION,
    CONSULTANT,
    CONTACT,
    DATE,
    DURATION,
    MEDIUM,
    NOTES,
    TIME,
    View,
)
from core.errors import InvalidInput


@dataclass(frozen=True)
class BookingForm:
    """What a submitted booking modal holds."""

    company_id: int
    day: date
    at: time
    minutes: int
    medium: str
    contact_id: int | None = None
    area: str | None = None
    consultant_id: int | None = None
    notes: str | None = None
    alternative: bool = False
    connection_detail: str | None = None


def state_of(view: View, block_id: str) -> dict[str, Any]:
    """The state of the block's element (``{}`` when untouched)."""
    values = view.get("state", {}).get("values", {})
    return dict(values.get(block_id, {}).get(block_id) or {})


def chosen(view: View, block_id: str) -> str | None:
    """The value of a select's chosen option."""
    value = (state_of(view, block_id).get("selected_option") or {}).get("value")
    return str(value) if value else None


def _number(view: View, block_id: str) -> int | None:
    value = chosen(view, block_id)
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= 9):  # not an id we wrote
        raise InvalidInput("agendar.modal.required")
    return int(value)


def read_form(view: View) -> BookingForm:
    """The submission as plain values; InvalidInput (keyed to its block) when one is missing."""
    company_id = _number(view, COMPANY)
    if company_id is None:
        raise InvalidInput("agendar.modal.required")
    raw_day = state_of(view, DATE).get("selected_date") or ""
    raw_time = state_of(view, TIME).get("selected_time") or ""
    try:
        day = date.fromisoformat(raw_day)
    except ValueError as error:
        raise InvalidInput("agendar.modal.bad_date") from error
    try:
        at = time.fromisoformat(raw_time)
    except ValueError as error:
        raise InvalidInput("agendar.modal.bad_time") from error
    checked = state_of(view, ALTERNATIVE).get("selected_options") or []
    notes = str(state_of(view, NOTES).get("value") or "").strip()
    detail = str(state_of(view, CONNECTION).get("value") or "").strip()
    return BookingForm(
        company_id=company_id,
        day=day,
        at=at,
        minutes=_number(view, DURATION) or 0,
        medium=chosen(view, MEDIUM) or "",
        contact_id=_number(view, CONTACT),
        area=chosen(view, AREA),
        consultant_id=_number(view, CONSULTANT),
        notes=notes or None,
        alternative=any(o.get("value") == CHECKED for o in checked),
        connection_detail=detail or None,
    )


def channel_of(view: View) -> str | None:
    """The channel the modal was opened from (for the confirmation)."""
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return None
    channel = metadata.get("channel") if isinstance(metadata, dict) else None
    return str(channel) if channel else None

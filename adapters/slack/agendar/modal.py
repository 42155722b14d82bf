"""The ``/agendar`` booking modal: its view, reading a submission, and where a refusal is shown.

Block ids equal action ids. The company and contact selects are ``external_select`` menus served
by ``listeners/actions/agendar_options.py``; every other choice is static. A core refusal goes
back into the modal (``response_action: errors``) on the block :func:`field_for` names.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from core.booking import MAX_DURATION, MEDIA, duration_label, medium_label
from core.context import Core
from core.messages import t

BOOKING_VIEW = "agendar_booking"
COMPANY = "agendar_company"
CONTACT = "agendar_contact"
AREA = "agendar_area"
DATE = "agendar_date"
TIME = "agendar_time"
DURATION = "agendar_duration"
MEDIUM = "agendar_medium"
CONNECTION = "agendar_connection"
CONSULTANT = "agendar_consultant"
NOTES = "agendar_notes"
ALTERNATIVE = "agendar_alternative"
CHECKED = "yes"

_FIELD_OF_KEY = {
    "booking.past": TIME,
    "booking.outside_hours": TIME,
    "booking.no_consultant_free": TIME,
    "booking.no_consultant_free_any": TIME,
    "booking.closed_day": DATE,
    "agendar.modal.bad_date": DATE,
    "agendar.modal.bad_time": TIME,
    "booking.no_consultant_for_area": AREA,
    "booking.unknown_contact": CONTACT,
    "booking.contact_not_of_company": CONTACT,
    "booking.unknown_area": AREA,
    "booking.consultant_not_in_area": CONSULTANT,
    "booking.conflict": CONSULTANT,
    "booking.conflict_session": CONSULTANT,
    "booking.unknown_consultant": CONSULTANT,
    "booking.consultant_for_others": CONSULTANT,
    "booking.bad_duration": DURATION,
    "booking.unknown_medium": MEDIUM,
    "connection.bad_phone": CONNECTION,
    "connection.bad_teamviewer": CONNECTION,
    "connection.bad_host": CONNECTION,
    "connection.no_detail": CONNECTION,
    "agendar.modal.required": COMPANY,
}

View = dict[str, Any]
Option = tuple[str, str]  # (value, text)


def field_for(key: str) -> str:
    """The block that shows the refusal ``key`` (the company block when none fits better)."""
    return _FIELD_OF_KEY.get(key, COMPANY)


def plain(text: str, limit: int = 75) -> dict[str, Any]:
    """A plain_text object cut to ``limit`` characters."""
    return {"type": "plain_text", "text": text[:limit], "emoji": True}


def option(value: str, text: str) -> dict[str, Any]:
    """A select option."""
    return {"text": plain(text), "value": value}


def _input(block_id: str, title: str, element: dict[str, Any], *, optional: bool) -> View:
    element = {"action_id": block_id, **element}
    return {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": plain(title, 2000),
        "element": element,
    }


def _static(options: list[Option], initial: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "options": [option(value, text) for value, text in options[:100]],
    }
    chosen = [o for o in element["options"] if o["value"] == initial]
    if chosen:
        element["initial_option"] = chosen[0]
    return element


def _durations(core: Core, language: str) -> list[Option]:
    period = core.config.policy.period_minutes
    longest = int(MAX_DURATION / timedelta(minutes=1))
    return [(str(m), duration_label(m, language)) for m in range(period, longest + 1, period)]


def booking_modal(
    core: Core, consultants: list[Option], *, today: date, channel: str | None
) -> View:
    """The modal ``/agendar`` opens; ``channel`` is where the confirmation goes afterwards."""
    lang = core.config.language

    def label(key: str) -> str:
        return t(f"agendar.modal.{key}", lang)

    external = {"type": "external_select", "min_query_length": 0}
    blocks = [
        _input(
            COMPANY,
            label("company"),
            external | {"placeholder": plain(label("company_hint"), 150)},
            optional=False,
        ),
        _input(
            CONTACT,
            label("contact"),
            external | {"placeholder": plain(label("contact_hint"), 150)},
            optional=True,
        ),
        _input(AREA, label("area"), _static([(a, a) for a in core.config.areas]), optional=True),
        _input(
            DATE,
            label("date"),
            {"type": "datepicker", "initial_date": today.isoformat()},
            optional=False,
        ),
        _input(TIME, label("time"), {"type": "timepicker"}, optional=False),
        _input(
            DURATION,
            label("duration"),
            _static(_durations(core, lang), str(core.config.default_session_minutes)),
            optional=False,
        ),
        _input(
            MEDIUM,
            label("medium"),
            _static([(m, medium_label(m, lang)) for m in MEDIA], MEDIA[0]),
            optional=False,
        ),
        _input(
            CONNECTION,
            t("connection.modal.detail", lang),
            {
                "type": "plain_text_input",
                "max_length": 255,
                "placeholder": plain(t("connection.modal.detail_hint", lang), 150),
            },
            optional=True,
        ),
    ]
    if consultants:
        element = _static(consultants) | {"placeholder": plain(label("consultant_hint"), 150)}
        blocks.append(_input(CONSULTANT, label("consultant"), element, optional=True))
    notes = {"type": "plain_text_input", "multiline": True, "max_length": 500}
    blocks.append(_input(NOTES, label("notes"), notes, optional=True))
    check = option(CHECKED, label("alternative")) | {
        "description": plain(label("alternative_hint"), 150)
    }
    blocks.append(
        _input(
            ALTERNATIVE,
            label("alternative"),
            {"type": "checkboxes", "options": [check]},
            optional=True,
        )
    )
    return {
        "type": "modal",
        "callback_id": BOOKING_VIEW,
        "private_metadata": json.dumps({"channel": channel}),
        "title": plain(label("title"), 24),
        "submit": plain(label("submit"), 24),
        "close": plain(label("close"), 24),
        "blocks": blocks,
    }

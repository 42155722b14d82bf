"""The client's way in (SPEC 2 and 5, steps 1-5): what the channel adapters call for a client.

Every public function takes plain values and runs in one transaction (``inbound`` deduplicates a
platform delivery). Client action ids and the function each one maps to:

- ``menu:consult`` -> :func:`begin_consulting`; ``menu:support`` -> ``core.support.begin_support``;
  ``menu:bookings`` -> the booking part's list; ``menu:help`` -> :func:`show_help`;
  ``menu:convert`` -> ``core.support.convert_request``;
- ``area:<request>:<index>`` / ``area:<request>:x`` -> :func:`choose_area` (index, or None);
- ``terms_ok:<request>`` -> :func:`accept_terms`; ``terms_no:<request>`` -> :func:`refuse_terms`;
- ``nocode`` -> :func:`no_code` (no access code: the next text names the company);
- ``switch_ok:<link>`` -> :func:`confirm_switch`; ``switch_no:<link>`` -> :func:`keep_company`
  (a linked client's ``/start`` with another company's code).

Staff action ids (Slack, ``config.staff.links``): ``link_ok:<link>[:<company>]`` and
``link_no:<link>`` -> :func:`decide_link`. Commands: ``/start [code]`` -> :func:`start`,
``/cancelar`` -> :func:`cancel_current`; any other text or file -> :func:`handle_text`.
"""

from __future__ import annotations

from core.contacts import identify
from core.intake.consulting import begin_consulting, cancel_request, choose_area, describe
from core.intake.entry import cancel_current, handle_text, show_help, show_menu, start
from core.intake.linking import (
    close_code_question,
    decide_link,
    link_with_code,
    no_code,
    request_link,
)
from core.intake.menu import CODE_QUESTION, COMPANY_SWITCH, say
from core.intake.switching import confirm_switch, keep_company
from core.intake.terms import accept_terms, refuse_terms, send_terms_card

__all__ = [
    "CODE_QUESTION",
    "COMPANY_SWITCH",
    "accept_terms",
    "begin_consulting",
    "cancel_current",
    "cancel_request",
    "choose_area",
    "close_code_question",
    "confirm_switch",
    "decide_link",
    "describe",
    "handle_text",
    "identify",
    "keep_company",
    "link_with_code",
    "no_code",
    "refuse_terms",
    "request_link",
    "say",
    "send_terms_card",
    "show_help",
    "show_menu",
    "start",
]

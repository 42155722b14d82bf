"""Every Slack listener in one table: what it listens to (kind, matcher) and its handler.

The handlers live one per module under ``commands/``, ``actions/`` (buttons, and the modals'
type-ahead options), ``views/`` (modal submissions) and ``events/``. Each takes the core first,
then the arguments bolt injects by name (``ack``, ``body``, ``client``, ``respond``, ``event``...).
:func:`adapters.slack.app.build_app` walks :data:`LISTENERS` and registers each handler with the
core bound; adding a listener is adding a row here. The matchers never overlap, so the order only
fixes the order of registration.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from adapters.slack.agendar.links import LINK_VIEW
from adapters.slack.agendar.modal import BOOKING_VIEW, COMPANY, CONTACT
from adapters.slack.listeners.actions.agendar_options import on_company, on_contact
from adapters.slack.listeners.actions.claim import on_claim, on_claim_alternative
from adapters.slack.listeners.actions.links import on_link
from adapters.slack.listeners.actions.offline import on_offline
from adapters.slack.listeners.actions.reply_options import on_reply_options
from adapters.slack.listeners.actions.session_end import on_end
from adapters.slack.listeners.actions.session_medium import on_medium
from adapters.slack.listeners.actions.session_onsite import on_onsite
from adapters.slack.listeners.actions.session_present import on_present
from adapters.slack.listeners.actions.session_specialist import on_specialist
from adapters.slack.listeners.actions.session_transfer import on_transfer
from adapters.slack.listeners.actions.support import (
    on_convert,
    on_convert_alternative,
    on_convert_choice,
)
from adapters.slack.listeners.commands.agendar import on_agendar
from adapters.slack.listeners.commands.consultor import on_consultor
from adapters.slack.listeners.commands.resposta import on_resposta
from adapters.slack.listeners.events.app_home import on_home
from adapters.slack.listeners.events.thread_message import on_message
from adapters.slack.listeners.views.agendar import on_booking_form
from adapters.slack.listeners.views.link_company import on_link_form
from adapters.slack.listeners.views.saved_reply import on_saved_reply_form
from adapters.slack.listeners.views.session_medium import on_medium_form
from adapters.slack.listeners.views.session_onsite import on_onsite_form
from adapters.slack.listeners.views.session_specialist import on_specialist_form
from adapters.slack.listeners.views.session_transfer import on_transfer_form
from adapters.slack.modals import MEDIUM, ONSITE, SPECIALIST, TRANSFER
from adapters.slack.replies import REPLY, REPLY_VIEW
from core.context import Core
from core.support import ACTION as CONVERT_CHOICE

ID = "[0-9]{1,9}"
"""A row id in a button's action id: ASCII digits that fit a 32-bit column (anything else is
no button of ours, and no listener runs)."""

Kind = Literal["command", "action", "options", "view", "event"]
Handler = Callable[..., Awaitable[None]]


@dataclass(frozen=True)
class Listener:
    """One bolt listener: ``app.<kind>(matcher)`` runs ``handler(core, **injected)``."""

    kind: Kind
    matcher: str | re.Pattern[str]
    handler: Handler

    def bound(self, core: Core) -> Handler:
        """The handler with ``core`` given; bolt sees (and injects) only the other arguments."""
        bound = functools.partial(self.handler, core)
        bound.__name__ = self.handler.__name__  # type: ignore[attr-defined]  # bolt logs it
        return bound


LISTENERS: tuple[Listener, ...] = (
    # the /agendar, link and /resposta modals' type-ahead menus
    Listener("options", COMPANY, on_company),
    Listener("options", CONTACT, on_contact),
    Listener("options", REPLY, on_reply_options),
    # buttons
    Listener("action", re.compile(rf"^claim:{ID}$"), on_claim),
    Listener("action", re.compile(rf"^claim_alt:{ID}$"), on_claim_alternative),
    Listener("action", re.compile(rf"^link_(?:ok:{ID}(?::{ID})?|no:{ID})$"), on_link),
    Listener("action", re.compile(rf"^end:{ID}$"), on_end),
    Listener("action", re.compile(rf"^onsite:{ID}$"), on_onsite),
    Listener("action", re.compile(rf"^medium:{ID}$"), on_medium),
    Listener("action", re.compile(rf"^specialist:{ID}$"), on_specialist),
    Listener("action", re.compile(rf"^transfer:{ID}$"), on_transfer),
    Listener("action", re.compile(rf"^convert:{ID}$"), on_convert),
    Listener("action", re.compile(rf"^present:{ID}$"), on_present),
    Listener("action", re.compile(rf"^convert_alt:{ID}$"), on_convert_alternative),
    Listener("action", CONVERT_CHOICE, on_convert_choice),
    Listener("action", re.compile(rf"^offline_(?:take|done):{ID}$"), on_offline),
    # slash commands
    Listener("command", "/agendar", on_agendar),
    Listener("command", "/consultor", on_consultor),
    Listener("command", "/resposta", on_resposta),
    # events
    Listener("event", "app_home_opened", on_home),
    Listener("event", "message", on_message),
    # modal submissions
    Listener("view", BOOKING_VIEW, on_booking_form),
    Listener("view", LINK_VIEW, on_link_form),
    Listener("view", ONSITE, on_onsite_form),
    Listener("view", MEDIUM, on_medium_form),
    Listener("view", SPECIALIST, on_specialist_form),
    Listener("view", TRANSFER, on_transfer_form),
    Listener("view", REPLY_VIEW, on_saved_reply_form),
)

"""The client's menu, greeting and help, written to the outbox in the caller's transaction.

Action ids: ``menu:consult``, ``menu:support``, ``menu:bookings``, ``menu:help``; ``nocode`` (the
*Não tenho código* button under the access code question).
"""

from __future__ import annotations

from core.answered import close_buttons
from core.contacts import contact_address, contact_language
from core.context import Core
from core.db import UnitOfWork
from core.messages import t
from core.models import Company, Contact
from core.outbox import Choice, OutboundMessage, send


def menu_choices(language: str) -> tuple[Choice, ...]:
    """The four menu buttons."""
    return (
        Choice("menu:consult", t("intake.menu.consult", language), "primary"),
        Choice("menu:support", t("intake.menu.support", language)),
        Choice("menu:bookings", t("intake.menu.bookings", language)),
        Choice("menu:help", t("intake.menu.help", language)),
    )


async def say(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    key: str,
    *,
    choices: tuple[Choice, ...] = (),
    **params: object,
) -> None:
    """Write the catalogue text ``key`` to the contact, in their language."""
    language = contact_language(contact, core.config)
    message = OutboundMessage(t(key, language, **params), choices=choices)
    await send(uow, core.clock, contact_address(contact), message)


async def send_menu(
    uow: UnitOfWork, core: Core, contact: Contact, company: Company, *, greet: bool = False
) -> None:
    """The menu (with a greeting when ``greet``) for a linked contact."""
    language = contact_language(contact, core.config)
    if greet:
        key = "intake.greeting" if contact.name else "intake.greeting_anonymous"
        text = t(key, language, name=contact.name or "", company=company.name)
    else:
        text = t("intake.menu.prompt", language)
    message = OutboundMessage(text, choices=menu_choices(language))
    await send(uow, core.clock, contact_address(contact), message)


NO_CODE_ACTION = "nocode"
"""The *Não tenho código* button: the person names their company instead (a link request)."""
CODE_QUESTION = "code_question"
"""Outbox purpose of the access code question with *Não tenho código* (subject: the contact)."""
COMPANY_SWITCH = "company_switch"
"""Outbox purpose of the question before another company's code (subject: the link request)."""


async def send_unlinked(
    uow: UnitOfWork, core: Core, contact: Contact, key: str = "intake.unlinked", **params: object
) -> None:
    """Ask an unlinked contact for the access code (``key``), with a *Não tenho código* button
    (the one asked before loses its own)."""
    language = contact_language(contact, core.config)
    no_code = Choice(NO_CODE_ACTION, t("intake.no_code", language))
    message = OutboundMessage(t(key, language, **params), choices=(no_code,))
    await close_buttons(uow, core.clock, CODE_QUESTION, contact.id)
    await send(
        uow,
        core.clock,
        contact_address(contact),
        message,
        purpose=CODE_QUESTION,
        subject_id=contact.id,
    )


async def close_question(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    purpose: str,
    subject_id: int | None,
    choice: str | None = None,
) -> None:
    """A question to the contact is over: its message loses its buttons and shows the label
    of the ``choice`` made, if one was."""
    language = contact_language(contact, core.config)
    note = t("intake.answered", language, choice=choice) if choice else None
    await close_buttons(uow, core.clock, purpose, subject_id, note)


async def send_help(uow: UnitOfWork, core: Core, contact: Contact) -> None:
    """How the service works, the price rule and the commands, with the menu buttons."""
    policy = core.config.policy
    language = contact_language(contact, core.config)
    text = t(
        "intake.help",
        language,
        period=policy.period_minutes,
        minimum=policy.min_periods * policy.period_minutes,
        hours=core.config.hours.describe_week(language),
    )
    if core.config.more_info:
        text += "\n" + t("intake.help.more_info", language, contacts=core.config.more_info)
    message = OutboundMessage(text, choices=menu_choices(language))
    await send(uow, core.clock, contact_address(contact), message)

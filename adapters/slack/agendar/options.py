"""Options of the modal's type-ahead selects: companies (``find_companies``), a company's contacts.

Shown only to staff the core lets book (``core.booking.rules.authority``); anyone else gets none.
"""

from __future__ import annotations

from typing import Any

from adapters.slack.agendar.form import chosen
from adapters.slack.agendar.links import LINK_VIEW
from adapters.slack.agendar.modal import COMPANY, option
from adapters.slack.agendar.resolve import company_label
from adapters.slack.agendar.words import folded
from adapters.slack.modals import row_id
from core.booking import Actor, authority
from core.contacts import display_name
from core.context import Core
from core.errors import BusinessError
from core.views import company_choices, company_contacts

LIMIT = 100
"""Slack shows at most 100 options."""


async def _may_book(core: Core, user: str) -> bool:
    async with core.db.uow() as uow:
        try:
            await authority(uow, Actor.staff(user))
        except BusinessError:
            return False
    return bool(user)


async def company_options(
    core: Core, user: str, typed: str, view: dict[str, Any]
) -> list[dict[str, Any]]:
    """Active companies whose id, CNPJ or name matches ``typed`` (all of them when empty): in the
    booking modal only those that may book (product line served), in the link modal all."""
    if not await _may_book(core, user):
        return []
    for_link = view.get("callback_id") == LINK_VIEW
    served = None if for_link else core.config.product_lines
    found = await company_choices(core.db, typed, limit=LIMIT, served=served)
    return [option(str(c.id), company_label(c)) for c in found]


async def contact_options(
    core: Core, user: str, typed: str, view: dict[str, Any]
) -> list[dict[str, Any]]:
    """The contacts of the company chosen in the same modal, filtered by ``typed``."""
    company = chosen(view, COMPANY)
    if not company or row_id(company) is None or not await _may_book(core, user):
        return []
    contacts = await company_contacts(core.db, int(company))
    needle = folded(typed)
    shown = [c for c in contacts if needle in folded(display_name(c))]
    return [option(str(c.id), display_name(c)) for c in shown[:LIMIT]]

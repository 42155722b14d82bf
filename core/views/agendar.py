"""The choices of a booking form: Slack's ``/agendar`` modal and the console's booking page.

Only what may be booked is offered: active companies, contacts linked to a company and not
erased (LGPD), active consultants. Each function opens its own unit of work; the core's
``book`` checks every choice again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from core.companies import find_companies, list_companies
from core.consultants import list_consultants
from core.contacts import display_name
from core.db import Database
from core.models import Company, Consultant, Contact
from core.product_lines import ProductLines
from core.views.people import my_consultant

CONTACTS_OFFERED = 2000
"""How many contacts the console's booking page offers at most."""


async def company_choices(
    db: Database, typed: str, *, limit: int, served: ProductLines | None = None
) -> list[Company]:
    """Active companies whose id, CNPJ or name matches ``typed`` (all when empty), at most
    ``limit``; with ``served``, only those whose product line is served (those that may book)."""
    async with db.uow() as uow:
        query = typed.strip().lstrip("#")
        if query:
            found = await find_companies(uow, query, limit=10**9, active_only=True)
        else:
            found = await list_companies(uow, active_only=True)
    if served is not None:
        found = [c for c in found if served.is_served(c.product_line)]
    return found[:limit]


async def company_contacts(db: Database, company_id: int) -> list[Contact]:
    """The contacts of the company ``company_id`` not erased, by name (then id)."""
    async with db.uow() as uow:
        rows = await uow.session.exec(
            select(Contact)
            .where(Contact.company_id == company_id, col(Contact.erased_at).is_(None))
            .order_by(col(Contact.name), col(Contact.id))
        )
        return list(rows.all())


@dataclass(frozen=True)
class BookingChoices:
    """What the console's booking form offers.

    ``contacts``: company id -> ``(contact id, name)``, by name; ``consultants``: every active
    consultant for a secretary, else the person's own consultant record (or none).
    """

    companies: list[Company]
    contacts: dict[int, list[tuple[int, str]]]
    consultants: list[Consultant]


async def booking_choices(
    db: Database, staff_key: str, *, secretary: bool, served: ProductLines | None = None
) -> BookingChoices:
    """The companies, contacts and consultants ``staff_key`` may book with; with ``served``,
    only companies whose product line is served (the others cannot book: no consultant
    attends them), as Slack's ``/agendar`` offers them."""
    async with db.uow() as uow:
        companies = await list_companies(uow, active_only=True)
        if served is not None:
            companies = [c for c in companies if served.is_served(c.product_line)]
        contacts = (
            await uow.session.exec(
                select(Contact)
                .where(col(Contact.company_id).is_not(None), col(Contact.erased_at).is_(None))
                .order_by(col(Contact.company_id), col(Contact.name))
                .limit(CONTACTS_OFFERED)
            )
        ).all()
        mine = await my_consultant(uow, staff_key)
        if secretary:
            consultants = await list_consultants(uow, active_only=True)
        else:
            consultants = [mine] if mine is not None else []
    by_company: dict[int, list[tuple[int, str]]] = {}
    for contact in contacts:
        assert contact.company_id is not None and contact.id is not None
        by_company.setdefault(contact.company_id, []).append((contact.id, display_name(contact)))
    return BookingChoices(companies, by_company, consultants)

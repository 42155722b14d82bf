"""Who is who: contacts' and consultants' addresses and languages."""

from __future__ import annotations

from core.context import CoreConfig
from core.db import UnitOfWork
from core.errors import NotFound
from core.models import Company, Consultant, Contact
from core.outbound import Address


def contact_address(contact: Contact) -> Address:
    """Where the contact is reached (their private chat)."""
    return Address(contact.channel, contact.chat_id or contact.external_id)


def contact_language(contact: Contact, config: CoreConfig) -> str:
    """The contact's language, or the bot's default."""
    return contact.language or config.language


def consultant_address(consultant: Consultant, config: CoreConfig) -> Address:
    """A consultant's direct messages, on the staff's channel (Slack, or the web console)."""
    return Address(config.staff.requests.channel, consultant.slack_user_id)


def display_name(contact: Contact) -> str:
    """The contact's name for staff, or a neutral label once erased."""
    return contact.name or f"#{contact.id}"


async def load_contact(uow: UnitOfWork, contact_id: int) -> Contact:
    """The contact, or NotFound."""
    contact = await uow.session.get(Contact, contact_id)
    if contact is None:
        raise NotFound("people.unknown_contact", contact_id=contact_id)
    return contact


async def load_consultant(uow: UnitOfWork, consultant_id: int) -> Consultant:
    """The consultant, or NotFound."""
    consultant = await uow.session.get(Consultant, consultant_id)
    if consultant is None:
        raise NotFound("people.unknown_consultant", consultant_id=consultant_id)
    return consultant


async def load_company(uow: UnitOfWork, company_id: int) -> Company:
    """The company, or NotFound."""
    company = await uow.session.get(Company, company_id)
    if company is None:
        raise NotFound("people.unknown_company", company_id=company_id)
    return company

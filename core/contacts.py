"""Contacts and the people around them: found or created by address, addresses, names, languages.

Also a contact's company, current request and open session: one lookup each.
"""

from __future__ import annotations

from sqlmodel import col, select

from core.context import Core, CoreConfig
from core.db import UnitOfWork
from core.errors import BusinessError, NotFound
from core.messages import normalise_language
from core.models import (
    Channel,
    Company,
    Consultant,
    ConsultingSession,
    Contact,
    Request,
    RequestStatus,
    SessionStatus,
)
from core.outbox import Address


def contact_address(contact: Contact) -> Address:
    """Where the contact is reached (their private chat)."""
    return Address(contact.channel, contact.chat_id or contact.external_id)


def contact_language(contact: Contact, config: CoreConfig) -> str:
    """The contact's language, or the bot's default."""
    return contact.language or config.language


def consultant_address(consultant: Consultant, config: CoreConfig) -> Address:
    """A consultant's direct messages, on the staff's channel (Slack, or the web console)."""
    return Address(config.staff.requests.channel, consultant.staff_key)


def display_name(contact: Contact) -> str:
    """The contact's name for staff, or a neutral label once erased."""
    return name_or_number(contact.name, contact.id)


def name_or_number(name: str | None, contact_id: int | None) -> str:
    """:func:`display_name` of a contact read as columns: the name, else ``#id``."""
    return name or f"#{contact_id}"


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


_NAME_MAX = 200
ACTIVE_STATUSES = (
    RequestStatus.DRAFT,
    RequestStatus.AWAITING_TERMS,
    RequestStatus.QUEUED,
    RequestStatus.IN_SESSION,
)
"""A request in one of these statuses is the contact's current request."""


async def find_contact(uow: UnitOfWork, address: Address) -> Contact | None:
    """The contact reached at ``address`` (Telegram: the chat id is the external id), if any.

    The one lookup of a contact by where they write from. An erased contact is never found:
    erasure replaces its external id with an anonymous marker and clears its chat.
    """
    result = await uow.session.exec(
        select(Contact).where(Contact.channel == address.channel, Contact.external_id == address.id)
    )
    return result.first()


async def identify(
    uow: UnitOfWork,
    core: Core,
    address: Address,
    *,
    name: str | None = None,
    language: str | None = None,
) -> Contact:
    """The contact at ``address``, created unlinked when new; name and language updated if given.

    A contact marked unreachable (they had blocked the bot) who writes again is reachable again.
    """
    contact = await find_contact(uow, address)
    cleaned = " ".join(name.split())[:_NAME_MAX] if name and name.strip() else None
    if contact is None:
        contact = Contact(
            channel=Channel(address.channel),
            external_id=address.id,
            chat_id=address.id,
            name=cleaned,
            language=normalise_language(language) if language else None,
            created_at=core.clock.now(),
        )
    else:
        if cleaned and contact.erased_at is None:
            contact.name = cleaned
        if language:
            contact.language = normalise_language(language)
        if contact.unreachable_since is not None:
            contact.unreachable_since = None  # they wrote: the chat works again
    uow.session.add(contact)
    await uow.session.flush()
    return contact


async def known_contact(uow: UnitOfWork, address: Address) -> Contact:
    """The contact at ``address``; a business error telling them to /start when unknown."""
    contact = await find_contact(uow, address)
    if contact is None:
        raise BusinessError("intake.unknown_contact")
    return contact


async def contact_company(uow: UnitOfWork, contact: Contact) -> Company | None:
    """The company the contact is linked to, or None."""
    if contact.company_id is None:
        return None
    return await uow.session.get(Company, contact.company_id)


async def current_request(uow: UnitOfWork, contact: Contact) -> Request | None:
    """The contact's newest request still in progress (draft, terms, queue or session)."""
    assert contact.id is not None
    result = await uow.session.exec(
        select(Request)
        .where(Request.contact_id == contact.id, col(Request.status).in_(ACTIVE_STATUSES))
        .order_by(col(Request.id).desc())
    )
    return result.first()


async def open_session_of(uow: UnitOfWork, contact_id: int | None) -> ConsultingSession | None:
    """The contact's open session (consulting or support), newest first, or None."""
    if contact_id is None:
        return None
    result = await uow.session.exec(
        select(ConsultingSession)
        .where(
            ConsultingSession.contact_id == contact_id,
            ConsultingSession.status == SessionStatus.OPEN,
        )
        .order_by(col(ConsultingSession.id).desc())
    )
    return result.first()


async def contact_request(uow: UnitOfWork, contact: Contact, request_id: int) -> Request | None:
    """Request ``request_id`` (locked until the commit) when it is ``contact``'s; else None.

    The row lock makes a double click on two processes act once: the second waits, then sees
    the first one's answer.
    """
    request = await uow.session.get(
        Request, request_id, with_for_update=True, populate_existing=True
    )
    if request is None or request.contact_id != contact.id:
        return None
    return request

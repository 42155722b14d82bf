"""E-mail addresses of contacts and companies, and notices sent by e-mail through the outbox.

An e-mail outbox row is addressed ``contact:<id>`` or ``company:<id>`` (channel ``email``): the
address itself lives only on that contact's or company's row, so erasing it stops what is still
pending; the e-mail sender reads it when it delivers (:func:`email_of`). ``mail_to`` writes the row
in the caller's transaction when e-mail is configured and the recipient has an address; the
outbox retries it and never loses it on a restart, like every other message.
"""

from __future__ import annotations

from email.utils import parseaddr

from email_validator import EmailNotValidError, validate_email

from core.clock import Clock
from core.db import Database, UnitOfWork
from core.errors import InvalidInput, NotFound
from core.models import Channel, Company, Contact, Outbound
from core.outbox import Address, OutboundMessage, send

SERVICE_NAME = "Consultoria Online"
"""The From name when the setting gives none."""
EMAIL_MAX = 254
"""The longest address a mailbox may have (RFC 5321 path limit)."""


def valid_email(text: str) -> str:
    """``text`` as a normalised e-mail address; ``InvalidInput`` (``mail.invalid``) otherwise.

    Syntax only (no DNS lookup: the machine may have no resolver, and a typo in a valid domain
    is caught by the bounce, not here)."""
    raw = (text or "").strip()
    if not raw or len(raw) > EMAIL_MAX:
        raise InvalidInput("mail.invalid", value=raw[:80])
    try:
        found = validate_email(raw, check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidInput("mail.invalid", value=raw[:80]) from error
    return str(found.normalized)


def optional_email(text: str | None) -> str | None:
    """A normalised address, or None for an empty value (removing the address)."""
    if text is None or not text.strip():
        return None
    return valid_email(text)


def mail_address(recipient: Contact | Company) -> Address:
    """The outbox address of ``recipient``'s e-mail (resolved when delivered)."""
    kind = "contact" if isinstance(recipient, Contact) else "company"
    return Address(Channel.EMAIL, f"{kind}:{recipient.id}")


def recipient_email(recipient: Contact | Company) -> str | None:
    """The address notices go to: a contact's own, a company's billing contact."""
    if isinstance(recipient, Contact):
        return None if recipient.erased_at is not None else recipient.email
    return recipient.billing_email


async def mail_to(
    uow: UnitOfWork,
    clock: Clock,
    recipient: Contact | Company,
    message: OutboundMessage,
    *,
    enabled: bool,
    purpose: str | None = None,
    subject_id: int | None = None,
) -> Outbound | None:
    """Queue ``message`` by e-mail to ``recipient``; None when e-mail is off or they have none."""
    if not enabled or recipient.id is None or not recipient_email(recipient):
        return None
    return await send(
        uow, clock, mail_address(recipient), message, purpose=purpose, subject_id=subject_id
    )


async def set_contact_email(uow: UnitOfWork, contact_id: int, text: str | None) -> Contact:
    """Give contact ``contact_id`` an e-mail address (None or empty: remove it)."""
    contact = await uow.session.get(Contact, contact_id)
    if contact is None or contact.erased_at is not None:
        raise NotFound("people.unknown_contact", contact_id=contact_id)
    contact.email = optional_email(text)
    uow.session.add(contact)
    await uow.session.flush()
    return contact


async def email_of(db: Database, address_id: str) -> str | None:
    """The e-mail address behind an outbox address id (``contact:<id>``, ``company:<id>``)."""
    kind, _, raw_id = address_id.partition(":")
    if not raw_id.isdigit() or len(raw_id) > 12:
        return None
    found: Contact | Company | None = None
    async with db.read() as uow:
        if kind == "contact":
            found = await uow.session.get(Contact, int(raw_id))
        elif kind == "company":
            found = await uow.session.get(Company, int(raw_id))
    return recipient_email(found) if found is not None else None


def sender_parts(text: str) -> tuple[str, str]:
    """``Name <address>`` (or a bare address) as (name, normalised address); ValueError when
    it is not one valid address. The name defaults to the service's."""
    name, address = parseaddr(text.strip())
    if not address or "," in text:
        raise ValueError("expected one address, e.g. Consultoria Online <consultoria@empresa.com>")
    try:
        return (name.strip() or SERVICE_NAME, valid_email(address))
    except InvalidInput as error:
        raise ValueError(f"not a valid e-mail address: {address[:80]}") from error

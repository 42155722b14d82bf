"""A client's first contact, the menu, free text and cancelling: what client channels call first."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from core.booking import answer_booking_detail
from core.contacts import (
    contact_company,
    current_request,
    find_contact,
    identify,
    load_contact,
    open_session_of,
)
from core.context import Core, entry
from core.db import UnitOfWork
from core.intake.consulting import (
    awaits_description,
    cancel_request,
    describe_request,
    pick_typed_area,
)
from core.intake.linking import (
    awaits_company_name,
    drop_link_drafts,
    link_by_code,
    link_if_known_code,
    looks_like_code,
    open_link_request,
)
from core.intake.menu import say, send_help, send_menu, send_unlinked
from core.intake.switching import relink_by_code
from core.models import Contact, Request, RequestStatus
from core.offline import abandon_offline_message, keep_offline_message
from core.outbox import Address, Attachment
from core.queue import keep_waiting_message, leave_queue
from core.sessions import (
    client_session,
    guest_session_of,
    join_with_code,
    load_session,
    looks_like_invitation,
    relay_client_message,
    relay_guest_message,
    relay_plainly,
    relays_plainly,
)

logger = logging.getLogger(__name__)

_MIN_HINT_CHARS = 3


@entry
async def start(
    core: Core,
    address: Address,
    *,
    code: str | None = None,
    name: str | None = None,
    language: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """``/start`` (with a deep-link access code or not): link, greet and show the menu.

    Without a code an unlinked person is asked for the access code (the *Não tenho código* button
    leads to naming the company). A linked client stays linked: an unknown code is said to be
    unknown, another company's code asks before switching (``core.intake.switching``).
    """
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address, name=name, language=language)
        company = await contact_company(uow, contact)
        if code and code.strip():
            if company is None:
                await link_by_code(uow, core, contact, code)
            else:
                await relink_by_code(uow, core, contact, company, code)
            return
        if company is None:
            await drop_link_drafts(uow, core, contact)  # starting over: the code first
            await send_unlinked(uow, core, contact)
        else:
            await send_menu(uow, core, contact, company, greet=True)


@entry
async def show_menu(core: Core, address: Address, inbound: tuple[str, str] | None = None) -> None:
    """The menu (or, for an unlinked contact, how to link)."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        company = await contact_company(uow, contact)
        if company is None:
            await send_unlinked(uow, core, contact)
        else:
            await send_menu(uow, core, contact, company)


@entry
async def show_help(core: Core, address: Address, inbound: tuple[str, str] | None = None) -> None:
    """How the service works, with the menu buttons."""
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        await send_help(uow, core, contact)


def _meaningful(text: str) -> bool:
    return sum(c.isalnum() for c in text) >= _MIN_HINT_CHARS


async def _continue_request(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    request: Request,
    text: str,
    attachments: Sequence[Attachment] = (),
) -> bool:
    """Text while a request is in progress: a description, a terms reminder, or the queue."""
    status = request.status
    if awaits_description(request) and text.strip():
        if await pick_typed_area(uow, core, contact, request, text):
            return True
        await describe_request(uow, core, contact, request, text)
        return True
    if status == RequestStatus.AWAITING_TERMS and request.terms_version_id is not None:
        await say(uow, core, contact, "intake.terms.pending")
        return True
    if status == RequestStatus.QUEUED:
        if await keep_waiting_message(uow, core, contact, request, text, attachments):
            await say(uow, core, contact, "intake.waiting_message_kept", id=request.id)
        else:
            await say(uow, core, contact, "intake.already_waiting", id=request.id)
        return True
    return False


@entry
async def handle_text(
    core: Core,
    address: Address,
    text: str,
    *,
    attachments: Sequence[Attachment] = (),
    name: str | None = None,
    language: str | None = None,
    inbound: tuple[str, str] | None = None,
) -> None:
    """Free text (or files) from a client: a session relay, a description, a code, or the menu.

    One transaction: a client in an open session, or a colleague who joined one, has the message
    relayed to the session's thread (``core.sessions.relay``); a typed invitation code joins a
    colleague's session; anyone else goes through the intake.
    """
    async with core.transaction(inbound) as uow:
        found = await client_session(uow, address)
        if found is not None and relays_plainly(found):  # the common case: one INSERT
            await relay_plainly(uow, core, found, text, tuple(attachments))
            return
        joined = None
        if found is not None and found.session_id is None:
            joined = await guest_session_of(uow, found.contact_id)
        if found is not None and (found.session_id is not None or joined is not None):
            client = await load_contact(uow, found.contact_id)
            if client.unreachable_since is not None:
                client.unreachable_since = None  # they wrote: the chat works again
                uow.session.add(client)
            if found.session_id is not None:
                session = await load_session(uow, found.session_id)
                colleagues = found.colleagues
                await relay_client_message(
                    uow, core, client, session, text, tuple(attachments), colleagues=colleagues
                )
            elif joined is not None:
                await relay_guest_message(uow, core, client, joined, text, tuple(attachments))
            return
        contact = await identify(uow, core, address, name=name, language=language)
        company = await contact_company(uow, contact)
        if company is None:
            if looks_like_code(text) or looks_like_invitation(text):
                await link_by_code(uow, core, contact, text)
            elif await link_if_known_code(uow, core, contact, text):
                pass  # linked: a code of letters only, typed in lower case
            elif _meaningful(text) and await awaits_company_name(uow, contact):
                await open_link_request(uow, core, contact, text)
            elif found is not None and text.strip():
                await send_unlinked(uow, core, contact, "intake.code_needed")
            else:
                await send_unlinked(uow, core, contact)
            return
        if await keep_offline_message(uow, core, contact, text, attachments):
            return
        if await answer_booking_detail(uow, core, contact, text):
            return
        request = await current_request(uow, contact)
        going_on = request is not None and await _continue_request(
            uow, core, contact, request, text, attachments
        )
        if going_on:
            return
        if looks_like_invitation(text):
            await join_with_code(uow, core, contact, text)
            return
        await send_menu(uow, core, contact, company)


@entry
async def cancel_current(
    core: Core, address: Address, inbound: tuple[str, str] | None = None
) -> None:
    """``/cancelar``: drop a draft or terms-awaiting request, or leave the queue."""
    async with core.db.uow() as uow:
        contact = await find_contact(uow, address)
        queued = await current_request(uow, contact) if contact is not None else None
    if queued is not None and queued.status == RequestStatus.QUEUED:
        assert queued.id is not None
        await leave_queue(core, address, queued.id, inbound)
        return
    async with core.transaction(inbound) as uow:
        contact = await identify(uow, core, address)
        if await abandon_offline_message(uow, core, contact):
            return
        request = await current_request(uow, contact)
        in_session = await open_session_of(uow, contact.id) is not None
        if in_session or (request is not None and request.status == RequestStatus.IN_SESSION):
            await say(uow, core, contact, "intake.cancel_in_session")
        elif request is not None and request.status in (
            RequestStatus.DRAFT,
            RequestStatus.AWAITING_TERMS,
        ):
            await cancel_request(uow, core, request)
            await say(uow, core, contact, "intake.cancelled")
        else:
            await say(uow, core, contact, "intake.nothing_to_cancel")

"""*Meus agendamentos*: a client's upcoming bookings, cancelling and moving them in the chat.

Action ids: ``bcancel:<id>`` (asks), ``bcancelok:<id>`` (cancels), ``bkeep:<id>`` (keeps it),
``bmove:<id>`` (moves: the day/slot steps of ``core.booking.chat``), ``bnew`` (a new booking).
"""

from __future__ import annotations

from sqlmodel import col, select

from core.booking.change import cancel_in, changeable_booking
from core.booking.chat import offer_booking, send_days
from core.booking.checks import usable_company, when_text
from core.booking.flow import load_draft, save_draft
from core.booking.list import BookingView, render_booking_list
from core.booking.notify import duration_label
from core.booking.rules import Actor, authority, contact_at
from core.contacts import contact_address, contact_language, display_name
from core.context import Core, entry
from core.messages import t
from core.models import Booking, BookingStatus, Company, Consultant
from core.outbox import Address, Choice, OutboundMessage, send


@entry
async def my_bookings(core: Core, address: Address, inbound: tuple[str, str] | None = None) -> None:
    """The client's upcoming bookings with *Remarcar* / *Cancelar*, and *Novo agendamento*."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        language = contact_language(contact, core.config)
        rows = await uow.session.exec(
            select(Booking, Company.name, Consultant.name)
            .join(Company, col(Company.id) == Booking.company_id)
            .outerjoin(Consultant, col(Consultant.id) == Booking.consultant_id)
            .where(
                Booking.contact_id == contact.id,
                Booking.status == BookingStatus.SCHEDULED,
                col(Booking.starts_at) > core.clock.now(),
            )
            .order_by(col(Booking.starts_at))
        )
        views = [
            BookingView(booking, company, display_name(contact), consultant)
            for booking, company, consultant in rows.all()
        ]
        choices: list[Choice] = []
        for view in views:
            number = view.booking.id
            choices.append(
                Choice(f"bmove:{number}", t("booking.button.move_n", language, id=number))
            )
            choices.append(
                Choice(
                    f"bcancel:{number}", t("booking.button.cancel_n", language, id=number), "danger"
                )
            )
        choices.append(Choice("bnew", t("booking.button.new", language), "primary"))
        text = render_booking_list(core, views, language, title=t("booking.mine.title", language))
        cutoff = t("booking.mine.cutoff_note", language, hours=_cutoff_text(core, language))
        message = OutboundMessage(f"{text}\n\n{cutoff}" if views else text, choices=tuple(choices))
        await send(uow, core.clock, contact_address(contact), message)


def _cutoff_text(core: Core, language: str) -> str:
    return duration_label(int(core.config.booking_cutoff.total_seconds() // 60), language)


@entry
async def ask_cancel_booking(
    core: Core, address: Address, booking_id: int, inbound: tuple[str, str] | None = None
) -> None:
    """``bcancel:<id>``: ask the client to confirm (refused at once inside the cut-off)."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        assert contact.id is not None
        auth = await authority(uow, Actor.client(contact.id))
        booking = await changeable_booking(uow, core, booking_id, auth)
        language = contact_language(contact, core.config)
        text = t(
            "booking.mine.confirm_cancel",
            language,
            id=booking_id,
            when=when_text(core, booking.starts_at),
        )
        choices = (
            Choice(f"bcancelok:{booking_id}", t("booking.button.cancel_yes", language), "danger"),
            Choice(f"bkeep:{booking_id}", t("booking.button.keep", language)),
        )
        await send(
            uow, core.clock, contact_address(contact), OutboundMessage(text, choices=choices)
        )


@entry
async def confirm_cancel_booking(
    core: Core, address: Address, booking_id: int, inbound: tuple[str, str] | None = None
) -> None:
    """``bcancelok:<id>``: cancel as the client (both sides are told)."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        assert contact.id is not None
        await cancel_in(uow, core, booking_id, by=Actor.client(contact.id))


@entry
async def keep_booking(
    core: Core, address: Address, booking_id: int, inbound: tuple[str, str] | None = None
) -> None:
    """``bkeep:<id>``: nothing changes."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        language = contact_language(contact, core.config)
        text = t("booking.mine.kept", language, id=booking_id)
        await send(uow, core.clock, contact_address(contact), OutboundMessage(text))


@entry
async def start_moving_booking(
    core: Core, address: Address, booking_id: int, inbound: tuple[str, str] | None = None
) -> None:
    """``bmove:<id>``: the days with free times of the booking's consultant, for its duration."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        assert contact.id is not None
        auth = await authority(uow, Actor.client(contact.id))
        booking = await changeable_booking(uow, core, booking_id, auth)
        draft = await load_draft(uow, core, contact)
        draft.booking_id, draft.request_id = booking.id, booking.request_id
        draft.day = draft.starts_at = draft.duration_minutes = draft.medium = None
        await save_draft(uow, core, draft)
        await send_days(uow, core, contact, draft)


@entry
async def new_booking(core: Core, address: Address, inbound: tuple[str, str] | None = None) -> None:
    """``bnew``: a new booking from the menu (the terms follow if not accepted yet)."""
    async with core.transaction(inbound) as uow:
        contact = await contact_at(uow, address)
        await usable_company(uow, core, contact.company_id or 0)
        await offer_booking(uow, core, contact, None)

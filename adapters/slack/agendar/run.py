"""Run a parsed ``/agendar`` command: one core call each, and the text to answer the secretary.

Who may book, list, cancel or move is the core's rule (``core.booking.rules.authority``): it is
asked first, so a person who may not book gets the refusal before any lookup of companies.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from adapters.slack.agendar.commands import (
    BookText,
    CancelBooking,
    Command,
    ListDay,
    MoveBooking,
    ShowHelp,
)
from adapters.slack.agendar.resolve import resolve_company, resolve_consultant
from core.booking import (
    MEDIA,
    Actor,
    BookingAction,
    BookingOrder,
    BookingView,
    authority,
    book,
    cancel_booking,
    find_booking_view,
    list_bookings,
    render_booking_list,
    reschedule,
)
from core.context import Core
from core.messages import t
from core.timefmt import format_date, format_datetime, weekday_name

Inbound = tuple[str, str]


def starts_at(core: Core, day: date, at: time) -> datetime:
    """The local wall-clock ``day`` ``at`` in the service's time zone."""
    return datetime.combine(day, at, tzinfo=core.config.timezone)


async def check_staff(core: Core, user: str, action: BookingAction = "book") -> None:
    """Refuse at once (``Forbidden``, naming ``action``) a Slack user who is neither secretary
    nor consultant."""
    async with core.db.uow() as uow:
        await authority(uow, Actor.staff(user), action)


async def run_book(core: Core, command: BookText, user: str, inbound: Inbound) -> str:
    """``/agendar <empresa> <dd/mm> <hh:mm> ...``: book, and say what was booked."""
    await check_staff(core, user)
    async with core.db.uow() as uow:
        company = await resolve_company(uow, command.company)
        consultant_id = (
            await resolve_consultant(uow, command.consultant) if command.consultant else None
        )
    assert company.id is not None
    default = timedelta(minutes=core.config.default_session_minutes)
    booking_id = await book(
        core,
        BookingOrder(
            company_id=company.id,
            area=command.area,
            consultant_id=consultant_id,
            starts_at=starts_at(core, command.day, command.at),
            duration=default if command.duration is None else command.duration,
            medium=command.medium or MEDIA[0],
            connection_detail=command.connection_detail,
            alternative_hours=command.alternative,
        ),
        by=Actor.staff(user),
        inbound=inbound,
    )
    return await booked_text(core, booking_id, alternative_asked=command.alternative)


def _alternative_note(core: Core, view: BookingView | None, asked: bool | None) -> str:
    """A note when ``alternativo`` was asked for a time within the opening hours (not kept)."""
    if not asked or view is None or view.booking.alternative_hours:
        return ""
    when = format_datetime(view.booking.starts_at, core.config.timezone)
    return "\n" + t("agendar.alternative_ignored", core.config.language, when=when)


async def booked_text(core: Core, booking_id: int, *, alternative_asked: bool = False) -> str:
    """The confirmation of a new booking (or "already received" for a repeated delivery)."""
    language = core.config.language
    view = await find_booking_view(core, booking_id) if booking_id else None
    if view is None:
        return t("agendar.repeated", language)
    key = "agendar.booked" if view.contact_name else "agendar.booked_no_contact"
    note = _alternative_note(core, view, alternative_asked)
    return t(key, language, line=view.line(core, language)) + note


async def run_list(core: Core, command: ListDay, user: str) -> str:
    """``/agendar lista [dia]``: the day's bookings."""
    await check_staff(core, user, "list")
    language = core.config.language
    async with core.db.uow() as uow:
        views = await list_bookings(uow, core, day=command.day)
    title = t(
        "agendar.list_title",
        language,
        date=format_date(command.day),
        weekday=weekday_name(command.day, language),
    )
    return render_booking_list(core, views, language, title=title)


async def run_cancel(core: Core, command: CancelBooking, user: str, inbound: Inbound) -> str:
    """``/agendar cancelar <id>``."""
    await cancel_booking(
        core, command.booking_id, by=Actor.staff(user), reason=command.reason, inbound=inbound
    )
    view = await find_booking_view(core, command.booking_id)
    key = (
        "agendar.cancelled" if view is None or view.contact_name else "agendar.cancelled_no_contact"
    )
    return t(key, core.config.language, id=command.booking_id)


async def run_move(core: Core, command: MoveBooking, user: str, inbound: Inbound) -> str:
    """``/agendar remarcar <id> <dd/mm> <hh:mm>``."""
    await reschedule(
        core,
        command.booking_id,
        by=Actor.staff(user),
        starts_at=starts_at(core, command.day, command.at),
        alternative_hours=command.alternative,
        inbound=inbound,
    )
    language = core.config.language
    view = await find_booking_view(core, command.booking_id)
    line = view.line(core, language) if view else ""
    key = "agendar.moved" if view is None or view.contact_name else "agendar.moved_no_contact"
    note = _alternative_note(core, view, command.alternative)
    return t(key, language, id=command.booking_id, line=line) + note


def help_text(core: Core) -> str:
    """``/agendar ajuda``."""
    return t("agendar.help", core.config.language, media=", ".join(MEDIA))


async def run_command(core: Core, command: Command, user: str, inbound: Inbound) -> str:
    """Run a text command (not the modal) and return the answer for the secretary."""
    if isinstance(command, BookText):
        return await run_book(core, command, user, inbound)
    if isinstance(command, ListDay):
        return await run_list(core, command, user)
    if isinstance(command, CancelBooking):
        return await run_cancel(core, command, user, inbound)
    if isinstance(command, MoveBooking):
        return await run_move(core, command, user, inbound)
    if isinstance(command, ShowHelp):
        return help_text(core)
    raise TypeError(f"not a text command: {command!r}")

"""The booking form (``/console/agendar``) and the bookings list (``/console/bookings``) with
*Remarcar* and *Cancelar* on each booking.

Same checks as Slack's ``/agendar``: every rule (who may book for whom, the company, contact,
area, date, hours, holidays, duration, medium, consultant's agenda) is the core's
(``core.booking.book``, ``Actor.staff(staff_key)``); this module only reads the form. A refusal
is shown beside its field and nothing is stored. *Remarcar* (``POST
/console/bookings/<id>/move``: new date, time, "horário alternativo acordado") is
``core.booking.change.reschedule``, exactly as ``/agendar remarcar <id> <dd/mm> <hh:mm>
[alternativo]``: unticked, the booking keeps its alternative-hours mark.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from aiohttp import web

from adapters.web.auth import StaffUser, staff_required
from adapters.web.console.common import (
    ctx_of,
    inbound_key,
    notice_page,
    render,
    status_of,
    user_of,
)
from adapters.web.ids import path_id
from core.booking import (
    MAX_DURATION,
    MEDIA,
    Actor,
    BookingOrder,
    book,
    cancel_booking,
    duration_label,
    list_bookings,
    medium_label,
    reschedule,
)
from core.context import Core
from core.errors import BusinessError, InvalidInput
from core.timefmt import format_date, parse_date, parse_time
from core.views import booking_choices, my_consultant

logger = logging.getLogger(__name__)

BOOKING_ROLES = ("secretary", "consultant")
FIELDS = (
    "company",
    "contact",
    "area",
    "date",
    "time",
    "duration",
    "medium",
    "connection",
    "consultant",
    "notes",
    "alternative",
)
_FIELD_OF_KEY = {
    "booking.past": "time",
    "booking.outside_hours": "time",
    "booking.no_consultant_free": "time",
    "booking.no_consultant_free_any": "time",
    "booking.closed_day": "date",
    "error.invalid_date": "date",
    "error.invalid_time": "time",
    "booking.unknown_company": "company",
    "booking.inactive_company": "company",
    "booking.unserved_company": "company",
    "booking.unknown_contact": "contact",
    "booking.contact_not_of_company": "contact",
    "booking.unknown_area": "area",
    "booking.consultant_not_in_area": "consultant",
    "booking.conflict": "consultant",
    "booking.conflict_session": "consultant",
    "booking.unknown_consultant": "consultant",
    "booking.consultant_for_others": "consultant",
    "booking.bad_duration": "duration",
    "booking.unknown_medium": "medium",
    "connection.bad_phone": "connection",
    "connection.bad_teamviewer": "connection",
    "connection.bad_host": "connection",
    "connection.no_detail": "connection",
    "agendar.modal.required": "company",
}
NOTES_MAX = 500


def field_for(key: str) -> str:
    """The form field that shows the refusal ``key`` (the company when none fits better)."""
    return _FIELD_OF_KEY.get(key, "company")


def _number(raw: str, key: str, **params: object) -> int | None:
    """A chosen id (or minutes); None when empty; InvalidInput ``key`` when not a number."""
    text = raw.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise InvalidInput(key, id=text[:20], **params)
    return int(text)


def read_day(core: Core, raw: str) -> date:
    """``dd/mm/aaaa`` (or the ISO ``aaaa-mm-dd`` of a date picker) -> date; InvalidInput else."""
    text = raw.strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError as error:
            raise InvalidInput("error.invalid_date", value=raw) from error
    return parse_day(core, text)


def parse_day(core: Core, text: str) -> date:
    """``dd/mm/aaaa`` or ``dd/mm`` (this year)."""
    return parse_date(text, today=core.clock.now().astimezone(core.config.timezone).date())


def durations(core: Core, language: str) -> list[tuple[int, str]]:
    """The durations offered: multiples of the billing period up to 4 hours."""
    period = core.config.policy.period_minutes
    longest = int(MAX_DURATION / timedelta(minutes=1))
    return [(m, duration_label(m, language)) for m in range(period, longest + 1, period)]


async def _options(core: Core, user: StaffUser) -> dict[str, object]:
    choices = await booking_choices(
        core.db,
        user.staff_key,
        secretary=user.has("secretary"),
        served=core.config.product_lines,
    )
    return {
        "companies": choices.companies,
        "contacts": choices.contacts,
        "consultants": [(c.id, c.name) for c in choices.consultants],
        "areas": list(core.config.areas),
        "durations": durations(core, user.language),
        "media": [(m, medium_label(m, user.language)) for m in MEDIA],
        "default_minutes": core.config.default_session_minutes,
        "secretary": user.has("secretary"),
    }


async def _form_page(
    request: web.Request,
    user: StaffUser,
    *,
    status: int = 200,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    booked: str | None = None,
) -> web.StreamResponse:
    core = ctx_of(request).core
    return render(
        request,
        user,
        "console/book.html",
        status=status,
        typed=typed or {},
        errors=errors or {},
        booked=booked,
        **await _options(core, user),
    )


@staff_required(*BOOKING_ROLES)
async def booking_form(request: web.Request) -> web.StreamResponse:
    """The empty form."""
    return await _form_page(request, await user_of(request))


def _start(core: Core, day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=core.config.timezone)


@staff_required(*BOOKING_ROLES)
async def submit_booking(request: web.Request) -> web.StreamResponse:
    """Book through the core; a refusal comes back beside its field, nothing stored."""
    user = await user_of(request)
    core = ctx_of(request).core
    form = await request.post()
    typed = {name: str(form.get(name) or "")[:NOTES_MAX] for name in FIELDS}
    try:
        company_id = _number(typed["company"], "booking.unknown_company")
        if company_id is None:
            raise InvalidInput("agendar.modal.required")
        day = read_day(core, typed["date"])
        at = parse_time(typed["time"]) if typed["time"].strip() else None
        if at is None:
            raise InvalidInput("error.invalid_time", value="")
        minutes = _number(
            typed["duration"],
            "booking.bad_duration",
            minutes=typed["duration"][:20],
            period=core.config.policy.period_minutes,
            maximum=int(MAX_DURATION / timedelta(minutes=1)),
        )
        booking_id = await book(
            core,
            BookingOrder(
                company_id=company_id,
                contact_id=_number(typed["contact"], "booking.unknown_contact"),
                area=typed["area"].strip() or None,
                consultant_id=_number(typed["consultant"], "booking.unknown_consultant"),
                starts_at=_start(core, day, at),
                duration=timedelta(minutes=minutes or core.config.default_session_minutes),
                medium=typed["medium"] or MEDIA[0],
                connection_detail=typed["connection"].strip() or None,
                notes=typed["notes"].strip() or None,
                alternative_hours=bool(typed["alternative"]),
            ),
            by=Actor.staff(user.staff_key),
            inbound=inbound_key(request, user, form),
        )
    except BusinessError as error:
        logger.info("console booking refused for %s: %s", user.login, error.key)
        errors = {field_for(error.key): error.render(user.language)}
        return await _form_page(request, user, status=status_of(error), typed=typed, errors=errors)
    raise web.HTTPSeeOther(f"/console/bookings?booked={booking_id}")


@staff_required(*BOOKING_ROLES)
async def bookings_page(request: web.Request) -> web.StreamResponse:
    """The bookings of a day (or the upcoming ones), with *Remarcar* and *Cancelar*."""
    return await _bookings_page(request, await user_of(request))


async def _bookings_page(
    request: web.Request,
    user: StaffUser,
    *,
    status: int = 200,
    move_error: tuple[int, str, str] | None = None,
    typed: dict[str, str] | None = None,
) -> web.StreamResponse:
    """The list; ``move_error`` = (booking, field, text) of a refused *Remarcar*."""
    core = ctx_of(request).core
    raw_day = request.query.get("day", "").strip()
    error = None
    day = None
    if raw_day:
        try:
            day = read_day(core, raw_day)
        except BusinessError as refusal:
            error = refusal.render(user.language)
    async with core.db.uow() as uow:
        mine = None if user.has("secretary") else await my_consultant(uow, user.staff_key)
        views = await list_bookings(
            uow, core, day=day, consultant_id=mine.id if mine is not None else None
        )
    if day is None:
        now = core.clock.now()
        views = [v for v in views if v.booking.ends_at >= now][:200]
    booked = request.query.get("booked", "")
    cancelled = request.query.get("cancelled", "")
    moved = request.query.get("moved", "")
    lines = [(v.booking.id, v.line(core, user.language)) for v in views]
    moved_id = int(moved) if moved.isascii() and moved.isdigit() and len(moved) < 18 else None
    return render(
        request,
        user,
        "console/bookings.html",
        status=422 if error else status,
        lines=lines,
        day=format_date(day) if day else raw_day,
        day_error=error,
        booked=int(booked) if booked.isascii() and booked.isdigit() else None,
        cancelled=int(cancelled) if cancelled.isascii() and cancelled.isdigit() else None,
        moved=moved_id,
        move_error=move_error,
        move_error_listed=move_error is not None and move_error[0] in {b for b, _ in lines},
        typed=typed or {},
    )


def _booking_id(request: web.Request) -> int:
    return path_id(request, "booking_id")


_MOVE_FIELD = {"error.invalid_date": "date", "booking.closed_day": "date"}


@staff_required(*BOOKING_ROLES)
async def move(request: web.Request) -> web.StreamResponse:
    """*Remarcar*: the booking to a new date and time (the core checks it; nothing on refusal)."""
    user = await user_of(request)
    core = ctx_of(request).core
    booking_id = _booking_id(request)
    form = await request.post()
    typed = {name: str(form.get(name) or "")[:40] for name in ("date", "time", "alternative")}
    try:
        day = read_day(core, typed["date"])
        at = parse_time(typed["time"]) if typed["time"].strip() else None
        if at is None:
            raise InvalidInput("error.invalid_time", value="")
        await reschedule(
            core,
            booking_id,
            by=Actor.staff(user.staff_key),
            starts_at=_start(core, day, at),
            alternative_hours=True if typed["alternative"] else None,
            inbound=inbound_key(request, user, form),
        )
    except BusinessError as error:
        logger.info(
            "console move of booking %s refused for %s: %s", booking_id, user.login, error.key
        )
        refused = (booking_id, _MOVE_FIELD.get(error.key, "time"), error.render(user.language))
        return await _bookings_page(
            request, user, status=status_of(error), move_error=refused, typed=typed
        )
    raise web.HTTPSeeOther(f"/console/bookings?moved={booking_id}")


@staff_required(*BOOKING_ROLES)
async def cancel(request: web.Request) -> web.StreamResponse:
    """Cancel a booking (the core decides who may)."""
    user = await user_of(request)
    core = ctx_of(request).core
    raw = str(_booking_id(request))
    form = await request.post()
    reason = str(form.get("reason") or "").strip()[:NOTES_MAX] or None
    try:
        await cancel_booking(
            core,
            int(raw),
            by=Actor.staff(user.staff_key),
            reason=reason,
            inbound=inbound_key(request, user, form),
        )
    except BusinessError as error:
        text = error.render(user.language)
        return notice_page(request, user, text, status_of(error), "/console/bookings")
    raise web.HTTPSeeOther(f"/console/bookings?cancelled={raw}")


def add_routes(app: web.Application) -> None:
    """Register the booking routes."""
    app.router.add_get("/console/agendar", booking_form)
    app.router.add_post("/console/agendar", submit_booking)
    app.router.add_get("/console/bookings", bookings_page)
    app.router.add_post(r"/console/bookings/{booking_id}/move", move)
    app.router.add_post(r"/console/bookings/{booking_id}/cancel", cancel)

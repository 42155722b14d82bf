"""What a client's buttons and commands do, for every client channel (Telegram, the web chat).

Button action ids are ``verb:arg[:arg]`` (see the core's parts for who emits which);
:func:`route_of` maps one to the core function it calls. A route receives the core and a parsed
:class:`Click`; malformed arguments raise ValueError or IndexError, which a channel treats like
an unknown (expired) button. :func:`is_stale` tells a refusal that means "this button belongs to
a state that is gone". :data:`COMMANDS` are the typed commands (``/ajuda`` ...).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core import booking, intake, queue, sessions, support
from core.context import Core
from core.errors import BusinessError
from core.outbox import Address


@dataclass(frozen=True)
class Click:
    """A pressed button: who, the action's arguments, the dedup key, the pressed message."""

    address: Address
    args: tuple[str, ...]
    inbound: tuple[str, str]
    message_ref: str | None


Route = Callable[[Core, Click], Awaitable[None]]


def _int(click: Click, index: int = 0) -> int:
    return int(click.args[index])


async def _menu(core: Core, c: Click) -> None:
    option = c.args[0]
    if option == "consult":
        await intake.begin_consulting(core, c.address, c.inbound)
    elif option == "support":
        await support.begin_support(core, c.address, c.inbound)
    elif option == "bookings":
        await booking.my_bookings(core, c.address, c.inbound)
    elif option == "help":
        await intake.show_help(core, c.address, c.inbound)
    elif option == "convert":
        await support.convert_request(core, c.address, c.inbound)
    else:
        raise ValueError(f"unknown menu option {option!r}")


async def _area(core: Core, c: Click) -> None:
    index = None if c.args[1] == "x" else _int(c, 1)
    await intake.choose_area(core, c.address, _int(c), index, c.inbound)


ROUTES: dict[str, Route] = {
    "menu": _menu,
    "area": _area,
    "terms_ok": lambda core, c: intake.accept_terms(
        core, c.address, _int(c), message_ref=c.message_ref, inbound=c.inbound
    ),
    "terms_no": lambda core, c: intake.refuse_terms(
        core, c.address, _int(c), message_ref=c.message_ref, inbound=c.inbound
    ),
    "leave": lambda core, c: queue.leave_queue(core, c.address, _int(c), c.inbound),
    "tobook": lambda core, c: queue.switch_to_booking(core, c.address, _int(c), inbound=c.inbound),
    "bdays": lambda core, c: booking.show_booking_days(core, c.address, c.inbound),
    "bday": lambda core, c: booking.choose_booking_day(
        core, c.address, booking.parse_day_arg(c.args[0]), c.inbound
    ),
    "bslot": lambda core, c: booking.choose_booking_slot(
        core, c.address, booking.parse_slot_arg(core, c.args[0]), c.inbound
    ),
    "bdur": lambda core, c: booking.choose_booking_duration(core, c.address, _int(c), c.inbound),
    "bmed": lambda core, c: booking.choose_booking_medium(core, c.address, _int(c), c.inbound),
    "bok": lambda core, c: booking.confirm_booking(core, c.address, c.inbound),
    "bno": lambda core, c: booking.drop_booking_draft(core, c.address, c.inbound),
    "bmove": lambda core, c: booking.start_moving_booking(core, c.address, _int(c), c.inbound),
    "bcancel": lambda core, c: booking.ask_cancel_booking(core, c.address, _int(c), c.inbound),
    "bcancelok": lambda core, c: booking.confirm_cancel_booking(
        core, c.address, _int(c), c.inbound
    ),
    "bkeep": lambda core, c: booking.keep_booking(core, c.address, _int(c), c.inbound),
    "bnew": lambda core, c: booking.new_booking(core, c.address, c.inbound),
    "bterms_ok": lambda core, c: booking.accept_booking_terms(
        core, c.address, _int(c), message_ref=c.message_ref, inbound=c.inbound
    ),
    "bterms_no": lambda core, c: booking.refuse_booking_terms(
        core, c.address, _int(c), message_ref=c.message_ref, inbound=c.inbound
    ),
    "client_end": lambda core, c: sessions.end_session_by_client(
        core, c.address, session_id=_int(c), inbound=c.inbound
    ),
    "rate": lambda core, c: sessions.rate_session(
        core, c.address, _int(c), _int(c, 1), inbound=c.inbound
    ),
}
"""Action verb -> core call, for every button the core shows a client."""


def route_of(action: str) -> tuple[Route, tuple[str, ...]] | None:
    """The route and arguments of an action id; None for an unknown verb."""
    verb, *args = action.split(":")
    route = ROUTES.get(verb)
    return (route, tuple(args)) if route is not None else None


STALE_KEYS = frozenset(
    {
        "queue.not_in_queue",
        "queue.not_yours",
        "sessions.not_found",
        "sessions.already_ended",
        "sessions.rating.not_ended",
        "booking.unknown_client",
    }
)
"""Refusals that mean "this button belongs to a state that is gone" (besides ``*expired``)."""


def is_stale(error: BusinessError) -> bool:
    """Whether a refusal means the pressed button is out of date."""
    return "expired" in error.key or error.key in STALE_KEYS


Command = Callable[[Core, Address, tuple[str, str]], Awaitable[None]]

COMMANDS: dict[str, Command] = {
    "ajuda": lambda core, address, key: intake.show_help(core, address, key),
    "cancelar": lambda core, address, key: intake.cancel_current(core, address, key),
    "agendamentos": lambda core, address, key: booking.my_bookings(core, address, key),
    "suporte": lambda core, address, key: support.begin_support(core, address, key),
    "menu": lambda core, address, key: intake.show_menu(core, address, key),
}
"""Typed command (without the slash) -> core call; see :data:`COMMAND_ALIASES`."""

COMMAND_ALIASES = {
    "help": "ajuda",
    "cancel": "cancelar",
    "bookings": "agendamentos",
    "support": "suporte",
}
"""English names of the commands."""


def command_of(name: str) -> Command | None:
    """The core call of a typed command (``ajuda``, ``help`` ...), or None."""
    key = name.strip().lstrip("/").lower()
    return COMMANDS.get(COMMAND_ALIASES.get(key, key))

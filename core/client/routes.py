"""What a client's buttons and commands do, for every client channel (Telegram, the web chat).

Button action ids are ``verb:arg[:arg]`` (see the core's parts for who emits which). Each
:class:`Route` names the shape of its arguments; :func:`parse_action` turns an action id into
a :class:`Click` with typed, bounded values before anything runs, so a forged or mangled id is
:class:`MalformedAction` (an expired button to the person) and never reaches the database.
:data:`COMMANDS` are the typed commands (``/ajuda`` ...).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from core import booking, intake, offline, queue, recaps, sessions, support
from core.context import Core
from core.errors import BusinessError
from core.outbox import Address

MAX_ACTION_BYTES = 64
"""Telegram's limit for ``callback_data``; the web chat applies the same."""
MAX_ID = 2**31 - 1
"""Row ids are 32-bit integers on PostgreSQL: a larger one cannot name anything."""
MAX_INDEX = 99
"""Choice positions (areas, durations, media, stars) are small."""
MAX_DAYS_AWAY = 400
"""Day and slot buttons name dates near today; anything further is not one of ours."""


class MalformedAction(ValueError):
    """An action id that no button of ours carries (unknown verb, wrong or out-of-range args)."""


class Arg(StrEnum):
    """The kinds of action arguments."""

    ID = "id"
    INDEX = "index"
    INDEX_OR_NONE = "index_or_none"  # an index, or ``x`` for "none of these"
    OPTION = "option"
    DAY = "day"
    SLOT = "slot"


Value = int | str | date | datetime | None


@dataclass(frozen=True)
class Click:
    """A pressed button: who, its parsed arguments, the dedup key and the pressed message."""

    address: Address
    values: tuple[Value, ...]
    inbound: tuple[str, str]
    message_ref: str | None

    def number(self, index: int = 0) -> int:
        """An ``ID`` or ``INDEX`` argument."""
        value = self.values[index]
        assert isinstance(value, int), "the route's shape says a number"
        return value

    def maybe_number(self, index: int) -> int | None:
        """An ``INDEX_OR_NONE`` argument."""
        value = self.values[index]
        assert value is None or isinstance(value, int)
        return value

    def option(self, index: int = 0) -> str:
        """An ``OPTION`` argument."""
        value = self.values[index]
        assert isinstance(value, str)
        return value

    def day(self, index: int = 0) -> date:
        """A ``DAY`` argument."""
        value = self.values[index]
        assert isinstance(value, date) and not isinstance(value, datetime)
        return value

    def slot(self, index: int = 0) -> datetime:
        """A ``SLOT`` argument (an aware local instant)."""
        value = self.values[index]
        assert isinstance(value, datetime)
        return value


@dataclass(frozen=True)
class Route:
    """A button's verb: the shape of its arguments and the core call it makes."""

    shape: tuple[Arg, ...]
    call: Callable[[Core, Click], Awaitable[object]]
    options: frozenset[str] = frozenset()


async def _menu(core: Core, c: Click) -> None:
    option = c.option()
    if option == "consult":
        await intake.begin_consulting(core, c.address, c.inbound)
    elif option == "support":
        await support.begin_support(core, c.address, c.inbound)
    elif option == "bookings":
        await booking.my_bookings(core, c.address, c.inbound)
    elif option == "help":
        await intake.show_help(core, c.address, c.inbound)
    else:  # "convert"
        await support.convert_request(core, c.address, c.inbound)


ID, INDEX = (Arg.ID,), (Arg.INDEX,)
ROUTES: dict[str, Route] = {
    "menu": Route(
        (Arg.OPTION,),
        _menu,
        frozenset({"consult", "support", "bookings", "help", "convert"}),
    ),
    "area": Route(
        (Arg.ID, Arg.INDEX_OR_NONE),
        lambda core, c: intake.choose_area(
            core, c.address, c.number(), c.maybe_number(1), c.inbound
        ),
    ),
    "terms_ok": Route(
        ID,
        lambda core, c: intake.accept_terms(
            core, c.address, c.number(), message_ref=c.message_ref, inbound=c.inbound
        ),
    ),
    "terms_no": Route(
        ID,
        lambda core, c: intake.refuse_terms(
            core, c.address, c.number(), message_ref=c.message_ref, inbound=c.inbound
        ),
    ),
    "nocode": Route((), lambda core, c: intake.no_code(core, c.address, c.inbound)),
    "switch_ok": Route(
        ID, lambda core, c: intake.confirm_switch(core, c.address, c.number(), c.inbound)
    ),
    "switch_no": Route(
        ID, lambda core, c: intake.keep_company(core, c.address, c.number(), c.inbound)
    ),
    "offline": Route(
        ID, lambda core, c: offline.ask_offline_message(core, c.address, c.number(), c.inbound)
    ),
    "leave": Route(ID, lambda core, c: queue.leave_queue(core, c.address, c.number(), c.inbound)),
    "keep": Route(ID, lambda core, c: queue.keep_place(core, c.address, c.number(), c.inbound)),
    "tobook": Route(
        ID, lambda core, c: queue.switch_to_booking(core, c.address, c.number(), inbound=c.inbound)
    ),
    "bdays": Route((), lambda core, c: booking.show_booking_days(core, c.address, c.inbound)),
    "bday": Route(
        (Arg.DAY,),
        lambda core, c: booking.choose_booking_day(core, c.address, c.day(), c.inbound),
    ),
    "bslot": Route(
        (Arg.SLOT,),
        lambda core, c: booking.choose_booking_slot(core, c.address, c.slot(), c.inbound),
    ),
    "bdur": Route(
        INDEX,
        lambda core, c: booking.choose_booking_duration(core, c.address, c.number(), c.inbound),
    ),
    "bmed": Route(
        INDEX,
        lambda core, c: booking.choose_booking_medium(core, c.address, c.number(), c.inbound),
    ),
    "bok": Route((), lambda core, c: booking.confirm_booking(core, c.address, c.inbound)),
    "bno": Route((), lambda core, c: booking.drop_booking_draft(core, c.address, c.inbound)),
    "bmove": Route(
        ID, lambda core, c: booking.start_moving_booking(core, c.address, c.number(), c.inbound)
    ),
    "bcancel": Route(
        ID, lambda core, c: booking.ask_cancel_booking(core, c.address, c.number(), c.inbound)
    ),
    "bcancelok": Route(
        ID, lambda core, c: booking.confirm_cancel_booking(core, c.address, c.number(), c.inbound)
    ),
    "bkeep": Route(
        ID, lambda core, c: booking.keep_booking(core, c.address, c.number(), c.inbound)
    ),
    "bnew": Route((), lambda core, c: booking.new_booking(core, c.address, c.inbound)),
    "bterms_ok": Route(
        ID,
        lambda core, c: booking.accept_booking_terms(
            core, c.address, c.number(), message_ref=c.message_ref, inbound=c.inbound
        ),
    ),
    "bterms_no": Route(
        ID,
        lambda core, c: booking.refuse_booking_terms(
            core, c.address, c.number(), message_ref=c.message_ref, inbound=c.inbound
        ),
    ),
    "client_end": Route(
        ID,
        lambda core, c: sessions.end_session_by_client(
            core, c.address, session_id=c.number(), inbound=c.inbound
        ),
    ),
    "invite": Route(
        ID,
        lambda core, c: sessions.invite_colleague(
            core, c.address, session_id=c.number(), inbound=c.inbound
        ),
    ),
    "guest_leave": Route(
        ID,
        lambda core, c: sessions.leave_as_guest(
            core, c.address, session_id=c.number(), inbound=c.inbound
        ),
    ),
    "rate": Route(
        (Arg.ID, Arg.INDEX),
        lambda core, c: sessions.rate_session(
            core, c.address, c.number(), c.number(1), inbound=c.inbound
        ),
    ),
    "recap": Route(
        ID,
        lambda core, c: recaps.request_recap(core, c.address, c.number(), inbound=c.inbound),
    ),
}
"""Action verb -> argument shape and core call, for every button the core shows a client."""


def _digits(text: str, largest: int) -> int:
    if not text.isascii() or not text.isdigit() or len(text) > len(str(largest)):
        raise MalformedAction(text)
    value = int(text)
    if value > largest:
        raise MalformedAction(text)
    return value


def _value(core: Core, kind: Arg, text: str, options: frozenset[str]) -> Value:
    if kind is Arg.ID:
        value = _digits(text, MAX_ID)
        if value == 0:
            raise MalformedAction(text)
        return value
    if kind is Arg.INDEX:
        return _digits(text, MAX_INDEX)
    if kind is Arg.INDEX_OR_NONE:
        return None if text == "x" else _digits(text, MAX_INDEX)
    if kind is Arg.OPTION:
        if text not in options:
            raise MalformedAction(text)
        return text
    try:
        when = (
            booking.parse_day_arg(text) if kind is Arg.DAY else booking.parse_slot_arg(core, text)
        )
    except BusinessError as error:
        raise MalformedAction(text) from error
    today = core.clock.now().astimezone(core.config.timezone).date()
    day = when.date() if isinstance(when, datetime) else when
    if abs((day - today).days) > MAX_DAYS_AWAY:
        raise MalformedAction(text)
    return when


def parse_action(
    core: Core,
    address: Address,
    action: str,
    *,
    inbound: tuple[str, str],
    message_ref: str | None = None,
) -> tuple[Route, Click]:
    """The route of an action id and its typed arguments; MalformedAction when it is not ours."""
    if not action or len(action.encode(errors="surrogatepass")) > MAX_ACTION_BYTES:
        raise MalformedAction(action[:MAX_ACTION_BYTES])
    verb, *args = action.split(":")
    route = ROUTES.get(verb)
    if route is None or len(args) != len(route.shape):
        raise MalformedAction(action)
    values = tuple(
        _value(core, kind, text, route.options)
        for kind, text in zip(route.shape, args, strict=True)
    )
    return route, Click(address, values, inbound, message_ref)


Command = Callable[[Core, Address, tuple[str, str]], Awaitable[None]]

COMMANDS: dict[str, Command] = {
    "ajuda": lambda core, address, key: intake.show_help(core, address, key),
    "cancelar": lambda core, address, key: intake.cancel_current(core, address, key),
    "agendamentos": lambda core, address, key: booking.my_bookings(core, address, key),
    "suporte": lambda core, address, key: support.begin_support(core, address, key),
    "menu": lambda core, address, key: intake.show_menu(core, address, key),
    "convidar": lambda core, address, key: sessions.invite_colleague(core, address, inbound=key),
    "sair": lambda core, address, key: sessions.leave_as_guest(core, address, inbound=key),
}
"""Typed command (without the slash) -> core call; see :data:`COMMAND_ALIASES`."""

COMMAND_ALIASES = {
    "help": "ajuda",
    "cancel": "cancelar",
    "bookings": "agendamentos",
    "support": "suporte",
    "invite": "convidar",
    "leave": "sair",
}
"""English names of the commands."""


def command_of(name: str) -> Command | None:
    """The core call of a typed command (``ajuda``, ``help`` ...), or None."""
    key = name.strip().lstrip("/").lower()
    return COMMANDS.get(COMMAND_ALIASES.get(key, key))

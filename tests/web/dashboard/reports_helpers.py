"""A day of operations for the reports' tests, made through the real core entry points.

Monday 23/11/2026 (São Paulo), opening hours 08:00-12:00 and 13:30-18:00:

- 10:00 Bruno, Carla and Diego say they are available; the secretary books Caio for 14:00
  with Bruno and Caio accepts the booking's terms.
- Ana queues at 10:00, Bruno takes her at 10:10, ends at 11:00 (50 min, R$ 180,00); she rates 5.
- Beto queues at 11:00, Diego takes him at 11:20, ends at 11:40 (20 min, R$ 90,00); he rates 3.
- Dora refuses the paid terms at 11:40 and opens a support chat; at 11:45 the attendant converts
  it and she accepts (handed over to the queue, not taken). Beto opens a support chat at 11:45,
  the attendant converts it at 11:50 and he refuses.
- 12:00 everyone is away. 14:00 Caio's booked session opens with Bruno (busy); at 14:15 Caio has
  not come: a no-show, and Bruno is available until he goes away at 14:30. Read at 16:00.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.bootstrap import timer_handlers
from core import intake, support
from core.booking import Actor, BookingOrder, accept_booking_terms, book
from core.contacts import find_contact
from core.models import Booking
from core.outbox import Address
from core.queue import set_status
from core.sessions import end_session, rate_session
from tests.scenario import SAO_PAULO, World
from tests.scenarios.sessions_helpers import (
    ANA,
    ATTENDANT,
    BETO,
    BRUNO,
    CAIO,
    CARLA,
    DIEGO,
    SECRETARY,
    Cast,
    claimed,
    given_cast,
    open_session_of,
    queued,
)

DORA = Address("telegram", "4204")
MONDAY = date(2026, 11, 23)


def at(hh_mm: str, day: date = MONDAY) -> datetime:
    """A São Paulo wall-clock time on ``day``."""
    hours, minutes = (int(part) for part in hh_mm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=SAO_PAULO)


async def _served(
    world: World, cast: Cast, client: Address, *, wait: int, by: str, minutes: int, stars: int
) -> None:
    request_id = await queued(world, cast, client)
    world.advance(minutes=wait)
    session_id = await claimed(world, request_id, by)
    world.advance(minutes=minutes)
    await end_session(world.core, session_id, by=by)
    await rate_session(world.core, client, session_id, stars)


async def _refused_terms(world: World, cast: Cast, client: Address) -> None:
    core = world.core
    await intake.start(core, client, code=cast.access_code, name="Dora Cliente")
    await intake.begin_consulting(core, client)
    question = (await world.outbox(client))[-1]
    request_id = int(question.choices[0].action.split(":")[1])
    await intake.choose_area(core, client, request_id, core.config.areas.index("Custos"))
    await intake.handle_text(core, client, "Como fechar o estoque?")
    await intake.refuse_terms(core, client, request_id)


async def _converted(world: World, client: Address, *, accepts: bool) -> None:
    await support.begin_support(world.core, client)
    session = await open_session_of(world, client)
    assert session.id is not None
    world.advance(minutes=5)
    await support.convert_to_consulting(world.core, session.id, by_staff_key=ATTENDANT)
    if accepts:
        await intake.accept_terms(world.core, client, session.request_id)
    else:
        await intake.refuse_terms(world.core, client, session.request_id)


async def _booked_no_show(world: World, cast: Cast) -> None:
    core = world.core
    await intake.start(core, CAIO, code=cast.access_code, name="Caio Cliente")
    async with core.db.uow() as uow:
        contact = await find_contact(uow, CAIO)
    assert contact is not None
    order = BookingOrder(
        company_id=cast.company_id,
        contact_id=contact.id,
        area="Custos",
        consultant_id=cast.consultant_ids[BRUNO],
        starts_at=at("14:00"),
        duration=timedelta(minutes=60),
        medium="Telefone",
    )
    booking_id = await book(core, order, by=Actor.staff(SECRETARY))
    async with core.db.uow() as uow:
        booking = await uow.session.get(Booking, booking_id)
    assert booking is not None and booking.request_id is not None
    await accept_booking_terms(core, CAIO, booking.request_id)


async def operations_day(world: World) -> Cast:
    """The day described above; the clock ends at 16:00."""
    world.clock.set(at("10:00"))
    cast = await given_cast(world)
    await _booked_no_show(world, cast)
    await _served(world, cast, ANA, wait=10, by=BRUNO, minutes=50, stars=5)
    await _served(world, cast, BETO, wait=20, by=DIEGO, minutes=20, stars=3)
    await _refused_terms(world, cast, DORA)
    await _converted(world, DORA, accepts=True)
    await _converted(world, BETO, accepts=False)
    world.clock.set(at("12:00"))
    for consultant in (BRUNO, CARLA, DIEGO):
        await set_status(world.core, consultant, "ausente")
    world.clock.set(at("14:00"))
    await world.run_timers(timer_handlers())
    world.clock.set(at("14:15"))
    await world.run_timers(timer_handlers())
    world.clock.set(at("14:30"))
    await set_status(world.core, BRUNO, "ausente")
    world.clock.set(at("16:00"))
    return cast

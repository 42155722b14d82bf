"""The audit log in the dashboard over real HTTP: managers only; bookings made for clients by
the staff (Slack, console) or an integration, and the admins' LGPD actions, land with who did
them; filters by action, actor and period; a page at a time."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from core.api_tokens import create_token
from core.audit import acting
from core.booking import Actor, BookingOrder, book
from core.contacts import find_contact
from core.events import Operator
from core.sessions import end_session
from tests.scenario import SAO_PAULO, World
from tests.scenarios.sessions_helpers import (
    ANA,
    BRUNO,
    SECRETARY,
    Cast,
    claimed,
    given_cast,
    queued,
)
from tests.web.conftest import WebWorld
from tests.web.dashboard.helpers import get, signed_in
from tests.web.dashboard.test_dashboard import post_form_json

PAGE = "/dashboard/audit"
TUESDAY = date(2026, 11, 24)


def _at(hh: int, mm: int = 0) -> datetime:
    return datetime.combine(TUESDAY, time(hh, mm), tzinfo=SAO_PAULO)


def _entries(html: str) -> list[tuple[str, str]]:
    """(action, actor cell text) of each row shown."""
    rows = re.findall(r'<tr class="audit-entry" data-action="([^"]+)">(.*?)</tr>', html, re.S)
    result = []
    for action, cells in rows:
        actor = re.search(r'<td class="actor">(.*?)</td>', cells, re.S)
        assert actor is not None
        result.append((action, " ".join(re.sub(r"<[^>]+>", "", actor.group(1)).split())))
    return result


async def _ana(web: WebWorld, *, served: bool = False) -> tuple[Cast, int]:
    """Ana, who asked for consulting (and, ``served``, had her session with Bruno)."""
    world = World(web.core, web.clock)
    cast = await given_cast(world)
    request_id = await queued(world, cast, ANA)
    if served:
        await end_session(web.core, await claimed(world, request_id, BRUNO), by=BRUNO)
    async with web.core.db.read() as uow:
        contact = await find_contact(uow, ANA)
    assert contact is not None and contact.id is not None
    return cast, contact.id


def _order(cast: Cast, contact_id: int, starts_at: datetime) -> BookingOrder:
    return BookingOrder(
        company_id=cast.company_id,
        contact_id=contact_id,
        area="Custos",
        starts_at=starts_at,
        duration=timedelta(minutes=30),
        medium="Telefone",
    )


async def test_bookings_made_for_a_client_land_with_who_made_them_and_the_clients_own_do_not(
    web: WebWorld,
) -> None:
    cast, ana = await _ana(web)
    await book(web.core, _order(cast, ana, _at(9)), by=Actor.staff(SECRETARY))
    await book(web.core, _order(cast, ana, _at(10)), by=Actor.api("erp"))
    await book(web.core, _order(cast, ana, _at(11)), by=Actor.client(ana))
    console = await signed_in(web, "sara.web", roles=("secretary",))  # a console account
    del console
    async with web.core.db.read() as uow:
        from sqlmodel import select

        from core.models import WebAccount

        key = (await uow.session.exec(select(WebAccount.staff_key))).first()
    assert key is not None
    await book(web.core, _order(cast, ana, _at(13, 30)), by=Actor.staff(key))

    manager = await signed_in(web, "gerente", roles=("manager",))
    status, html, _ = await get(manager, PAGE)
    assert status == 200
    assert _entries(html) == [
        ("booking.made_for_client", f"Sara.Web (staff: {key})"),
        ("booking.made_for_client", "erp (api: erp)"),
        ("booking.made_for_client", f"Sara Secretária (staff: {SECRETARY})"),
    ]
    assert html.count("Agendamento para cliente") >= 3


async def test_the_admins_lgpd_export_and_erasure_land_with_their_login(web: WebWorld) -> None:
    _, ana = await _ana(web, served=True)
    admin = await signed_in(web, "dpo", roles=("admin",))
    page = f"/dashboard/contacts/{ana}"
    status, _, _ = await get(admin, f"{page}/export.json")
    assert status == 200
    status, _, _ = await post_form_json(admin, f"{page}/erase", with_token=True)
    assert status == 303

    _, html, _ = await get(admin, PAGE)
    assert _entries(html) == [
        ("contact.erased", "Dpo (web: dpo)"),
        ("contact.exported", "Dpo (web: dpo)"),
    ]
    assert "Ana Cliente" not in html


async def test_only_managers_and_admins_see_the_audit_log(web: WebWorld) -> None:
    for login, roles, key in (
        ("bruno", (), BRUNO),
        ("sara", ("secretary",), None),
        ("sofia", ("support",), None),
    ):
        browser = await signed_in(web, login, roles=roles, staff_key=key)
        status, body, _ = await get(browser, PAGE)
        assert status == 403, login
        assert "audit-entry" not in body
    nobody = await get(await signed_in(web, "gerente", roles=("manager",)), PAGE)
    assert nobody[0] == 200 and "Nenhum registro." in nobody[1]


async def _tokens(web: WebWorld, count: int, who: Operator) -> None:
    async with web.core.transaction() as uow:
        for number in range(count):
            await create_token(
                uow, web.clock, f"erp-{number}", "billing:read", by=acting(web.core, uow, who)
            )


async def test_the_log_filters_by_action_actor_and_period_and_comes_a_page_at_a_time(
    web: WebWorld,
) -> None:
    await _tokens(web, 55, Operator("cli", "root", "root"))
    web.clock.advance(timedelta(days=2))
    await _tokens(web, 2, Operator("web", "ti", "Equipe de TI"))
    manager = await signed_in(web, "gerente", roles=("manager",))

    _, first, _ = await get(manager, PAGE)
    assert len(_entries(first)) == 50
    assert "Página 1 de 2 (57 registros)" in first
    assert [e for e in _entries(first)[:2]] == [("api_token.created", "Equipe de TI (web: ti)")] * 2
    _, second, _ = await get(manager, f"{PAGE}?page=2")
    assert len(_entries(second)) == 7 and 'rel="prev"' in second

    _, mine, _ = await get(manager, f"{PAGE}?actor=equipe")
    assert len(_entries(mine)) == 2
    _, early, _ = await get(manager, f"{PAGE}?since=23/11/2026&until=23/11/2026&page=2")
    assert len(_entries(early)) == 5 and "Página 2 de 2 (55 registros)" in early
    _, none, _ = await get(manager, f"{PAGE}?action=contact.erased")
    assert _entries(none) == []
    _, bad, _ = await get(manager, f"{PAGE}?since=31/02/2026&page=x")
    assert "não é uma data" in bad and len(_entries(bad)) == 50

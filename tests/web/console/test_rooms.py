"""Link requests and support conversations in the console."""

from __future__ import annotations

from sqlmodel import select

from core import intake
from core.models import Contact, LinkRequest
from tests.web.conftest import WebWorld
from tests.web.console.helpers import (
    client_address,
    given_account,
    given_company,
    staff_browser,
    texts_at,
)


async def test_a_secretary_approves_a_link_for_the_chosen_company(web: WebWorld) -> None:
    await given_company(web, "Metalúrgica Alfa")
    beta = await given_company(web, "Metalúrgica Beta")
    address = client_address(7)
    await intake.start(web.core, address, name="Ana Nova")
    await intake.request_link(web.core, address, "Metalúrgica")
    await web.deliver()
    await given_account(web, "sara", roles=("secretary",))
    sara = await staff_browser(web)
    await sara.sign_in("sara")
    _, page = await sara.get("/console/links")
    assert "Ana Nova" in page and "Metalúrgica" in page
    async with web.core.db.uow() as uow:
        link = (await uow.session.exec(select(LinkRequest))).one()
    status, page = await sara.post(f"/console/links/{link.id}", {"decision": "approve"})
    assert status == 422  # two companies match the hint: choose one
    assert "Metalúrgica Alfa" in page
    await sara.get("/console/links")
    form = {"decision": "approve", "company": str(beta.id)}
    status, page = await sara.post(f"/console/links/{link.id}", form)
    assert status == 200
    assert "Nenhum pedido de vínculo pendente." in page
    async with web.core.db.uow() as uow:
        contact = (await uow.session.exec(select(Contact))).one()
    assert contact.company_id == beta.id
    await web.deliver()
    assert any("Metalúrgica Beta" in text for text in await texts_at(web, address.id))


async def test_a_consultant_cannot_decide_links(web: WebWorld) -> None:
    await given_account(web, "ciro", roles=("support",))
    browser = await staff_browser(web)
    await browser.sign_in("ciro")
    status, _ = await browser.get("/console/links")
    assert status == 403
    status, _ = await browser.get("/console/support")
    assert status == 200

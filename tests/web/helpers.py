"""Helpers shared by the web tests: a company and a staff account by the core's services, the
session stored."""

from __future__ import annotations

from sqlmodel import select

from core.companies import add_company
from core.models import Company, ConsultingSession
from core.staff import grant_role
from core.terms import ensure_default_terms
from core.web_accounts import save_account
from tests.web.conftest import WebWorld

PASSWORD = "senha-boa-123"
"""Every test account's password."""


async def given_company(web: WebWorld, name: str = "Metalúrgica Exemplo") -> Company:
    """A company at R$ 180,00 an hour, with the shipped terms."""
    async with web.core.db.uow() as uow:
        await ensure_default_terms(uow, web.clock)
        company = await add_company(
            uow,
            web.clock,
            name=name,
            cnpj=None,
            product_line="industrial",
            hourly_rate_cents=18000,
            lines=web.core.config.product_lines,
        )
        await uow.commit()
    return company


async def given_account(
    web: WebWorld,
    login: str,
    *,
    key: str | None = None,
    roles: tuple[str, ...] = (),
    name: str | None = None,
    language: str | None = None,
) -> str:
    """A web account named ``name`` (else the login, titled) and its roles; its staff key."""
    async with web.core.db.uow() as uow:
        account, _ = await save_account(
            uow,
            web.clock,
            login=login,
            password=PASSWORD,
            staff_key=key,
            name=name or login.title(),
            language=language,
        )
        for role in roles:
            await grant_role(uow, web.clock, account.staff_key, role, name)
        await uow.commit()
        return account.staff_key


async def only_session(web: WebWorld) -> ConsultingSession:
    """The one consulting session stored (asserted to be the only one)."""
    async with web.core.db.uow() as uow:
        [session] = (await uow.session.exec(select(ConsultingSession))).all()
    return session

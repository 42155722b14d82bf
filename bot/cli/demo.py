"""``consultoria demo-data``: a demo company, a consultant and a manager with web accounts.

Idempotent: a second run says what already exists (passwords are kept unless ``--password``
is given, which sets it on both accounts). Prints the access code, the chat address with the code
filled in, the console address, the logins and the (generated or given) passwords.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Annotated

import typer

from bot.cli.common import clock, with_database
from bot.settings import Settings
from bot.wiring import load_settings, product_lines
from core.companies import add_company, list_companies
from core.consultants import add_consultant, consultant_by_staff_key
from core.db import Database, UnitOfWork
from core.messages import t
from core.product_lines import ProductLines
from core.staff import grant_role
from core.terms import ensure_default_terms
from core.web_accounts import account_by_login, save_account

COMPANY_NAME = "Empresa Demonstração Ltda"
COMPANY_RATE_CENTS = 18000
CONSULTANT_LOGIN = "consultora"
CONSULTANT_NAME = "Carla Consultora (demo)"
MANAGER_LOGIN = "gerente"
MANAGER_NAME = "Gustavo Gerente (demo)"
MANAGER_ROLES = ("admin", "manager", "secretary")


@dataclass
class DemoReport:
    """What exists after the run, for the printout."""

    company: str = ""
    code: str = ""
    company_created: bool = False
    accounts: list[tuple[str, str, bool, str | None]] = field(default_factory=list)


async def _company(uow: UnitOfWork, report: DemoReport, lines: ProductLines) -> None:
    found = [c for c in await list_companies(uow) if c.name == COMPANY_NAME]
    if found:
        company = found[0]
    else:
        company = await add_company(
            uow,
            clock,
            name=COMPANY_NAME,
            cnpj=None,
            product_line=next(iter(lines.served), "industrial"),
            hourly_rate_cents=COMPANY_RATE_CENTS,
            lines=lines,
        )
        report.company_created = True
    report.company, report.code = company.name, company.access_code


async def _account(
    uow: UnitOfWork, login: str, name: str, password: str | None, report: DemoReport, who: str
) -> str:
    """Create the account (or set the given password); its staff key."""
    existing = await account_by_login(uow, login)
    chosen = password if password is not None or existing is not None else _new_password()
    account, created = await save_account(
        uow, clock, login=login, password=chosen, name=name if existing is None else None
    )
    report.accounts.append((login, who, created, chosen))
    return account.staff_key


def _new_password() -> str:
    return secrets.token_urlsafe(12)


def demo_command(
    password: Annotated[
        str | None,
        typer.Option("--password", help="Use this password for both demo accounts."),
    ] = None,
) -> None:
    """Create a demo company, consultant and manager (with web accounts); again is harmless."""

    async def _work(settings: Settings, db: Database) -> DemoReport:
        report = DemoReport()
        async with db.uow() as uow:
            await ensure_default_terms(uow, clock)
            await _company(uow, report, product_lines(settings))
            key = await _account(
                uow, CONSULTANT_LOGIN, CONSULTANT_NAME, password, report, "consultant"
            )
            if await consultant_by_staff_key(uow, key) is None:
                areas = settings.all_areas()
                await add_consultant(
                    uow,
                    clock,
                    staff_key=key,
                    name=CONSULTANT_NAME,
                    areas=areas,
                    known_areas=areas,
                )
            key = await _account(uow, MANAGER_LOGIN, MANAGER_NAME, password, report, "manager")
            for role in MANAGER_ROLES:
                await grant_role(uow, clock, key, role, MANAGER_NAME)
            await uow.commit()
        return report

    settings = load_settings()
    _print(settings, with_database(_work, settings))


def _print(settings: Settings, report: DemoReport) -> None:
    language = settings.language
    base = settings.public_url
    state = t("demo.company_created" if report.company_created else "demo.exists", language)
    typer.echo(t("demo.company", language, name=report.company, state=state, code=report.code))
    typer.echo(t("demo.chat", language, url=f"{base}/chat?code={report.code}"))
    typer.echo(t("demo.console", language, url=f"{base}/console"))
    for login, who, created, password in report.accounts:
        shown = password if password is not None else t("demo.kept", language)
        typer.echo(
            t(
                "demo.account",
                language,
                login=login,
                who=t(f"demo.{who}", language),
                state=t("demo.account_created" if created else "demo.exists", language),
                password=shown,
            )
        )

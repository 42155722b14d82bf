"""``consultoria company``: add, list and change customer companies; regenerate access codes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated
from urllib.parse import quote

import typer

from bot.cli.audit import cli_acting
from bot.cli.common import clock, refuse, with_database
from bot.settings import Settings
from bot.wiring import product_lines
from core.billing import format_brl, parse_money
from core.bot_settings import stored_telegram_username
from core.companies import (
    add_company,
    format_cnpj,
    list_companies,
    regenerate_access_code,
    update_company,
)
from core.db import Database
from core.messages import t

app = typer.Typer(
    help="Customer companies: hourly rate, CNPJ, product line, access code.", no_args_is_help=True
)


def access_links(code: str, settings: Settings, stored_username: str = "") -> str:
    """Where clients use an access code, one line per client channel that is on.

    The web chat's address with the code filled in when the web channel is on; with Telegram
    configured, its deep link (or how to form it while the bot's username is unknown: neither
    set nor stored by ``consultoria setup telegram``); with WhatsApp, a ``wa.me`` link that
    opens the chat with ``CODIGO <code>`` typed.
    """
    language = settings.language
    lines: list[str] = []
    if settings.web_channel_on:
        url = f"{settings.public_url}/chat?code={quote(code)}"
        lines.append(t("admin.company.link.web", language, url=url))
    username = settings.telegram_bot_username.lstrip("@") or stored_username
    if settings.telegram_configured and username:
        url = f"https://t.me/{username}?start={quote(code)}"
        lines.append(t("admin.company.link.telegram", language, url=url))
    elif settings.telegram_configured:
        lines.append(t("admin.company.link.telegram_howto", language, code=code))
    if settings.whatsapp_configured and settings.whatsapp_number:
        url = f"https://wa.me/{settings.whatsapp_number}?text={quote(f'CODIGO {code}')}"
        lines.append(t("admin.company.link.whatsapp", language, url=url))
    elif settings.whatsapp_configured:
        lines.append(t("admin.company.link.whatsapp_howto", language, code=code))
    return "\n".join(lines) or t("admin.company.link.none", language)


def yes_no(value: bool, language: str) -> str:
    """``sim``/``não`` (``yes``/``no``)."""
    return t("admin.yes" if value else "admin.no", language)


def format_table(headers: str, rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table; ``headers`` is a catalogue text with columns separated by ``|``."""
    cells = [headers.split("|"), *([str(cell) for cell in row] for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(cells[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in cells
    )


NameOption = Annotated[str | None, typer.Option("--name", help="Company name.")]
CnpjOption = Annotated[
    str | None, typer.Option("--cnpj", help='CNPJ, with or without mask ("" removes it).')
]
ProductLineOption = Annotated[str | None, typer.Option("--product-line", help="Product line.")]
RateOption = Annotated[
    str | None, typer.Option("--rate", help="Contracted consulting hourly rate, e.g. 180,00.")
]


@app.command("add")
def add_command(
    name: Annotated[str, typer.Option("--name", help="Company name.")],
    product_line: Annotated[str, typer.Option("--product-line", help="Product line.")],
    rate: Annotated[str, typer.Option("--rate", help="Consulting hourly rate, e.g. 180,00.")],
    cnpj: CnpjOption = None,
    inactive: Annotated[bool, typer.Option("--inactive", help="Add it inactive.")] = False,
) -> None:
    """Add a company and print its id and access code."""

    async def _work(settings: Settings, db: Database) -> str:
        rate_cents = parse_money(rate)
        async with db.uow() as uow:
            company = await add_company(
                uow,
                clock,
                name=name,
                cnpj=cnpj,
                product_line=product_line,
                hourly_rate_cents=rate_cents,
                active=not inactive,
                lines=product_lines(settings),
                by=cli_acting(settings, db, uow),
            )
            await uow.commit()
            username = await stored_telegram_username(uow)
        return t(
            "admin.company.added",
            settings.language,
            id=company.id,
            name=company.name,
            code=company.access_code,
            links=access_links(company.access_code, settings, username),
        )

    typer.echo(with_database(_work))


@app.command("list")
def list_command() -> None:
    """List the companies with their rate and access code."""

    async def _work(settings: Settings, db: Database) -> str:
        language = settings.language
        async with db.uow() as uow:
            companies = await list_companies(uow)
        if not companies:
            return t("admin.company.none", language)
        rows = [
            (
                c.id,
                c.name,
                format_cnpj(c.cnpj),
                c.product_line,
                format_brl(c.hourly_rate_cents, language),
                yes_no(c.active, language),
                c.access_code,
            )
            for c in companies
        ]
        return format_table(t("admin.company.headers", language), rows)

    typer.echo(with_database(_work))


@app.command("update")
def update_command(
    company_id: Annotated[int, typer.Argument(metavar="ID", help="Company id.")],
    name: NameOption = None,
    cnpj: CnpjOption = None,
    product_line: ProductLineOption = None,
    rate: RateOption = None,
    active: Annotated[
        bool | None, typer.Option("--active/--inactive", help="Serve it or not.")
    ] = None,
    billing_email: Annotated[
        str | None,
        typer.Option("--billing-email", help='Where statements go by e-mail ("" removes it).'),
    ] = None,
    language: Annotated[
        str | None, typer.Option("--language", help="Its statements' language: pt-BR or en.")
    ] = None,
) -> None:
    """Change a company's name, CNPJ, product line, rate, active flag or billing e-mail."""

    async def _work(settings: Settings, db: Database) -> str:
        given = (name, cnpj, product_line, rate, active, billing_email, language)
        if all(value is None for value in given):
            refuse(t("admin.nothing_to_change", settings.language))
        rate_cents = parse_money(rate) if rate is not None else None
        async with db.uow() as uow:
            company = await update_company(
                uow,
                clock,
                company_id,
                name=name,
                cnpj=cnpj,
                product_line=product_line,
                hourly_rate_cents=rate_cents,
                active=active,
                lines=product_lines(settings),
                billing_email=billing_email,
                language=language,
                by=cli_acting(settings, db, uow),
            )
            await uow.commit()
        return t("admin.company.updated", settings.language, id=company.id, name=company.name)

    typer.echo(with_database(_work))


@app.command("regenerate-code")
def regenerate_code_command(
    company_id: Annotated[int, typer.Argument(metavar="ID", help="Company id.")],
) -> None:
    """Give a company a new access code (the old one stops working)."""

    async def _work(settings: Settings, db: Database) -> str:
        async with db.uow() as uow:
            code = await regenerate_access_code(uow, clock, company_id)
            await uow.commit()
            username = await stored_telegram_username(uow)
        return t(
            "admin.company.code",
            settings.language,
            id=company_id,
            code=code,
            links=access_links(code, settings, username),
        )

    typer.echo(with_database(_work))

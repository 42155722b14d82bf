"""``consultoria terms``: publish a new version of the paid-service terms, list and show them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.audit import cli_acting
from bot.cli.common import clock, refuse, with_database
from bot.cli.companies import format_table, yes_no
from bot.settings import Settings
from bot.wiring import billing_policy
from core.billing import format_brl, parse_money
from core.db import Database
from core.messages import t
from core.models import TermsVersion
from core.terms import (
    current_terms,
    get_terms,
    list_terms,
    publish_terms,
    render_terms,
    shipped_template,
    terms_language,
    validate_template,
)

app = typer.Typer(
    help="Terms of the paid service: versioned Markdown templates per language.",
    no_args_is_help=True,
)

_PUBLISHED_FORMAT = "%d/%m/%Y %H:%M"


def read_template(path: str, language: str) -> str:
    """The text of a terms file (UTF-8); a missing or unreadable file stops with exit status 2."""
    file = Path(path)
    if not file.is_file():
        refuse(t("admin.terms.file_missing", language, path=path))
    try:
        return file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        refuse(t("admin.terms.file_unreadable", language, path=path, detail=error))


@app.command("publish")
def publish_command(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Markdown template of the terms.")],
    language: Annotated[str, typer.Option("--language", help="pt-BR or en.")],
) -> None:
    """Publish FILE as the next version of the terms in a language."""

    async def _work(settings: Settings, db: Database) -> str:
        lang = terms_language(language)
        template = read_template(file, settings.language)
        validate_template(template)
        async with db.uow() as uow:
            terms = await publish_terms(
                uow, clock, language=lang, template=template, by=cli_acting(settings, db, uow)
            )
            await uow.commit()
        return t(
            "admin.terms.published", settings.language, terms_language=lang, version=terms.version
        )

    typer.echo(with_database(_work))


@app.command("list")
def list_command() -> None:
    """List the published versions of the terms."""

    async def _work(settings: Settings, db: Database) -> str:
        language = settings.language
        async with db.uow() as uow:
            versions = await list_terms(uow)
        if not versions:
            return t("admin.terms.none", language)
        newest = {v.language: v.version for v in versions}
        rows = [
            (
                v.language,
                v.version,
                v.published_at.astimezone(settings.tz).strftime(_PUBLISHED_FORMAT),
                v.template_sha256[:12],
                yes_no(newest[v.language] == v.version, language),
            )
            for v in versions
        ]
        return format_table(t("admin.terms.headers", language), rows)

    typer.echo(with_database(_work))


@app.command("show")
def show_command(
    language: Annotated[
        str | None, typer.Option("--language", help="pt-BR or en (default: the bot's).")
    ] = None,
    version: Annotated[
        int | None, typer.Option("--version", help="A published version (default: the newest).")
    ] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print the template, not filled in.")] = False,
    rate: Annotated[
        str, typer.Option("--rate", help="Hourly rate for the example, e.g. 180,00.")
    ] = "180,00",
) -> None:
    """Print the terms filled in with an example rate, or the raw template with --raw."""

    async def _work(settings: Settings, db: Database) -> str:
        lang = terms_language(language or settings.language)
        rate_cents = parse_money(rate)
        async with db.uow() as uow:
            terms: TermsVersion | None = (
                await get_terms(uow, lang, version)
                if version is not None
                else await current_terms(uow, lang)
            )
        note = ""
        if terms is None:
            template, number = shipped_template(lang), 1
            note = t("admin.terms.shipped_note", settings.language, terms_language=lang) + "\n\n"
        else:
            template, number = terms.template, terms.version
        if raw:
            return note + template.rstrip("\n")
        text = render_terms(
            template,
            rate_cents=rate_cents,
            policy=billing_policy(settings),
            language=lang,
            version=number,
        )
        example = t(
            "admin.terms.example_note",
            settings.language,
            rate=format_brl(rate_cents, settings.language),
        )
        return f"{note}{example}\n\n{text.rstrip()}"

    typer.echo(with_database(_work))

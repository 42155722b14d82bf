"""``consultoria contact``: a person's data under the LGPD: export it as JSON, erase it."""

from __future__ import annotations

import getpass
import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from adapters.web.files import WebFiles
from bot.bootstrap import assemble_core
from bot.cli.audit import cli_acting, cli_operator
from bot.cli.common import clock, refuse, with_database, write_whole
from bot.settings import Settings
from bot.wiring import billing_policy, core_config, load_settings
from core.contacts import display_name, load_contact
from core.db import Database
from core.mail import set_contact_email
from core.messages import t
from core.privacy import Erasure, erase_contact, export_contact
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)

app = typer.Typer(
    help="A contact's personal data (LGPD): export it as JSON, erase it.", no_args_is_help=True
)

IdArgument = Annotated[str, typer.Argument(help="The contact's id (a number).", show_default=False)]


def parse_contact_id(text: str, language: str) -> int:
    """A contact id typed by a person; a clear refusal (exit 2) otherwise."""
    cleaned = text.strip().lstrip("#")
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > 12 or int(cleaned) < 1:
        refuse(t("lgpd.invalid_id", language, value=text))
    return int(cleaned)


def _operator() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


@app.command("export")
def export_command(
    contact_id: IdArgument,
    output: Annotated[
        Path | None, typer.Option("--output", help="JSON file to write (default: standard output).")
    ] = None,
) -> None:
    """Print (or write to a file) everything held about a contact, as JSON."""
    settings = load_settings()
    language = settings.language
    number = parse_contact_id(contact_id, language)

    async def _work(settings: Settings, db: Database) -> dict[str, Any]:
        async with db.uow() as uow:
            data = await export_contact(
                uow,
                number,
                policy=billing_policy(settings),
                config=core_config(settings),
                by=cli_acting(settings, db, uow),
            )
            await uow.commit()
            return data

    data = with_database(_work, settings)
    logger.info("contact %s exported by %s", number, _operator())
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    write_whole(output, text, "lgpd.export.unwritable", language)
    typer.echo(t("lgpd.export.written", language, contact_id=number, path=output), err=True)


@app.command("erase")
def erase_command(
    contact_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a contact's personal data; consents and billing records are kept, anonymous."""
    settings = load_settings()
    language = settings.language
    number = parse_contact_id(contact_id, language)

    async def _name(settings: Settings, db: Database) -> str:
        async with db.uow() as uow:
            return display_name(await load_contact(uow, number))

    if not yes:
        name = with_database(_name, settings)
        question = t("lgpd.erase.confirm", language, contact_id=number, name=name)
        if not typer.confirm(question, default=False):
            typer.echo(t("lgpd.erase.aborted", language), err=True)
            raise typer.Exit(1)

    async def _erase(settings: Settings, db: Database) -> Erasure:
        core = assemble_core(db, clock, core_config(settings))
        core.files.forget_with("web", WebFiles(settings.web_files_dir).forget)  # their web files
        async with core.transaction() as uow:
            return await erase_contact(uow, core, number, by=_operator(), operator=cli_operator())

    erasure = with_database(_erase, settings)
    when = format_datetime(erasure.erased_at, settings.tz)
    key = "lgpd.erase.already" if erasure.already else "lgpd.erase.done"
    typer.echo(t(key, language, contact_id=number, when=when))


@app.command("email")
def email_command(
    contact_id: IdArgument,
    address: Annotated[
        str, typer.Argument(help='The e-mail address ("" removes it).', show_default=False)
    ],
) -> None:
    """Give a contact an e-mail address for notices (or remove it with "")."""

    async def _work(settings: Settings, db: Database) -> str:
        number = parse_contact_id(contact_id, settings.language)
        async with db.uow() as uow:
            contact = await set_contact_email(uow, number, address)
            await uow.commit()
        if contact.email is None:
            return t("mail.contact.cleared", settings.language, id=number)
        return t("mail.contact.set", settings.language, id=number, email=contact.email)

    typer.echo(with_database(_work))

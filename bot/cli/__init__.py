"""The ``consultoria`` command line: one Typer app with a sub-app per part."""

from __future__ import annotations

import os
from importlib.metadata import version
from typing import Annotated

import typer

from bot.cli import (
    api_tokens,
    audit,
    backup,
    billing,
    companies,
    consultants,
    contact,
    database,
    demo,
    doctor,
    email,
    hours,
    run,
    setup,
    staff,
    terms,
    webhooks,
    whatsapp,
)

app = typer.Typer(
    name="consultoria",
    help="Consultoria Online bot: run it and administer companies, consultants, terms and billing.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("run")(run.run_command)
app.command("demo-data")(demo.demo_command)
app.add_typer(database.app, name="db")
app.add_typer(billing.app, name="billing")
app.command("hours")(hours.hours_command)
app.add_typer(companies.app, name="company")
app.add_typer(consultants.app, name="consultant")
app.add_typer(staff.app, name="staff")
app.add_typer(terms.app, name="terms")
app.add_typer(contact.app, name="contact")
app.add_typer(email.app, name="email")
app.add_typer(webhooks.app, name="webhook")
app.add_typer(api_tokens.app, name="api-token")
app.add_typer(whatsapp.app, name="whatsapp")
app.add_typer(setup.app, name="setup")
app.command("doctor")(doctor.doctor_command)
app.command("backup")(backup.backup_command)
app.command("restore")(backup.restore_command)
app.add_typer(audit.app, name="audit")


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"consultoria {version('consultoria-online')}")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_print_version,
            is_eager=True,
            help="Print the installed version and exit.",
        ),
    ] = False,
) -> None:
    pass


def main() -> None:
    """Entry point of the ``consultoria`` script."""
    # python-telegram-bot 22: durations as timedelta (the future default; silences its warning).
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    app()

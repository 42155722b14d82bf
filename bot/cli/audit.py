"""``consultoria audit``: export the audit log; and who acts when a CLI command changes things."""

from __future__ import annotations

import csv
import getpass
import io
import json
import sys
from datetime import datetime, time
from pathlib import Path
from typing import Annotated

import typer

from bot.bootstrap import assemble_core
from bot.cli.common import clock, refuse, with_database, write_whole
from bot.settings import Settings
from bot.wiring import core_config, load_settings
from core.audit import EXPORT_COLUMNS, acting, audit_entries, entry_data
from core.db import Database, UnitOfWork
from core.errors import InvalidInput
from core.events import Acting, Operator
from core.messages import t
from core.timefmt import parse_date

app = typer.Typer(help="The audit log: who did what among staff and admins.", no_args_is_help=True)

FORMATS = ("csv", "json")


def cli_operator() -> Operator:
    """The person at the command line: the system user running it."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "cli"
    return Operator("cli", user, user)


def cli_acting(settings: Settings, db: Database, uow: UnitOfWork) -> Acting:
    """The CLI's operator acting in ``uow`` (an administrative change is audited with it)."""
    return acting(assemble_core(db, clock, core_config(settings)), uow, cli_operator())


def _since(text: str | None, settings: Settings) -> datetime | None:
    if text is None:
        return None
    try:
        day = parse_date(text)
    except InvalidInput:
        refuse(t("audit.export.bad_date", settings.language, value=text[:40]))
    return datetime.combine(day, time(0, 0), tzinfo=settings.tz)


def render(rows: list[dict[str, object]], form: str) -> str:
    """The entries as CSV (``details`` as JSON in one column) or as a JSON list."""
    if form == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "details": json.dumps(row["details"], ensure_ascii=False)})
    return buffer.getvalue()


@app.command("export")
def export_command(
    since: Annotated[
        str | None, typer.Option("--since", help="First day, dd/mm/aaaa (default: everything).")
    ] = None,
    form: Annotated[str, typer.Option("--format", help="csv or json.")] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", help="File to write (default: standard output).")
    ] = None,
) -> None:
    """Export the audit log from a day on, oldest first, as CSV or JSON."""
    settings = load_settings()
    chosen = form.strip().lower()
    if chosen not in FORMATS:
        refuse(t("audit.export.bad_format", settings.language, value=form[:20]))
    start = _since(since, settings)

    async def _work(settings: Settings, db: Database) -> list[dict[str, object]]:
        async with db.read() as uow:
            return [entry_data(e) for e in await audit_entries(uow, start)]

    rows = with_database(_work, settings)
    text = render(rows, chosen)
    if output is None:
        sys.stdout.write(text)
        return
    write_whole(output, text, "audit.export.unwritable", settings.language)
    typer.echo(t("audit.export.written", settings.language, count=len(rows), path=output), err=True)

"""``consultoria billing``: quotes and the monthly export."""

from __future__ import annotations

import io
import json
import logging
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from adapters.documents import statement_pdf
from bot.cli.common import clock, refuse, with_database, write_whole
from bot.settings import Settings
from bot.wiring import billing_policy, core_config, load_settings
from core.billing import format_brl, parse_money, quote
from core.billing_records import ExportRow, billed_sessions, write_export_csv
from core.db import Database
from core.errors import InvalidInput
from core.messages import t
from core.statements import Statement, company_statement
from core.timefmt import parse_month

logger = logging.getLogger(__name__)

app = typer.Typer(
    help="Billing: quote a duration, export a month's billed sessions, a company's statement.",
    no_args_is_help=True,
)

USAGE_ERROR = 2
_WHOLE_MINUTES = re.compile(r"[0-9]+", re.ASCII)
_MAX_DIGITS = 9  # about 1900 years of minutes; longer input is a typo


def parse_minutes(text: str) -> int:
    """A whole, non-negative number of minutes typed by a person."""
    cleaned = text.strip()
    if not _WHOLE_MINUTES.fullmatch(cleaned) or len(cleaned) > _MAX_DIGITS:
        raise InvalidInput("billing.invalid_minutes", value=text)
    return int(cleaned)


@app.command("quote")
def quote_command(
    minutes: Annotated[str, typer.Option("--minutes", help="Duration in minutes, e.g. 45.")],
    rate: Annotated[str, typer.Option("--rate", help="Hourly rate in reais, e.g. 180,00.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
) -> None:
    """Print what MINUTES of consulting cost at RATE per hour."""
    settings = load_settings()
    language = settings.language
    try:
        summary = quote(parse_minutes(minutes), parse_money(rate), billing_policy(settings))
    except InvalidInput as error:
        typer.echo(error.render(language), err=True)
        raise typer.Exit(USAGE_ERROR) from None
    if as_json:
        typer.echo(json.dumps(summary.as_json()))
    else:
        typer.echo(summary.render(language))


@app.command("export")
def export_command(
    month: Annotated[str, typer.Option("--month", help="Month to export, aaaa-mm (e.g. 2026-11).")],
    company: Annotated[
        int | None, typer.Option("--company", help="Only this company's id.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="CSV file to write (default: standard output).")
    ] = None,
) -> None:
    """Export the sessions billed in MONTH as CSV: one row per session, then the total."""
    settings = load_settings()
    try:
        year, month_number = parse_month(month)
    except InvalidInput as error:
        refuse(error.render(settings.language))

    async def _rows(settings: Settings, db: Database) -> list[ExportRow]:
        async with db.uow() as uow:
            return await billed_sessions(
                uow, year=year, month=month_number, tz=settings.tz, company_id=company
            )

    rows = with_database(_rows)
    if output is None:
        write_export_csv(rows, sys.stdout, tz=settings.tz, language=settings.language)
        return
    buffer = io.StringIO()
    total = write_export_csv(rows, buffer, tz=settings.tz, language=settings.language)
    write_whole(output, buffer.getvalue(), "billing.export.unwritable", settings.language)
    typer.echo(
        t(
            "billing.export.written",
            settings.language,
            count=len(rows),
            amount=format_brl(total, settings.language),
            path=output,
        ),
        err=True,
    )


@app.command("statement")
def statement_command(
    month: Annotated[str, typer.Option("--month", help="The month, aaaa-mm (e.g. 2026-11).")],
    company: Annotated[int, typer.Option("--company", help="The company's id.")],
    output: Annotated[Path, typer.Option("--output", help="The PDF file to write.")],
) -> None:
    """Write a company's statement of MONTH as a PDF: every billed session and the total."""
    settings = load_settings()
    try:
        year, month_number = parse_month(month)
    except InvalidInput as error:
        refuse(error.render(settings.language))

    async def _statement(settings: Settings, db: Database) -> Statement:
        async with db.uow() as uow:
            return await company_statement(uow, core_config(settings), company, year, month_number)

    statement = with_database(_statement)
    data = statement_pdf(statement, clock.now(), settings.tz)
    write_whole(output, data, "billing.export.unwritable", settings.language)
    typer.echo(
        t(
            "statement.written",
            statement.language,
            company=statement.company_name,
            month=statement.month_label,
            count=len(statement.lines),
            amount=statement.total,
            path=output,
        ),
        err=True,
    )

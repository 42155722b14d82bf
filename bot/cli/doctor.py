"""``consultoria doctor``: one line per thing the bot depends on, ok or what to do; exit 1 on
any failure (see ``bot.doctor``)."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from bot.cli.common import clock
from bot.doctor import DEFAULT_MIN_FREE_MB, line, quiet_logging, run_doctor, summary
from bot.wiring import load_settings

FAILED_EXIT = 1


def doctor_command(
    min_free_mb: Annotated[
        int,
        typer.Option(
            "--min-free-mb",
            min=0,
            help="Warn when the files directory has less free space than this (MB).",
        ),
    ] = DEFAULT_MIN_FREE_MB,
) -> None:
    """Check the database, tokens, Slack scopes and channels, the Telegram webhook, time zone,
    opening hours, disk and SMTP; one line each. Nothing is changed."""
    settings = load_settings()
    language = settings.language
    quiet_logging(settings)
    findings = asyncio.run(run_doctor(settings, clock, min_free_mb))
    for finding in findings:
        typer.echo(line(finding, language))
    typer.echo(summary(findings, language))
    if any(finding.status == "fail" for finding in findings):
        raise typer.Exit(FAILED_EXIT)

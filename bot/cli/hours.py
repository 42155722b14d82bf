"""``consultoria hours DATE``: the open intervals of a day, or why it is closed."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

import typer

from bot.wiring import load_settings, opening_hours
from core.errors import InvalidInput
from core.messages import t
from core.timefmt import format_date, format_time, parse_date, weekday_name


def hours_command(
    day: Annotated[str, typer.Argument(help="The day, dd/mm/aaaa (or dd/mm this year).")],
    duration: Annotated[
        int | None,
        typer.Option("--slots", help="Also list the free slot starts for this many minutes."),
    ] = None,
) -> None:
    """Print the open intervals of DAY (dd/mm/aaaa), or that it is closed and why."""
    settings = load_settings()
    language = settings.language
    try:
        when = parse_date(day, today=datetime.now(settings.tz).date())
    except InvalidInput as error:
        typer.echo(error.render(language), err=True)
        raise typer.Exit(2) from None
    if duration is not None and duration <= 0:
        typer.echo(t("hours.invalid_duration", language, value=duration), err=True)
        raise typer.Exit(2)
    hours = opening_hours(settings)
    reason = hours.closed_reason(when)
    if reason is not None:
        typer.echo(t("hours.day_closed", language, date=format_date(when), reason=reason))
        return
    intervals = ", ".join(
        t("hours.interval", language, start=format_time(start), end=format_time(end))
        for start, end in hours.open_intervals(when)
    )
    typer.echo(
        t(
            "hours.day_open",
            language,
            date=format_date(when),
            weekday=weekday_name(when, language),
            intervals=intervals,
        )
    )
    if duration is None:
        return
    slots = hours.free_slots(when, timedelta(minutes=duration))
    if slots:
        listed = ", ".join(format_time(slot) for slot in slots)
        typer.echo(t("hours.slots", language, minutes=duration, slots=listed))
    else:
        typer.echo(t("hours.no_slots", language, minutes=duration))

"""``consultoria consultant``: add, list and change consultants and their areas; their private
calendar feed addresses."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.audit import cli_acting
from bot.cli.common import clock, refuse, with_database
from bot.cli.companies import format_table, yes_no
from bot.settings import Settings
from bot.wiring import build_core
from core.calendar import revoke_calendar_feed, rotate_calendar_feed
from core.consultants import (
    add_consultant,
    areas_by_consultant,
    consultant_areas,
    list_consultants,
    update_consultant,
)
from core.db import Database
from core.messages import t

app = typer.Typer(help="Consultants: Slack user, name, areas.", no_args_is_help=True)


def split_areas(text: str) -> list[str]:
    """``"Manufatura, Custos"`` -> ``["Manufatura", "Custos"]``."""
    return [area.strip() for area in text.split(",") if area.strip()]


AreasHelp = 'Areas separated by commas, e.g. "Manufatura,Custos" (see CONSULTORIA_AREAS).'


@app.command("add")
def add_command(
    slack_user: Annotated[str, typer.Option("--slack-user", help="Slack user id, e.g. U012AB3CD.")],
    name: Annotated[str, typer.Option("--name", help="Consultant's name.")],
    areas: Annotated[str, typer.Option("--areas", help=AreasHelp)],
    max_sessions: Annotated[
        int, typer.Option("--max-sessions", help="Sessions they may run at once.")
    ] = 1,
) -> None:
    """Add a consultant with their areas."""

    async def _work(settings: Settings, db: Database) -> str:
        async with db.uow() as uow:
            consultant = await add_consultant(
                uow,
                clock,
                staff_key=slack_user,
                name=name,
                areas=split_areas(areas),
                known_areas=settings.all_areas(),
                max_sessions=max_sessions,
                by=cli_acting(settings, db, uow),
            )
            assert consultant.id is not None
            stored = await consultant_areas(uow, consultant.id)
            await uow.commit()
        return t(
            "admin.consultant.added",
            settings.language,
            id=consultant.id,
            name=consultant.name,
            slack_user=consultant.staff_key,
            areas=", ".join(stored),
        )

    typer.echo(with_database(_work))


@app.command("list")
def list_command() -> None:
    """List the consultants with their areas and status."""

    async def _work(settings: Settings, db: Database) -> str:
        language = settings.language
        async with db.uow() as uow:
            consultants = await list_consultants(uow)
            areas = await areas_by_consultant(uow)
        if not consultants:
            return t("admin.consultant.none", language)
        rows = [
            (
                c.id,
                c.name,
                c.staff_key,
                ", ".join(areas.get(c.id or 0, [])),
                c.max_sessions,
                t(f"admin.consultant.status.{c.status}", language),
                yes_no(c.active, language),
            )
            for c in consultants
        ]
        return format_table(t("admin.consultant.headers", language), rows)

    typer.echo(with_database(_work))


@app.command("update")
def update_command(
    consultant_id: Annotated[int, typer.Argument(metavar="ID", help="Consultant id.")],
    name: Annotated[str | None, typer.Option("--name", help="Consultant's name.")] = None,
    areas: Annotated[str | None, typer.Option("--areas", help=AreasHelp)] = None,
    max_sessions: Annotated[
        int | None, typer.Option("--max-sessions", help="Sessions they may run at once.")
    ] = None,
    active: Annotated[
        bool | None, typer.Option("--active/--inactive", help="Still working here or not.")
    ] = None,
) -> None:
    """Change a consultant's name, areas (replacing them), sessions at once or active flag."""

    async def _work(settings: Settings, db: Database) -> str:
        if all(value is None for value in (name, areas, max_sessions, active)):
            refuse(t("admin.nothing_to_change", settings.language))
        async with db.uow() as uow:
            consultant = await update_consultant(
                uow,
                clock,
                consultant_id,
                name=name,
                areas=split_areas(areas) if areas is not None else None,
                known_areas=settings.all_areas(),
                max_sessions=max_sessions,
                active=active,
                by=cli_acting(settings, db, uow),
            )
            stored = await consultant_areas(uow, consultant_id)
            await uow.commit()
        return t(
            "admin.consultant.updated",
            settings.language,
            id=consultant_id,
            name=consultant.name,
            areas=", ".join(stored),
        )

    typer.echo(with_database(_work))


@app.command("calendar-feed")
def calendar_feed_command(
    consultant_id: Annotated[int, typer.Argument(metavar="ID", help="Consultant id.")],
    revoke: Annotated[
        bool, typer.Option("--revoke", help="Revoke the address instead of making a new one.")
    ] = False,
) -> None:
    """Make a new private calendar feed address for a consultant (shown once), or revoke it."""

    async def _work(settings: Settings, db: Database) -> str:
        language = settings.language
        core = build_core(settings, db, clock)
        if revoke:
            change = await revoke_calendar_feed(core, consultant_id)
            key = "calendar.cli.revoked" if change.revoked else "calendar.cli.none"
            return t(key, language, name=change.name)
        change = await rotate_calendar_feed(core, consultant_id)
        url = change.url or f"<CONSULTORIA_WEB_PUBLIC_URL>/calendar/{change.token}.ics"
        return t("calendar.cli.created", language, name=change.name, url=url)

    typer.echo(with_database(_work))

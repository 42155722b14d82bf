"""``consultoria staff``: grant, revoke and list the roles of Slack users."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.common import clock, refuse, with_database
from bot.cli.companies import format_table
from bot.settings import Settings
from core.db import Database
from core.messages import t
from core.staff import grant_role, list_staff, parse_role, revoke_role

app = typer.Typer(help="Staff roles: secretary, support, admin.", no_args_is_help=True)

SlackUserOption = Annotated[
    str, typer.Option("--slack-user", help="Slack user id, e.g. U012AB3CD.")
]
RoleOption = Annotated[str, typer.Option("--role", help="secretary, support or admin.")]


@app.command("add")
def add_command(
    slack_user: SlackUserOption,
    role: RoleOption,
    name: Annotated[str | None, typer.Option("--name", help="The person's name.")] = None,
) -> None:
    """Give a Slack user a role (again is harmless)."""

    async def _work(settings: Settings, db: Database) -> str:
        async with db.uow() as uow:
            member = await grant_role(uow, clock, slack_user, role, name)
            await uow.commit()
        return t(
            "admin.staff.granted",
            settings.language,
            slack_user=member.slack_user_id,
            role=member.role,
        )

    typer.echo(with_database(_work))


@app.command("remove")
def remove_command(slack_user: SlackUserOption, role: RoleOption) -> None:
    """Take a role away from a Slack user."""

    async def _work(settings: Settings, db: Database) -> str:
        language = settings.language
        staff_role = parse_role(role)
        async with db.uow() as uow:
            removed = await revoke_role(uow, slack_user, staff_role)
            await uow.commit()
        user = slack_user.strip().upper()
        if not removed:
            refuse(t("admin.staff.not_held", language, slack_user=user, role=staff_role.value))
        return t("admin.staff.revoked", language, slack_user=user, role=staff_role.value)

    typer.echo(with_database(_work))


@app.command("list")
def list_command() -> None:
    """List who holds which role."""

    async def _work(settings: Settings, db: Database) -> str:
        async with db.uow() as uow:
            members = await list_staff(uow)
        if not members:
            return t("admin.staff.none", settings.language)
        rows = [(m.slack_user_id, m.role, m.name or "") for m in members]
        return format_table(t("admin.staff.headers", settings.language), rows)

    typer.echo(with_database(_work))

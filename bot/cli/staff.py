"""``consultoria staff``: staff roles and web accounts (sign-in to the console and dashboard)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from bot.cli.audit import cli_acting
from bot.cli.common import clock, refuse, with_database
from bot.cli.companies import format_table, yes_no
from bot.settings import Settings
from core.db import Database
from core.messages import t
from core.staff import grant_role, list_staff, parse_role, revoke_role
from core.web_accounts import (
    account_by_login,
    change_password,
    check_password,
    disable_account,
    enable_account,
    list_accounts,
    normalise_login,
    save_account,
)

app = typer.Typer(
    help="Staff: roles (secretary, support, admin, manager) and web accounts.",
    no_args_is_help=True,
)

SlackUserOption = Annotated[
    str, typer.Option("--slack-user", help="Slack user id, e.g. U012AB3CD.")
]
RoleOption = Annotated[str, typer.Option("--role", help="secretary, support, admin or manager.")]
PasswordStdinOption = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from standard input (one line)."),
]


def read_password(language: str, *, from_stdin: bool) -> str:
    """The password from standard input, or typed twice at a prompt; refusals exit 2."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            refuse(t("web_accounts.password_empty", language))
        return password
    password = typer.prompt(t("web_accounts.password_prompt", language), hide_input=True)
    again = typer.prompt(t("web_accounts.password_again", language), hide_input=True)
    if password != again:
        refuse(t("web_accounts.password_mismatch", language))
    return str(password)


@app.command("add")
def add_command(
    slack_user: Annotated[
        str | None,
        typer.Option(
            "--slack-user",
            help="Slack user id, e.g. U012AB3CD. Without it a web account gets a generated key.",
        ),
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", help="secretary, support, admin or manager.")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="The person's name.")] = None,
    login: Annotated[
        str | None, typer.Option("--login", help="Create or update this web account.")
    ] = None,
    password_stdin: PasswordStdinOption = False,
    language: Annotated[
        str | None, typer.Option("--language", help="pt-BR or en (the web pages' language).")
    ] = None,
) -> None:
    """Give a role and/or create (or update) a web account; again is harmless."""

    async def _work(settings: Settings, db: Database) -> str:
        lang = settings.language
        if role is None and login is None:
            refuse(t("web_accounts.role_or_login", lang))
        if login is None and slack_user is None:
            refuse(t("web_accounts.slack_user_required", lang))
        staff_role = parse_role(role) if role is not None else None
        lines: list[str] = []
        async with db.uow() as uow:
            key = slack_user
            if login is not None:
                existing = await account_by_login(uow, normalise_login(login))
                password = None
                if password_stdin or existing is None:
                    password = check_password(read_password(lang, from_stdin=password_stdin))
                account, created = await save_account(
                    uow,
                    clock,
                    login=login,
                    password=password,
                    staff_key=slack_user,
                    name=name,
                    language=language,
                    by=cli_acting(settings, db, uow),
                )
                key = account.staff_key
                if created and slack_user is None:
                    text = "web_accounts.created_key"
                else:
                    text = "web_accounts.created" if created else "web_accounts.updated"
                lines.append(t(text, lang, login=account.login, staff_key=key))
                if not account.active:
                    lines.append(t("web_accounts.still_disabled", lang, login=account.login))
            if staff_role is not None:
                assert key is not None
                member = await grant_role(
                    uow, clock, key, staff_role, name, by=cli_acting(settings, db, uow)
                )
                lines.append(
                    t(
                        "admin.staff.granted",
                        lang,
                        slack_user=member.staff_key,
                        role=member.role,
                    )
                )
            await uow.commit()
        return "\n".join(lines)

    typer.echo(with_database(_work))


@app.command("passwd")
def passwd_command(
    login: Annotated[str, typer.Argument(help="The web account's login.")],
    password_stdin: PasswordStdinOption = False,
) -> None:
    """Set a web account's password (its open sessions are signed out)."""

    async def _work(settings: Settings, db: Database) -> str:
        lang = settings.language
        async with db.uow() as uow:
            account = await account_by_login(uow, normalise_login(login))
            if account is None:
                refuse(t("web_accounts.unknown_login", lang, login=login.strip()))
            password = check_password(read_password(lang, from_stdin=password_stdin))
            account = await change_password(uow, clock, login, password)
            await uow.commit()
        return t("web_accounts.password_changed", lang, login=account.login)

    typer.echo(with_database(_work))


@app.command("disable")
def disable_command(
    login: Annotated[str, typer.Argument(help="The web account's login.")],
) -> None:
    """Stop a web account from signing in (its open sessions are signed out)."""

    async def _work(settings: Settings, db: Database) -> str:
        async with db.uow() as uow:
            account = await disable_account(uow, login, by=cli_acting(settings, db, uow))
            await uow.commit()
        return t("web_accounts.disabled", settings.language, login=account.login)

    typer.echo(with_database(_work))


@app.command("enable")
def enable_command(
    login: Annotated[str, typer.Argument(help="The web account's login.")],
) -> None:
    """Let a disabled web account sign in again (``staff add`` never re-enables one)."""

    async def _work(settings: Settings, db: Database) -> str:
        async with db.uow() as uow:
            account = await enable_account(uow, login, by=cli_acting(settings, db, uow))
            await uow.commit()
        return t("web_accounts.enabled", settings.language, login=account.login)

    typer.echo(with_database(_work))


@app.command("remove")
def remove_command(slack_user: SlackUserOption, role: RoleOption) -> None:
    """Take a role away from a Slack user."""

    async def _work(settings: Settings, db: Database) -> str:
        language = settings.language
        staff_role = parse_role(role)
        async with db.uow() as uow:
            removed = await revoke_role(
                uow, slack_user, staff_role, by=cli_acting(settings, db, uow)
            )
            await uow.commit()
        user = slack_user.strip().upper()
        if not removed:
            refuse(t("admin.staff.not_held", language, slack_user=user, role=staff_role.value))
        return t("admin.staff.revoked", language, slack_user=user, role=staff_role.value)

    typer.echo(with_database(_work))


@app.command("list")
def list_command() -> None:
    """List who holds which role, and the web accounts."""

    async def _work(settings: Settings, db: Database) -> str:
        language = settings.language
        async with db.uow() as uow:
            members = await list_staff(uow)
            accounts = await list_accounts(uow)
        parts = []
        if not members:
            parts.append(t("admin.staff.none", language))
        else:
            rows = [(m.staff_key, m.role, m.name or "") for m in members]
            parts.append(format_table(t("admin.staff.headers", language), rows))
        if accounts:
            table = [
                (a.login, a.staff_key, a.name or "", yes_no(a.active, language)) for a in accounts
            ]
            parts.append(format_table(t("web_accounts.headers", language), table))
        return "\n\n".join(parts)

    typer.echo(with_database(_work))

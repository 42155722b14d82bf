"""``consultoria api-token``: create (shown once), list and revoke the REST API's tokens."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli.audit import cli_acting
from bot.cli.common import clock, with_database
from bot.settings import Settings
from bot.wiring import load_settings
from core.api_tokens import NewToken, create_token, list_tokens, revoke_token
from core.db import Database
from core.messages import t
from core.models import ApiToken
from core.timefmt import format_datetime

app = typer.Typer(
    help="REST API tokens: create (the token is shown once), list, revoke.",
    no_args_is_help=True,
)


@app.command("create")
def create_command(
    name: Annotated[str, typer.Option("--name", help="Who uses it, e.g. erp.")],
    scopes: Annotated[
        str, typer.Option("--scopes", help="Comma-separated, e.g. billing:read,bookings:write.")
    ],
) -> None:
    """Create a token named NAME with SCOPES and print it (it is never shown again)."""

    async def _create(settings: Settings, db: Database) -> NewToken:
        async with db.uow() as uow:
            made = await create_token(uow, clock, name, scopes, by=cli_acting(settings, db, uow))
            await uow.commit()
            return made

    settings = load_settings()
    made = with_database(_create, settings)
    token = made.token
    typer.echo(
        t(
            "api.token.created",
            settings.language,
            id=token.id,
            name=token.name,
            scopes=token.scopes,
            secret=made.secret,
        )
    )


@app.command("list")
def list_command() -> None:
    """List the tokens (never the tokens themselves): id, name, scopes, last use, state."""

    async def _list(settings: Settings, db: Database) -> list[ApiToken]:
        async with db.uow() as uow:
            return await list_tokens(uow)

    settings = load_settings()
    tokens = with_database(_list, settings)
    if not tokens:
        typer.echo(t("api.token.none", settings.language))
    for token in tokens:
        typer.echo(_line(token, settings))


@app.command("revoke")
def revoke_command(token_id: Annotated[int, typer.Argument(help="The token's id.")]) -> None:
    """Revoke token TOKEN_ID: it is refused from now on."""

    async def _revoke(settings: Settings, db: Database) -> ApiToken:
        async with db.uow() as uow:
            token = await revoke_token(uow, clock, token_id, by=cli_acting(settings, db, uow))
            await uow.commit()
            return token

    settings = load_settings()
    token = with_database(_revoke, settings)
    typer.echo(t("api.token.revoked", settings.language, id=token.id, name=token.name))


def _line(token: ApiToken, settings: Settings) -> str:
    language, zone = settings.language, settings.tz
    used = (
        format_datetime(token.last_used_at, zone)
        if token.last_used_at
        else t("api.token.never", language)
    )
    state = (
        t("api.token.revoked_state", language, when=format_datetime(token.revoked_at, zone))
        if token.revoked_at
        else t("api.token.active", language)
    )
    return t(
        "api.token.line",
        language,
        id=token.id,
        name=token.name,
        scopes=token.scopes,
        created=format_datetime(token.created_at, zone),
        used=used,
        state=state,
    )

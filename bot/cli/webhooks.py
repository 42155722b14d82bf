"""``consultoria webhook``: add, list, rotate, remove and test the receivers of signed events."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from bot.cli.audit import cli_acting
from bot.cli.common import clock, with_database
from bot.cli.companies import format_table, yes_no
from bot.settings import Settings
from core.db import Database
from core.messages import t
from core.webhooks import (
    EVENT_TYPES,
    add_endpoint,
    disable_endpoint,
    envelope_of,
    list_endpoints,
    parse_event_types,
    rotate_secret,
    send_test_event,
)

app = typer.Typer(
    help="Webhooks: signed event notifications (JSON over HTTPS) for an ERP or other systems.",
    no_args_is_help=True,
)

IdArgument = Annotated[int, typer.Argument(metavar="ID", help="The webhook's id (webhook list).")]
_TIME = "%Y-%m-%d %H:%M"


def _when(value: datetime | None) -> str:
    return "-" if value is None else value.strftime(_TIME)


@app.command("add")
def add_command(
    url: Annotated[str, typer.Argument(metavar="URL", help="Where to POST the events.")],
    events: Annotated[
        str,
        typer.Option("--events", help=f"Comma-separated, or all: {', '.join(EVENT_TYPES)}."),
    ],
) -> None:
    """Add a receiver of EVENTS at URL; its signing secret is printed once."""

    async def _work(settings: Settings, db: Database) -> str:
        kinds = parse_event_types(events)
        async with db.uow() as uow:
            added = await add_endpoint(
                uow,
                clock,
                url,
                kinds,
                allow_http=settings.webhook_allow_http,
                by=cli_acting(settings, db, uow),
            )
            await uow.commit()
        return t(
            "webhooks.added",
            settings.language,
            id=added.endpoint_id,
            url=url.strip(),
            events=", ".join(kinds),
            secret=added.secret,
        )

    typer.echo(with_database(_work))


@app.command("list")
def list_command() -> None:
    """List the webhooks (never their secrets)."""

    async def _work(settings: Settings, db: Database) -> str:
        language = settings.language
        async with db.uow() as uow:
            endpoints = await list_endpoints(uow)
        if not endpoints:
            return t("webhooks.none", language)
        rows = [
            (
                e.id,
                yes_no(e.active, language),
                ",".join(e.events),
                e.url,
                _when(e.created_at),
                _when(e.secret_rotated_at),
            )
            for e in endpoints
        ]
        return format_table(t("webhooks.list.header", language), rows)

    typer.echo(with_database(_work))


@app.command("rotate")
def rotate_command(endpoint_id: IdArgument) -> None:
    """A new secret for webhook ID, printed once; the old one signs too for 24 hours."""

    async def _work(settings: Settings, db: Database) -> str:
        async with db.uow() as uow:
            rotated = await rotate_secret(uow, clock, endpoint_id, by=cli_acting(settings, db, uow))
            await uow.commit()
        until = _when(rotated.previous_valid_until) + " UTC"
        return t(
            "webhooks.rotated",
            settings.language,
            id=endpoint_id,
            until=until,
            secret=rotated.secret,
        )

    typer.echo(with_database(_work))


@app.command("remove")
def remove_command(endpoint_id: IdArgument) -> None:
    """Disable webhook ID: nothing more is sent to it (its delivery log stays)."""

    async def _work(settings: Settings, db: Database) -> str:
        async with db.uow() as uow:
            await disable_endpoint(uow, endpoint_id, by=cli_acting(settings, db, uow))
            await uow.commit()
        return t("webhooks.removed", settings.language, id=endpoint_id)

    typer.echo(with_database(_work))


@app.command("test")
def test_command(endpoint_id: IdArgument) -> None:
    """Send a ``ping`` event to webhook ID through the outbox (the running bot delivers it)."""

    async def _work(settings: Settings, db: Database) -> str:
        async with db.uow() as uow:
            row = await send_test_event(uow, clock, endpoint_id)
            await uow.commit()
        envelope = envelope_of(row) or {}
        return t(
            "webhooks.tested",
            settings.language,
            id=endpoint_id,
            event_id=envelope.get("id", ""),
            outbound_id=row.id,
        )

    typer.echo(with_database(_work))

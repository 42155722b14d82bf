"""``consultoria consultant calendar-feed ID [--revoke]``: an admin makes a consultant's private
calendar address (shown once, only its hash stored) or revokes it; an unknown id is refused."""

from __future__ import annotations

import asyncio
import re

from sqlmodel import col, select
from typer.testing import CliRunner

from bot.cli import app
from bot.wiring import database, load_settings
from core.calendar import token_hash
from core.models import CalendarFeed

runner = CliRunner()


def _feeds() -> list[CalendarFeed]:
    async def read() -> list[CalendarFeed]:
        db = database(load_settings())
        try:
            async with db.read() as uow:
                found = await uow.session.exec(select(CalendarFeed).order_by(col(CalendarFeed.id)))
                return list(found.all())
        finally:
            await db.dispose()

    return asyncio.run(read())


def test_an_admin_makes_then_revokes_a_consultants_feed() -> None:
    added = runner.invoke(
        app,
        ["consultant", "add", "--slack-user", "U0BRUNO", "--name", "Bruno", "--areas", "Custos"],
    )
    assert added.exit_code == 0, added.output
    made = runner.invoke(app, ["consultant", "calendar-feed", "1"])
    assert made.exit_code == 0, made.output
    found = re.search(r"http://127\.0\.0\.1:8080/calendar/([A-Za-z0-9_\-]{43})\.ics", made.stdout)
    assert found is not None, made.stdout
    [feed] = _feeds()
    assert feed.token_sha256 == token_hash(found[1]) and feed.revoked_at is None

    revoked = runner.invoke(app, ["consultant", "calendar-feed", "1", "--revoke"])
    assert revoked.exit_code == 0 and "revogado" in revoked.stdout
    assert all(f.revoked_at is not None for f in _feeds())
    again = runner.invoke(app, ["consultant", "calendar-feed", "1", "--revoke"])
    assert "não tinha endereço" in again.stdout

    unknown = runner.invoke(app, ["consultant", "calendar-feed", "99"])
    assert unknown.exit_code == 2 and "Traceback" not in unknown.output

"""A running bot with scheduled backups on: the first copy is written at start-up by the timer
loop while clients are served, and it restores elsewhere with what was committed before it."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import select

from bot.runtime import Runtime
from core.backups import restore
from core.clock import ManualClock
from core.db import Database
from core.models import Company
from tests.conftest import fresh_postgres_database
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram
from tests.runtime.conftest import command_update, settings_for, until
from tests.scenario import World
from tests.scenarios.queue_helpers import given_company


def _written(folder: Path) -> list[Path]:
    """The finished backups in ``folder``."""
    if not folder.is_dir():
        return []
    return [path for path in folder.iterdir() if not path.name.endswith(".partial")]


async def _companies(url: str) -> list[str]:
    other = Database(url)
    try:
        async with other.read() as uow:
            return list((await uow.session.exec(select(Company.name))).all())
    finally:
        await other.dispose()


async def test_a_running_bot_writes_its_scheduled_backup_and_it_restores_elsewhere(
    db: Database,
    clock: ManualClock,
    fake_telegram: FakeTelegram,
    fake_slack: FakeSlack,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "backups"
    settings = settings_for(
        fake_telegram,
        fake_slack,
        db.url,
        backup_dir=str(folder),
        backup_interval_hours=6,
        backup_keep=3,
    )
    company = await given_company(World.build(db, clock), "Fundição Aurora")
    runtime = Runtime(settings, clock=clock, idle=30)
    await runtime.start()
    try:
        fake_telegram.queue_update(command_update(7401, f"/start {company.access_code}"))
        await until(lambda: bool(_written(folder)), "the first backup")
        await until(lambda: bool(fake_telegram.texts_to(7401)), "the client's welcome")
    finally:
        await runtime.stop(flush_timeout=5)
    (backup,) = _written(folder)
    extension = "db" if db.dialect == "sqlite" else "dump"
    assert backup.name == f"consultoria-20261123-130000.{extension}"

    if db.dialect == "sqlite":
        url = f"sqlite:///{tmp_path / 'restored.db'}"
        await restore(url, backup)
        assert await _companies(url) == ["Fundição Aurora"]
        return
    async with fresh_postgres_database() as url:
        await restore(url, backup)
        assert await _companies(url) == ["Fundição Aurora"]

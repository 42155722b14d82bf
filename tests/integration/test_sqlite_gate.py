"""SQLite's in-process write gate: one transaction at a time; a writer kept waiting past the busy
timeout fails as a busy database would, and the log names who held the gate."""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from core.db import Database


async def test_a_writer_kept_waiting_fails_and_the_log_names_the_holder(
    sqlite_template: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "bot.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    holding, release = asyncio.Event(), asyncio.Event()

    async def hold_the_gate() -> None:
        async with db.uow() as uow:
            await uow.execute(text("UPDATE contact SET name = name"))
            holding.set()
            await release.wait()
            await uow.commit()

    holder = asyncio.create_task(hold_the_gate(), name="slow-writer")
    try:
        await holding.wait()
        with (
            caplog.at_level(logging.WARNING, logger="core.db"),
            pytest.raises(Exception, match="database is locked"),
        ):
            async with db.uow() as uow:
                await uow.execute(text("UPDATE contact SET name = name"))
        told = [r.getMessage() for r in caplog.records if "write gate" in r.getMessage()]
        assert len(told) == 1, caplog.text
        assert "held for 5." in told[0]
        assert "task slow-writer (test_a_writer_kept_waiting_fails" in told[0]
        assert "running" in told[0]
        release.set()
        await holder
        async with db.uow() as uow:  # the gate passed on: the next writer goes through
            await uow.execute(text("UPDATE contact SET name = name"))
            await uow.commit()
    finally:
        release.set()
        await asyncio.gather(holder, return_exceptions=True)
        await db.dispose()

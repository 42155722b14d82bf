"""Property tests over every inbound entry point (issue 13, item 15).

The ``properties`` hypothesis profile is registered here: deterministic (``derandomize``) by
default and always in CI, so a failure found once is found again by the same command; set
``CONSULTORIA_PROPERTIES_RANDOM=1`` to explore with fresh random examples instead. No example
database is written (the tests run in a temporary folder). Each test picks its example count
with :func:`tests.properties.support.examples`.

The harnesses of the other suites are used as they are: ``web`` (tests/web), ``slack``
(tests/adapters/slack) and ``tg`` (tests/adapters/telegram). ``sqlite_db``: a migrated SQLite
database alone, for properties about an adapter's parsing that the engine cannot change.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from core.db import Database
from tests.adapters.slack.conftest import slack as slack
from tests.adapters.telegram.conftest import fake as fake
from tests.adapters.telegram.conftest import tg as tg
from tests.web.conftest import web as web

RANDOM = os.environ.get("CONSULTORIA_PROPERTIES_RANDOM") == "1" and not os.environ.get("CI")

settings.register_profile(
    "properties",
    derandomize=not RANDOM,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
async def sqlite_db(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[Database]:
    """A copy of the migrated SQLite template, for one test."""
    path = tmp_path / "properties.db"
    shutil.copyfile(sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
def clean_environment() -> Iterator[None]:
    """Every ``CONSULTORIA_*`` variable a property sets is removed again afterwards."""
    before = dict(os.environ)
    try:
        yield
    finally:
        for name in set(os.environ) - set(before):
            del os.environ[name]
        for name, value in before.items():
            if os.environ.get(name) != value:
                os.environ[name] = value

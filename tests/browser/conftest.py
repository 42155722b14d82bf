"""Fixtures of the browser test: headless Chromium, the bot as a process, screenshots.

Chromium is Debian's (``/usr/bin/chromium``, or ``CONSULTORIA_TEST_CHROMIUM``), driven by
Playwright; nothing is downloaded. Without it the test is skipped, unless
``CONSULTORIA_REQUIRE_BROWSER=1`` (as in CI), which makes it fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import AsyncIterator, Generator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.async_api import (
    Browser,
    ConsoleMessage,
    Page,
    Response,
    async_playwright,
)
from playwright.async_api import Error as PlaywrightError

from tests.browser.harness import ARTIFACTS, BotServer, CliResult, always_open, bot_env, cli
from tests.browser.harness import free_port as _free_port

CHROMIUM = os.environ.get("CONSULTORIA_TEST_CHROMIUM", "/usr/bin/chromium")
HAVE_CHROMIUM = Path(CHROMIUM).exists()
# Read now: the autouse settings fixture removes every CONSULTORIA_* variable before each test.
REQUIRE_BROWSER = os.environ.get("CONSULTORIA_REQUIRE_BROWSER") == "1"
SCREENSHOT_PREFIX = "web-"
FAILED = pytest.StashKey[bool]()


def _unavailable(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"a browser is required (CONSULTORIA_REQUIRE_BROWSER=1): {reason}")
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember whether the test failed, for the fixtures' teardown."""
    report = yield
    if report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Headless Chromium: the system's, nothing downloaded."""
    if not HAVE_CHROMIUM:
        _unavailable(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
    async with async_playwright() as playwright:
        try:
            launched = await playwright.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                # root in CI needs no sandbox; a container's small /dev/shm crashes big pages
                args=["--no-sandbox", "--disable-dev-shm-usage"],
            )
        except PlaywrightError as error:
            _unavailable(f"Chromium at {CHROMIUM} does not start: {error}")
        try:
            yield launched
        finally:
            await launched.close()


@dataclass
class Screens:
    """Browser profiles for the people of a test, and full-page screenshots of their pages
    under ``tests/artifacts/``, numbered in the order taken; what went wrong in the pages:
    JavaScript errors, console errors, answers with an error status."""

    browser: Browser
    folder: Path
    series: str = ""
    taken: list[Path] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    error_responses: list[str] = field(default_factory=list)

    def _path(self, step: str) -> Path:
        name = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
        series = f"{self.series}-" if self.series else ""
        return self.folder / f"{SCREENSHOT_PREFIX}{series}{len(self.taken) + 1:02d}-{name}.png"

    async def shot(self, page: Page, step: str) -> Path:
        """Save ``page`` as ``web-[<series>-]NN-<step>.png``."""
        path = self._path(step)
        await page.screenshot(path=str(path), full_page=True)
        self.taken.append(path)
        return path

    async def page(self, who: str, *, width: int = 1280, height: int = 800) -> Page:
        """A page in a fresh browser profile (its own cookies), pt-BR, São Paulo time."""
        context = await self.browser.new_context(
            locale="pt-BR",
            timezone_id="America/Sao_Paulo",
            viewport={"width": width, "height": height},
        )
        context.set_default_timeout(20_000)
        page = await context.new_page()
        self._watch(page, who)
        self.pages[who] = page
        return page

    def _watch(self, page: Page, who: str) -> None:
        page.on("pageerror", lambda error: self.page_errors.append(f"{who}: {error}"))

        def console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self.console_errors.append(f"{who} {page.url}: {message.text}")

        def answered(response: Response) -> None:
            if response.status >= 400:
                self.error_responses.append(
                    f"{who}: {response.request.method} {response.url} -> {response.status}"
                )

        page.on("console", console)
        page.on("response", answered)

    async def after_failure(self) -> None:
        """Every page as it was when the test failed (``web-NN-failed-<who>.png``), and the
        pages' errors on stderr."""
        for who, page in self.pages.items():
            if not page.is_closed():
                try:
                    await self.shot(page, f"failed-{who}")
                except PlaywrightError as error:
                    sys.stderr.write(f"no screenshot of {who}'s page: {error}\n")
        for title, lines in (
            ("JavaScript errors", self.page_errors),
            ("console errors", self.console_errors),
            ("error answers", self.error_responses),
        ):
            if lines:
                sys.stderr.write(f"===== {title} =====\n" + "\n".join(lines) + "\n")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``tests/artifacts/``, emptied of the previous run's browser screenshots and logs."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{SCREENSHOT_PREFIX}*"):
        old.unlink()
    return ARTIFACTS


@pytest.fixture
async def screens(
    request: pytest.FixtureRequest, browser: Browser, artifacts: Path
) -> AsyncIterator[Screens]:
    """Pages in the browser, screenshots in ``artifacts``. When the test fails, every open page
    is saved as it was."""
    screens = Screens(browser, artifacts)
    yield screens
    if request.node.stash.get(FAILED, False):
        await screens.after_failure()


@dataclass
class WebBot:
    """One bot installation: its settings, its CLI, and its ``consultoria run`` process."""

    server: BotServer
    env: dict[str, str]
    settings: dict[str, str]

    @property
    def url(self) -> str:
        """Where the pages are."""
        return self.server.url

    async def cli(self, *args: str, stdin: str | None = None) -> CliResult:
        """``consultoria <args>`` on this installation's database (must exit 0)."""
        return await cli(self.env, *args, stdin=stdin)

    async def start(self) -> None:
        """``consultoria run``, ready when ``/healthz`` says so."""
        await self.server.start()


@pytest.fixture
async def web_bot(
    request: pytest.FixtureRequest, tmp_path: Path, artifacts: Path
) -> AsyncIterator[WebBot]:
    """A web-only installation (no Telegram, no Slack) on a free port with its own SQLite file,
    open all day; not started: the test adds its data with the CLI first.

    Its log is copied to ``tests/artifacts/web-bot-<test>.log`` and shown when the test fails."""
    port = _free_port()
    settings = always_open() | {
        "database_url": f"sqlite:///{tmp_path / 'web.db'}",
        "web_enabled": "true",
        "web_public_url": f"http://127.0.0.1:{port}",
        "http_host": "127.0.0.1",
        "http_port": str(port),
        "language": "pt-BR",
        "log_level": "INFO",
    }
    env = bot_env(settings)
    bot = WebBot(BotServer(env, port, tmp_path / "bot.log"), env, settings)
    try:
        yield bot
    finally:
        await bot.server.stop()
        if bot.server.log_path.exists():
            name = f"{SCREENSHOT_PREFIX}bot-{request.node.name}.log"
            shutil.copyfile(bot.server.log_path, artifacts / name)
        if request.node.stash.get(FAILED, False):
            sys.stderr.write(f"\n===== consultoria run output =====\n{bot.server.log()}\n")

"""Files between a web client and consultants in Slack, through the real senders.

The web chat on 127.0.0.1 with the staff on Slack (the fake Slack Web API): the client's upload
is fetched by the Slack sender from the web files (the web ``FileSource``) and uploaded to the
session's thread; a consultant's Slack file is fetched with the bot token by the web sender and
kept, so the client opens it; a file that cannot be fetched shows as its name.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.slack.app import SlackConfig, build_client
from adapters.slack.files import SlackFileSource
from adapters.slack.sender import SlackSender
from adapters.web.context import WebConfig, WebContext
from adapters.web.files import WebFiles, WebFileSource
from adapters.web.hub import Hub
from adapters.web.sender import WebSender
from bot.bootstrap import assemble_core
from core.clock import ManualClock
from core.db import Database
from core.files import FileSource
from core.outbox import Address, Attachment, OutboxDispatcher, Sender
from core.sessions import relay_from_staff
from tests.fakes.slack_server import FakeSlack
from tests.scenario import REQUESTS, default_config
from tests.web.client.files_helpers import PDF, download, in_session, upload
from tests.web.client.helpers import CONSULTANT
from tests.web.conftest import WebWorld, served

XLSX = b"PK\x03\x04" + b"planilha de custos" * 20
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
async def slack_web(
    db: Database, clock: ManualClock, tmp_path: Path
) -> AsyncIterator[tuple[WebWorld, FakeSlack]]:
    """The web chat with the staff in (fake) Slack; both senders share the file sources."""
    fake_slack = FakeSlack()
    await fake_slack.start()
    core = assemble_core(db, clock, default_config())
    hub = Hub()
    files = WebFiles(tmp_path / "web_files")
    ctx = WebContext(core, hub, WebConfig(files_dir=str(files.root), staff_on_web=False))
    sources: dict[str, FileSource] = {
        "web": WebFileSource(files),
        "slack": SlackFileSource(fake_slack.token),
    }
    config = SlackConfig(
        bot_token=fake_slack.token,
        api_base_url=fake_slack.base_url,
        requests_channel=REQUESTS.id,
        rate_limit_retries=0,
        timeout=5,
    )
    senders: dict[str, Sender] = {
        "web": WebSender(db, clock, hub, files=files, file_sources=sources),
        "slack": SlackSender(build_client(config), sources),
    }
    dispatcher = OutboxDispatcher(db, clock, senders)

    def world_at(base_url: str) -> WebWorld:
        world = WebWorld(core, clock, hub, dispatcher, base_url)
        world.files, world.file_sources = files, sources
        return world

    try:
        async with served(ctx, world_at) as world:
            yield world, fake_slack
    finally:
        await fake_slack.close()


async def test_a_web_clients_file_reaches_slack_and_a_slack_file_reaches_the_client(
    slack_web: tuple[WebWorld, FakeSlack],
) -> None:
    web, slack = slack_web
    ana = await web.browser()
    _, thread_ts = await in_session(web, ana)

    status, answer = await upload(ana, "nota fiscal.pdf", PDF, caption="A nota do mês")
    assert (status, answer["ok"]) == (200, True)
    await web.deliver()
    assert PDF in slack.uploads.values(), "the Slack sender fetched the web file and uploaded it"
    [complete] = [c for c in slack.calls if c.method == "files.completeUploadExternal"]
    assert complete.args.get("thread_ts") == thread_ts
    assert [f.get("title") for f in complete.json_arg("files")] == ["nota fiscal.pdf"]

    url = slack.add_file("custos.xlsx", XLSX, XLSX_TYPE)
    thread = Address("slack", REQUESTS.id, thread_ts)
    sheet = Attachment("document", "slack", url, "custos.xlsx", XLSX_TYPE)
    await relay_from_staff(web.core, thread, CONSULTANT, "Veja a planilha", [sheet])
    await web.deliver()
    [message] = [e for e in await ana.events() if "Veja a planilha" in e["text"]]
    [shown] = message["attachments"]
    assert shown["name"] == "custos.xlsx" and shown["url"].startswith("/files/")
    got = await download(ana.http, web.base_url, shown["url"])
    assert (got.status, got.body) == (200, XLSX)
    assert got.headers["Content-Type"] == XLSX_TYPE
    assert got.headers["Content-Disposition"].startswith('attachment; filename="custos.xlsx"')

    gone = Attachment("document", "slack", slack.root + "/files/apagado.pdf", "apagado.pdf")
    voice = Attachment("voice", "telegram", "AwACAgEAAxkBAAIB", "audio.ogg")
    await relay_from_staff(web.core, thread, CONSULTANT, "Mais dois", [gone, voice])
    await web.deliver()
    [message] = [e for e in await ana.events() if "Mais dois" in e["text"]]
    assert [(a["name"], a["url"]) for a in message["attachments"]] == [
        ("apagado.pdf", None),
        ("audio.ogg", None),
    ], "files that cannot be fetched show as their names; the message is delivered"

"""The card's thread is the session: replies relayed to the client, notes kept, bots ignored."""

from __future__ import annotations

from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.session_setup import open_session, reply
from tests.scenarios.sessions_helpers import ANA, BRUNO, notes


async def test_a_consultant_reply_in_the_thread_reaches_the_client(slack: SlackHarness) -> None:
    opened = await open_session(slack)
    event = reply(BRUNO, "Vamos abrir o fechamento de custos.", opened.thread_ts, "1700000900.1")
    assert await slack.event(event, event_id="Ev001") == 200
    texts = [m.text for m in await slack.world.outbox(ANA)]
    assert any("Vamos abrir o fechamento de custos." in text for text in texts)


async def test_a_retried_event_is_relayed_once(slack: SlackHarness) -> None:
    opened = await open_session(slack)
    event = reply(BRUNO, "Uma vez só.", opened.thread_ts, "1700000900.2")
    assert await slack.event(event, event_id="Ev002") == 200
    assert await slack.event(event, event_id="Ev002", retry_num=1) == 200
    texts = [m.text for m in await slack.world.outbox(ANA)]
    assert sum("Uma vez só." in text for text in texts) == 1


async def test_internal_notes_and_bot_messages_are_not_relayed(slack: SlackHarness) -> None:
    opened = await open_session(slack)
    before = len(await slack.world.outbox(ANA))
    note = reply(BRUNO, "// cliente parece inseguro", opened.thread_ts, "1700000900.3")
    own = reply("UBOT", "Eco do bot", opened.thread_ts, "1700000900.4")
    other_bot = reply("U0OTHER", "outro bot", opened.thread_ts, "1700000900.5", bot_id="B9")
    edited = reply(BRUNO, "editado", opened.thread_ts, "1700000900.6", subtype="message_changed")
    for number, event in enumerate((note, own, other_bot, edited)):
        assert await slack.event(event, event_id=f"Ev1{number}") == 200
    assert len(await slack.world.outbox(ANA)) == before
    kept = await notes(slack.world, opened.session_id)
    assert [n.text for n in kept] == ["cliente parece inseguro"]


async def test_a_file_in_the_thread_goes_to_the_client_as_an_attachment(
    slack: SlackHarness,
) -> None:
    opened = await open_session(slack)
    url = slack.fake.add_file("planilha.xlsx", b"PK\x03\x04", "application/vnd.ms-excel")
    file = {"id": "F1", "name": "planilha.xlsx", "mimetype": "application/vnd.ms-excel"}
    event = reply(
        BRUNO,
        "",
        opened.thread_ts,
        "1700000900.7",
        subtype="file_share",
        files=[file | {"url_private": url}],
    )
    assert await slack.event(event, event_id="Ev020") == 200
    last = (await slack.world.outbox(ANA))[-1]
    assert [(a.kind, a.channel, a.ref) for a in last.attachments] == [("document", "slack", url)]
    fetched = await slack.sender.file_sources["slack"].fetch(last.attachments[0])
    assert fetched.data == b"PK\x03\x04"

"""The Slack sender: Retry-After honoured through the dispatcher, failures classified."""

from __future__ import annotations

import pytest

from adapters.slack.app import SlackConfig, build_client
from adapters.slack.sender import SlackSender
from core.outbox import (
    Address,
    Attachment,
    Delivery,
    OutboundMessage,
    PermanentDeliveryError,
    TransientDeliveryError,
    send,
)
from tests.adapters.slack.harness import SlackHarness
from tests.fakes.slack_server import Fault

REQUESTS = Address("slack", "C_REQUESTS")


async def _queue(slack: SlackHarness, text: str, to: Address = REQUESTS) -> None:
    async with slack.world.core.db.uow() as uow:
        await send(uow, slack.world.clock, to, OutboundMessage(text, extra={"mention": "here"}))
        await uow.commit()


async def test_a_429_is_delivered_once_after_retry_after(slack: SlackHarness) -> None:
    slack.fake.fail_next("chat.postMessage", Fault("429", retry_after=30))
    await _queue(slack, "Pedido aguardando")
    assert await slack.deliver() == 1  # attempted, put back for 30 s
    assert len(slack.fake.calls_to("chat.postMessage")) == 1
    slack.world.advance(seconds=20)
    await slack.deliver()
    assert len(slack.fake.calls_to("chat.postMessage")) == 1  # still waiting
    slack.world.advance(seconds=11)
    await slack.deliver()
    calls = slack.fake.calls_to("chat.postMessage")
    assert len(calls) == 2
    assert calls[-1].result["ok"] is True
    assert calls[-1].args["text"].startswith("<!here> Pedido aguardando")
    slack.world.advance(minutes=5)
    await slack.deliver()
    assert len(slack.fake.calls_to("chat.postMessage")) == 2


async def test_the_client_retry_handler_waits_out_a_short_429(slack: SlackHarness) -> None:
    config = SlackConfig(
        bot_token=slack.fake.token, signing_secret="x", api_base_url=slack.fake.base_url
    )
    sender = SlackSender(build_client(config))
    slack.fake.fail_next("chat.postMessage", Fault("429", retry_after=1))
    delivery = Delivery(1, REQUESTS, OutboundMessage("oi"), None)
    assert await sender.deliver(delivery) == "1700000000.000100"
    assert len(slack.fake.calls_to("chat.postMessage")) == 2


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (Fault("5xx", status=503), TransientDeliveryError),
        (Fault("hang"), TransientDeliveryError),
        (Fault("error", error="channel_not_found"), PermanentDeliveryError),
        (Fault("error", error="not_in_channel"), PermanentDeliveryError),
        (Fault("error", error="is_archived"), PermanentDeliveryError),
        (Fault("error", error="invalid_auth"), PermanentDeliveryError),
    ],
)
async def test_failures_are_classified(
    slack: SlackHarness, fault: Fault, expected: type[Exception]
) -> None:
    slack.fake.fail_next("chat.postMessage", fault, fault, fault)
    with pytest.raises(expected):
        await slack.sender.deliver(Delivery(1, REQUESTS, OutboundMessage("oi"), None))


async def test_threads_edits_ephemerals_and_broadcasts(slack: SlackHarness) -> None:
    thread = REQUESTS.in_thread("1700000000.000100")
    deliver = slack.sender.deliver
    await deliver(Delivery(1, thread, OutboundMessage("a", extra={"broadcast": True}), None))
    await deliver(Delivery(2, REQUESTS, OutboundMessage("b"), None, edit_ref="1700000000.000100"))
    await deliver(Delivery(3, thread, OutboundMessage("c", ephemeral_to="U0X"), None))
    await deliver(Delivery(4, Address("slack", "U0X"), OutboundMessage("d"), None, edit_ref="9.1"))
    (post,) = slack.fake.calls_to("chat.postMessage")
    assert (post.args["thread_ts"], post.args["reply_broadcast"]) == ("1700000000.000100", True)
    first, dm = slack.fake.calls_to("chat.update")
    assert (first.args["channel"], first.args["ts"]) == ("C_REQUESTS", "1700000000.000100")
    assert (dm.args["channel"], dm.args["ts"]) == ("DU0X", "9.1")
    (eph,) = slack.ephemerals("U0X")
    assert eph.args["thread_ts"] == "1700000000.000100"


async def test_a_telegram_photo_is_uploaded_into_the_thread(slack: SlackHarness) -> None:
    class TelegramFiles:
        async def fetch(self, attachment: Attachment) -> object:
            from core.files import FileContent

            return FileContent(b"\x89PNG", "foto.png", "image/png")

    sender = SlackSender(slack.sender.client, {"telegram": TelegramFiles()})  # type: ignore[dict-item]
    photo = Attachment("photo", "telegram", "tg-file-1", "foto.png", "image/png")
    message = OutboundMessage("Ana enviou uma foto.", attachments=(photo,))
    thread = REQUESTS.in_thread("1700000000.000100")
    await sender.deliver(Delivery(1, thread, message, None))
    (complete,) = slack.fake.calls_to("files.completeUploadExternal")
    assert complete.args["channel_id"] == "C_REQUESTS"
    assert complete.args["thread_ts"] == "1700000000.000100"
    assert list(slack.fake.uploads.values()) == [b"\x89PNG"]
    assert slack.fake.posted("C_REQUESTS", thread="1700000000.000100")

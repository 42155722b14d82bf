"""A webhook receiver that is slow to answer does not hold up the chats: the running bot delivers
e-mail and webhook rows apart from the chat channels' rows."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from bot.runtime import Runtime
from core.clock import ManualClock
from core.db import Database
from core.models import Channel, Outbound, OutboundStatus
from core.outbox import Address, OutboundMessage, send
from core.webhooks import add_endpoint, send_test_event
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.webhook_receiver import Answer, WebhookReceiver
from tests.runtime.conftest import settings_for, until


async def _webhook_status(runtime: Runtime) -> OutboundStatus:
    async with runtime.core.db.read() as uow:
        statement = select(Outbound.status).where(Outbound.channel == Channel.WEBHOOK)
        return OutboundStatus((await uow.session.exec(statement)).one())


async def test_a_chat_message_goes_out_while_a_webhook_receiver_has_not_answered(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram
) -> None:
    receiver = WebhookReceiver()
    await receiver.start()
    receiver.answer(Answer(delay=3.0))  # answers, but only after the chat message is out
    settings = settings_for(fake_telegram, None, db.url, webhook_timeout_seconds=20)
    runtime = Runtime(settings, clock=clock, idle=30)
    await runtime.start()
    try:
        async with runtime.core.db.uow() as uow:
            endpoint = await add_endpoint(uow, clock, receiver.url, ["session.ended"])
            await send_test_event(uow, clock, endpoint.endpoint_id)
            await uow.commit()
        runtime.wake()
        await until(lambda: bool(receiver.requests), "the webhook request", seconds=10)

        async with runtime.core.db.uow() as uow:
            to_ana = Address("telegram", "4201")
            await send(uow, clock, to_ana, OutboundMessage("Olá, Ana: o consultor já vem."))
            await uow.commit()
        runtime.wake()
        await until(lambda: bool(fake_telegram.texts_to(4201)), "the chat message", seconds=10)
        assert await _webhook_status(runtime) == OutboundStatus.SENDING, "not answered yet"
        for _ in range(100):
            if await _webhook_status(runtime) == OutboundStatus.SENT:
                break
            await asyncio.sleep(0.1)
        assert await _webhook_status(runtime) == OutboundStatus.SENT
    finally:
        await runtime.stop(flush_timeout=5)
        await receiver.stop()
    assert fake_telegram.texts_to(4201) == ["Olá, Ana: o consultor já vem."]

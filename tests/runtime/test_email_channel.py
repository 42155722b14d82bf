"""The running bot with SMTP settings delivers e-mail rows to a real SMTP server on loopback;
an SMTP host without a sender stops start-up with the setting named."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.checks import StartupError
from bot.runtime import Runtime
from core.clock import ManualClock
from core.db import Database
from core.mail import mail_to
from core.models import Contact
from core.outbox import OutboundMessage
from tests import builders
from tests.fakes.smtp_server import smtp_server
from tests.fakes.telegram_server import FakeTelegram
from tests.runtime.conftest import settings_for, until


async def test_the_running_bot_sends_an_email_row_through_the_smtp_server(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram
) -> None:
    with smtp_server() as (server, port):
        settings = settings_for(
            fake_telegram,
            None,
            db.url,
            smtp_host="127.0.0.1",
            smtp_port=port,
            smtp_security="none",
            smtp_sender="Consultoria Online <consultoria@fornecedor.com.br>",
        )
        runtime = Runtime(settings, clock=clock, idle=30)
        await runtime.start()
        try:
            assert runtime.core.config.email_enabled
            async with runtime.core.db.uow() as uow:
                ana = await builders.party(uow, datetime(2026, 11, 2, tzinfo=UTC), person="42")
                contact = await uow.session.get(Contact, ana.contact.id)
                assert contact is not None
                contact.email = "ana@cliente.com.br"
                await mail_to(
                    uow, clock, contact, OutboundMessage("Lembrete"), enabled=True, purpose="t"
                )
                await uow.commit()
            await until(lambda: bool(server.received), "the e-mail", seconds=15)
        finally:
            await runtime.stop(flush_timeout=5)
    assert server.received[0].recipients == ["ana@cliente.com.br"]


async def test_an_smtp_host_without_a_sender_is_refused(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram
) -> None:
    settings = settings_for(fake_telegram, None, db.url, smtp_host="smtp.example.com")
    with pytest.raises(StartupError) as raised:
        await Runtime(settings, clock=clock).start()
    assert raised.value.setting == "CONSULTORIA_SMTP_SENDER"
    assert "remetente" in raised.value.render("pt-BR")

"""E-mail notices through the outbox to a real SMTP server on loopback, on SQLite and PostgreSQL.

What a recipient gets (plain text and HTML, escaped), a stable Message-ID across retries, SMTP
answers mapped to retry / give up, and addresses read when the row is delivered (erased: nothing
goes). The CLI sets the addresses and sends a test e-mail.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from adapters.email import EmailSender, SmtpConfig
from core.clock import ManualClock
from core.db import Database
from core.mail import mail_to
from core.models import Channel, Company, Contact, Outbound, OutboundStatus
from core.outbox import Field, OutboundMessage, OutboxDispatcher
from tests.fakes.smtp_server import SmtpRecorder, free_port, smtp_server

REPO = Path(__file__).resolve().parents[2]
SENDER = "consultoria@fornecedor.com.br"


@pytest.fixture
def smtp() -> Iterator[tuple[SmtpRecorder, int]]:
    with smtp_server() as found:
        yield found


def config(port: int) -> SmtpConfig:
    return SmtpConfig(
        host="127.0.0.1", port=port, security="none", sender_email=SENDER, timeout=5.0
    )


async def a_contact(
    db: Database, clock: ManualClock, email: str | None = "ana@cliente.com.br"
) -> Contact:
    async with db.uow() as uow:
        company = Company(
            name="Metalúrgica Exemplo",
            product_line="industrial",
            hourly_rate_cents=20000,
            access_code="CODEMAIL1",
            billing_email="financeiro@metalurgica.com.br",
            created_at=clock.now(),
            updated_at=clock.now(),
        )
        uow.session.add(company)
        await uow.session.flush()
        contact = Contact(
            company_id=company.id,
            channel=Channel.TELEGRAM,
            external_id="42",
            name="Ana",
            email=email,
            created_at=clock.now(),
        )
        uow.session.add(contact)
        await uow.commit()
    return contact


async def queue_mail(
    db: Database, clock: ManualClock, recipient: Contact | Company, message: OutboundMessage
) -> int:
    async with db.uow() as uow:
        row = await mail_to(uow, clock, recipient, message, enabled=True, purpose="test")
        await uow.commit()
    assert row is not None and row.id is not None
    return row.id


async def stored(db: Database, row_id: int) -> Outbound:
    async with db.uow() as uow:
        found = await uow.session.get(Outbound, row_id)
    assert found is not None
    return found


def dispatcher(db: Database, clock: ManualClock, port: int) -> OutboxDispatcher:
    return OutboxDispatcher(db, clock, {"email": EmailSender(db, clock, config(port))})


BOOKING = OutboundMessage(
    "Seu horário está **confirmado**.\n- Leve o número da nota <script>x</script>\n- Tenha o "
    "TeamViewer aberto",
    title="Agendamento confirmado",
    fields=(Field("Data", "03/12/2026 às 14:00"), Field("Valor", "R$\u00a0100,00")),
)


async def test_a_contact_gets_a_plain_and_an_html_part_with_everything_escaped(
    db: Database, clock: ManualClock, smtp: tuple[SmtpRecorder, int]
) -> None:
    server, port = smtp
    contact = await a_contact(db, clock)
    row_id = await queue_mail(db, clock, contact, BOOKING)

    assert await dispatcher(db, clock, port).run_once() == 1

    [got] = server.received
    assert got.recipients == ["ana@cliente.com.br"]
    mail = got.message
    assert mail["To"] == "ana@cliente.com.br"
    assert mail["From"] == f"Consultoria Online <{SENDER}>"
    assert mail["Subject"] == "Consultoria Online — Agendamento confirmado"
    text_part, html_part = mail.get_body(("plain",)), mail.get_body(("html",))
    assert text_part is not None and html_part is not None
    text = text_part.get_content()
    assert "Seu horário está confirmado." in text and "**" not in text
    assert "Valor: R$\u00a0100,00" in text
    html = html_part.get_content()
    assert "<strong>confirmado</strong>" in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert html.count("<li>") == 2 and "<ul>" in html
    assert "<th" in html and "03/12/2026 às 14:00" in html
    row = await stored(db, row_id)
    assert row.status == OutboundStatus.SENT and row.platform_ref == mail["Message-ID"]


async def test_a_deferred_message_is_retried_with_the_same_message_id(
    db: Database, clock: ManualClock, smtp: tuple[SmtpRecorder, int]
) -> None:
    server, port = smtp
    server.answers.append("451 4.3.0 Try again later")
    row_id = await queue_mail(db, clock, await a_contact(db, clock), BOOKING)
    outbox = dispatcher(db, clock, port)

    assert await outbox.run_once() == 1
    assert server.received == []
    assert (await stored(db, row_id)).status == OutboundStatus.PENDING
    clock.advance(timedelta(seconds=5))
    assert await outbox.run_once() == 1

    assert len(server.received) == 1
    first, second = server.attempts
    assert first["Message-ID"] == second["Message-ID"]
    assert (await stored(db, row_id)).status == OutboundStatus.SENT


async def test_a_refused_recipient_is_given_up_at_once(
    db: Database, clock: ManualClock, smtp: tuple[SmtpRecorder, int]
) -> None:
    server, port = smtp
    server.answers.append("550 5.1.1 No such user")
    row_id = await queue_mail(db, clock, await a_contact(db, clock), BOOKING)
    outbox = dispatcher(db, clock, port)

    assert await outbox.run_once() == 1
    clock.advance(timedelta(hours=1))
    assert await outbox.run_once() == 0

    assert len(server.attempts) == 1
    assert (await stored(db, row_id)).status == OutboundStatus.FAILED


async def test_an_unreachable_server_keeps_the_message_for_later(
    db: Database, clock: ManualClock
) -> None:
    port = free_port()  # nobody listens yet
    row_id = await queue_mail(db, clock, await a_contact(db, clock), BOOKING)
    outbox = dispatcher(db, clock, port)
    assert await outbox.run_once() == 1
    assert (await stored(db, row_id)).status == OutboundStatus.PENDING

    with smtp_server(port) as (server, _):
        later = dispatcher(db, clock, port)
        clock.advance(timedelta(seconds=5))
        assert await later.run_once() == 1
        assert len(server.received) == 1
    assert (await stored(db, row_id)).status == OutboundStatus.SENT


async def test_nothing_goes_to_a_contact_whose_address_was_removed_meanwhile(
    db: Database, clock: ManualClock, smtp: tuple[SmtpRecorder, int]
) -> None:
    server, port = smtp
    contact = await a_contact(db, clock)
    row_id = await queue_mail(db, clock, contact, BOOKING)
    async with db.uow() as uow:
        found = await uow.session.get(Contact, contact.id)
        assert found is not None
        found.email = None
        uow.session.add(found)
        await uow.commit()

    assert await dispatcher(db, clock, port).run_once() == 1
    assert server.attempts == []
    assert (await stored(db, row_id)).status == OutboundStatus.FAILED


async def test_no_row_is_written_without_an_address_or_with_e_mail_off(
    db: Database, clock: ManualClock
) -> None:
    contact = await a_contact(db, clock, email=None)
    async with db.uow() as uow:
        assert await mail_to(uow, clock, contact, BOOKING, enabled=True) is None
        assert await mail_to(uow, clock, contact, BOOKING, enabled=False) is None


async def test_a_company_billing_contact_is_reached(
    db: Database, clock: ManualClock, smtp: tuple[SmtpRecorder, int]
) -> None:
    server, port = smtp
    contact = await a_contact(db, clock)
    async with db.uow() as uow:
        company = await uow.session.get(Company, contact.company_id)
    assert company is not None
    await queue_mail(db, clock, company, OutboundMessage("Extrato de novembro"))
    assert await dispatcher(db, clock, port).run_once() == 1
    assert server.received[0].recipients == ["financeiro@metalurgica.com.br"]

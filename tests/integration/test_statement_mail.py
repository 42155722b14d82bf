"""Statements by e-mail: on the month's first working day each company with a billing e-mail and
billed sessions gets last month's statement as a PDF, once; the next mailing is scheduled."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pypdf import PdfReader
from sqlmodel import col, select

from adapters.documents import StatementSource
from adapters.email import EmailSender, SmtpConfig
from bot.bootstrap import timer_handlers
from core.billing import BillingPolicy
from core.billing_records import record_billing
from core.clock import ManualClock
from core.db import Database
from core.models import Timer, TimerStatus
from core.outbox import OutboxDispatcher
from core.statements import STATEMENT_DOCUMENT, STATEMENT_MAIL, ensure_statement_timer
from tests import builders
from tests.fakes.smtp_server import smtp_server
from tests.scenario import World


async def _bill(world: World) -> None:
    async with world.core.db.uow() as uow:
        ana = await builders.party(uow, datetime(2026, 11, 2, tzinfo=UTC))
        ana.company.billing_email = "financeiro@metalurgica.com.br"
        beto = await builders.party(
            uow,
            datetime(2026, 11, 2, tzinfo=UTC),
            name="Sem E-mail",
            code="XYZ789",
            person="77",
            slack_user="U0OTHER",
        )
        for who, minutes in ((ana, 45), (ana, 95), (beto, 30)):
            session = await builders.ended_session(
                uow, who, datetime(2026, 11, 10, 13, 0, tzinfo=UTC), minutes
            )
            await record_billing(uow, world.clock, session, BillingPolicy())
        await uow.commit()


async def _pending(db: Database) -> list[Timer]:
    async with db.uow() as uow:
        found = await uow.session.exec(
            select(Timer).where(
                col(Timer.kind) == STATEMENT_MAIL, col(Timer.status) == TimerStatus.PENDING
            )
        )
        return list(found.all())


async def test_the_statement_goes_once_on_the_first_working_day(db: Database) -> None:
    clock = ManualClock(datetime(2026, 11, 30, 15, 0, tzinfo=UTC))
    world = World.build(db, clock, email_enabled=True, statements_by_email=True)
    await _bill(world)
    await ensure_statement_timer(world.core)
    await ensure_statement_timer(world.core)  # again at the next start: still one timer
    [timer] = await _pending(db)
    # Tuesday 01/12/2026 08:00 in São Paulo (the first opening of December)
    assert timer.due_at == datetime(2026, 12, 1, 11, 0, tzinfo=UTC)

    with smtp_server() as (server, port):
        config = SmtpConfig("127.0.0.1", port, "none", "consultoria@fornecedor.com.br")
        sources = {STATEMENT_DOCUMENT: StatementSource(db, clock, world.core.config)}
        sender = EmailSender(db, clock, config, file_sources=sources)
        outbox = OutboxDispatcher(db, clock, {"email": sender})
        assert await world.run_timers(timer_handlers()) == 0  # not due yet
        clock.set(datetime(2026, 12, 1, 11, 0, tzinfo=UTC))
        assert await world.run_timers(timer_handlers()) == 1
        while await outbox.run_once():
            pass
        assert await world.run_timers(timer_handlers()) == 0  # once
        while await outbox.run_once():
            pass

    [got] = server.received
    assert got.recipients == ["financeiro@metalurgica.com.br"]
    assert "Extrato de consultoria online de 11/2026" in got.message["Subject"]
    [attachment] = list(got.message.iter_attachments())
    assert attachment.get_filename() == "extrato-2026-11.pdf"
    assert attachment.get_content_type() == "application/pdf"
    pdf = PdfReader(io.BytesIO(attachment.get_content()))
    text = "\n".join(page.extract_text() for page in pdf.pages).replace("\xa0", " ")
    assert "Metalúrgica Exemplo" in text and "Sem E-mail" not in text
    assert "R$ 540,00" in text  # 45 min (2 periods) + 95 min (4) at R$ 90,00 a period
    [following] = await _pending(db)
    # January 2027: the 1st is a holiday, then a weekend: Monday 04/01/2027 08:00
    assert following.due_at == datetime(2027, 1, 4, 11, 0, tzinfo=UTC)


async def test_without_the_setting_no_mailing_is_scheduled(db: Database) -> None:
    clock = ManualClock(datetime(2026, 11, 30, 15, 0, tzinfo=UTC))
    world = World.build(db, clock, email_enabled=True, statements_by_email=False)
    await ensure_statement_timer(world.core)
    assert await _pending(db) == []

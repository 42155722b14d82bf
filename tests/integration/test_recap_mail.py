"""A session recap by e-mail: a contact with an address gets it from a real SMTP server on
loopback, the PDF and the HTML attached; a contact without one gets the chat's copy only."""

from __future__ import annotations

import io

from pypdf import PdfReader

from adapters.documents import RecapSource
from adapters.email import EmailSender, SmtpConfig
from core import client
from core.clock import ManualClock
from core.contacts import find_contact
from core.db import Database
from core.intake import handle_text
from core.mail import set_contact_email
from core.outbox import OutboxDispatcher
from core.recaps import RECAP_DOCUMENT
from core.sessions import end_session, relay_from_staff
from tests.fakes.smtp_server import smtp_server
from tests.scenario import World
from tests.scenarios.guests_helpers import session_with_client
from tests.scenarios.sessions_helpers import ANA, BRUNO, last


async def _ended(world: World, email: str | None) -> int:
    session_id, thread, _ = await session_with_client(world)
    async with world.core.db.uow() as uow:
        contact = await find_contact(uow, ANA)
        assert contact is not None and contact.id is not None
        await set_contact_email(uow, contact.id, email)
        await uow.commit()
    await handle_text(world.core, ANA, "Como lanço o rateio de energia?")
    await relay_from_staff(world.core, thread, BRUNO, "Pela rotina de rateio, veja.")
    await relay_from_staff(world.core, thread, BRUNO, "// lembrar de cobrar o treino")
    world.advance(minutes=20)
    await end_session(world.core, session_id, by=BRUNO)
    await world.deliver()
    return session_id


async def _press(world: World, action: str) -> client.Outcome:
    return await client.press(world.core, ANA, action, language="pt-BR", inbound=("t", action))


async def test_the_recap_arrives_by_e_mail_with_the_pdf_attached(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, email_enabled=True)
    session_id = await _ended(world, "ana@metalurgica.com.br")
    assert (await _press(world, f"recap:{session_id}")).done
    await world.deliver()
    assert "Uma cópia também vai para o seu e-mail." in (await last(world, ANA)).text

    with smtp_server() as (server, port):
        config = SmtpConfig("127.0.0.1", port, "none", "consultoria@fornecedor.com.br")
        sources = {RECAP_DOCUMENT: RecapSource(db, clock, world.core.config)}
        sender = EmailSender(db, clock, config, file_sources=sources)
        outbox = OutboxDispatcher(db, clock, {"email": sender})
        while await outbox.run_once():
            pass

    [got] = server.received
    assert got.recipients == ["ana@metalurgica.com.br"]
    assert f"Conversa do atendimento #{session_id}" in got.message["Subject"]
    pdf, html = list(got.message.iter_attachments())
    assert pdf.get_filename() == f"conversa-{session_id}.pdf"
    assert pdf.get_content_type() == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.get_content())).pages)
    assert "Como lanço o rateio de energia?" in text and "Pela rotina de rateio" in text
    assert "R$\xa090,00" in text or "R$ 90,00" in text
    assert "cobrar o treino" not in text
    assert html.get_filename() == f"conversa-{session_id}.html"
    assert "Pela rotina de rateio, veja." in html.get_content()


async def test_without_an_address_only_the_chat_gets_it(db: Database, clock: ManualClock) -> None:
    world = World.build(db, clock, email_enabled=True)
    session_id = await _ended(world, None)
    assert (await _press(world, f"recap:{session_id}")).done
    assert [m for m in await world.outbox() if m.title and "Conversa do" in m.title] == []
    assert (await last(world, ANA)).text == f"Aqui está a conversa do atendimento #{session_id}."

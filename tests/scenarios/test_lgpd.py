"""LGPD: export everything held about a person; erase it, keeping consents and billing."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from adapters.web.files import WebFiles
from bot.bootstrap import timer_handlers
from core import intake
from core.billing_records import billed_sessions, write_export_csv
from core.booking import REMINDER, START, Actor, BookingOrder, book
from core.clock import ManualClock
from core.contacts import find_contact
from core.db import Database
from core.errors import Conflict, NotFound
from core.models import (
    BillingRecord,
    Booking,
    Consent,
    Contact,
    LinkRequest,
    Outbound,
    Request,
    SessionNote,
    Timer,
    TimerStatus,
    WebMessage,
)
from core.outbox import Address
from core.privacy import erase_contact, export_contact
from core.sessions import end_session, relay_from_staff
from tests.scenario import SAO_PAULO, World
from tests.scenarios.sessions_helpers import (
    ANA,
    BETO,
    BRUNO,
    DIEGO,
    SECRETARY,
    Cast,
    claimed,
    given_cast,
    queued,
    thread_of,
)

CAIO_WEB = Address("web", "c:" + "c" * 40)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


async def _contact_id(world: World, address: Address) -> int:
    async with world.core.db.uow() as uow:
        contact = await find_contact(uow, address)
        assert contact is not None and contact.id is not None
        return contact.id


async def _served(world: World, cast: Cast, address: Address, consultant: str, said: str) -> int:
    """A session of ``address`` with a relayed line each way and an internal note; ended."""
    session_id = await claimed(world, await queued(world, cast, address), consultant)
    thread = await thread_of(world, session_id)
    await intake.handle_text(world.core, address, said)
    await relay_from_staff(world.core, thread, consultant, f"Resposta para {said}")
    await relay_from_staff(world.core, thread, consultant, f"// nota sobre {said}")
    world.advance(minutes=50)
    await end_session(world.core, session_id, by=consultant)
    await world.deliver()
    return session_id


async def _story(world: World) -> tuple[Cast, int, int]:
    """Ana asks to be linked, is served, gets a booking; Beto is served; Caio writes on the web."""
    cast = await given_cast(world)
    await intake.request_link(world.core, ANA, "Metalúrgica Exemplo")
    await _served(world, cast, ANA, BRUNO, "Meu telefone é 11 99999-0000")
    await _served(world, cast, BETO, DIEGO, "Segredo do Beto")
    ana, beto = await _contact_id(world, ANA), await _contact_id(world, BETO)
    tuesday = datetime.combine(date(2026, 11, 24), time(10), tzinfo=SAO_PAULO)
    await book(
        world.core,
        BookingOrder(
            company_id=cast.company_id,
            contact_id=ana,
            area="Custos",
            consultant_id=cast.consultant_ids[BRUNO],
            starts_at=tuesday,
            duration=timedelta(minutes=30),
            medium="Telefone",
            notes="Ana prefere ligação à tarde",
        ),
        by=Actor.staff(SECRETARY),
    )
    await intake.start(world.core, CAIO_WEB, code=cast.access_code, name="Caio Web")
    async with world.core.db.uow() as uow:  # what the web sender stores for a browser
        uow.session.add(
            WebMessage(
                address=CAIO_WEB.id, payload={"text": "Olá Caio"}, created_at=world.clock.now()
            )
        )
        await uow.commit()
    return cast, ana, beto


async def test_the_export_holds_every_kind_of_data_of_the_person_and_nothing_of_another(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast, ana, beto = await _story(world)
    async with db.uow() as uow:
        data = await export_contact(uow, ana)
    text = json.dumps(data, ensure_ascii=False)  # JSON-serialisable as it is

    assert data["contact"]["name"] == "Ana Cliente"
    assert data["contact"]["external_id"] == ANA.id
    assert data["company"]["id"] == cast.company_id
    for kind in (
        "requests",
        "bookings",
        "sessions",
        "session_notes",
        "consents",
        "billing_records",
        "link_requests",
        "outbox",
        "session_messages",
    ):
        assert data[kind], f"nothing exported of {kind}"
    assert data["web_messages"] == []
    assert {r["contact_id"] for r in data["requests"] + data["sessions"]} == {ana}
    assert data["session_notes"][0]["text"] == "nota sobre Meu telefone é 11 99999-0000"
    assert data["bookings"][0]["notes"] == "Ana prefere ligação à tarde"
    assert data["link_requests"][0]["company_hint"] == "Metalúrgica Exemplo"
    consent = data["consents"][0]
    assert consent["accepted"] is True
    assert consent["terms"]["version"] == 1
    assert consent["terms"]["text_matches_sha256"] is True
    assert "R$\xa0180,00" in consent["terms"]["text_shown"]
    assert data["billing_records"][0]["amount_cents"] == 18000
    assert data["consents"][0]["created_at"].startswith("2026-11-23T")
    assert "Ana Cliente: Meu telefone é 11 99999-0000" in text
    assert "Bruno Lima: Resposta para Meu telefone é 11 99999-0000" in text
    assert "Beto" not in text and "Caio" not in text

    async with db.uow() as uow:
        caio = await export_contact(uow, await _contact_id(world, CAIO_WEB))
        beto_data = await export_contact(uow, beto)
    assert [m["payload"]["text"] for m in caio["web_messages"]] == ["Olá Caio"]
    assert "Ana" not in json.dumps(beto_data, ensure_ascii=False)


async def test_erasure_anonymises_and_keeps_consents_and_billing(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, ana, _ = await _story(world)
    async with db.uow() as uow:
        billed_before = await billed_sessions(uow, year=2026, month=11, tz=SAO_PAULO)
        consents_before = (
            await uow.session.exec(select(Consent).where(Consent.contact_id == ana))
        ).all()
    out_before = io.StringIO()
    total_before = write_export_csv(billed_before, out_before, tz=SAO_PAULO, language="pt-BR")

    async with world.core.transaction() as uow:
        erasure = await erase_contact(uow, world.core, ana, by="cli:admin")
    assert erasure.outbox_rows > 0

    async with db.uow() as uow:
        contact = await uow.session.get(Contact, ana)
        assert contact is not None
        assert (contact.name, contact.phone, contact.chat_id) == (None, None, None)
        assert contact.external_id == f"erased:{ana}"
        assert contact.erased_at == clock.now()
        consents = (await uow.session.exec(select(Consent).where(Consent.contact_id == ana))).all()
        assert [c.model_dump() for c in consents] == [c.model_dump() for c in consents_before]
        records = (
            await uow.session.exec(select(BillingRecord).where(BillingRecord.contact_id == ana))
        ).all()
        assert [r.amount_cents for r in records] == [18000]
        requests = (await uow.session.exec(select(Request).where(Request.contact_id == ana))).all()
        assert all(r.description is None for r in requests)
        booking = (await uow.session.exec(select(Booking).where(Booking.contact_id == ana))).one()
        assert booking.notes is None
        link = (await uow.session.exec(select(LinkRequest))).one()
        assert link.company_hint == ""
        notes = (await uow.session.exec(select(SessionNote).order_by(col(SessionNote.id)))).all()
        assert [n.text for n in notes] == ["", "nota sobre Segredo do Beto"]
        stored = " ".join(
            json.dumps(o.payload, ensure_ascii=False)
            for o in (await uow.session.exec(select(Outbound))).all()
        )
        billed_after = await billed_sessions(uow, year=2026, month=11, tz=SAO_PAULO)
    assert "Ana Cliente" not in stored and "99999" not in stored
    assert "Beto Cliente: Segredo do Beto" in stored  # another person's data is untouched

    out_after = io.StringIO()
    total_after = write_export_csv(billed_after, out_after, tz=SAO_PAULO, language="pt-BR")
    assert total_after == total_before == 36000
    assert out_after.getvalue() == out_before.getvalue()
    assert "R$\xa0360,00" in out_after.getvalue().splitlines()[-1]

    async with db.uow() as uow:
        data = await export_contact(uow, ana)
    assert "Ana" not in json.dumps(data, ensure_ascii=False)
    assert data["consents"] and data["billing_records"]


async def test_an_erased_person_writing_again_is_a_new_unknown_person(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, ana, _ = await _story(world)
    caio = await _contact_id(world, CAIO_WEB)
    async with world.core.transaction() as uow:
        await erase_contact(uow, world.core, ana, by="admin")
        await erase_contact(uow, world.core, caio, by="admin")
    async with db.uow() as uow:
        web_left = (await uow.session.exec(select(WebMessage))).all()
    assert web_left == []

    await intake.start(world.core, ANA, name="Ana Cliente")
    await intake.start(world.core, CAIO_WEB)
    async with db.uow() as uow:
        again = await find_contact(uow, ANA)
        web_again = await find_contact(uow, CAIO_WEB)
    assert again is not None and again.id != ana
    assert again.company_id is None and again.erased_at is None
    assert web_again is not None and web_again.id != caio and web_again.company_id is None

    async with world.core.transaction() as uow:  # erasing twice changes nothing
        repeat = await erase_contact(uow, world.core, ana, by="admin")
    assert repeat.already


async def test_erasure_is_refused_during_a_session_and_for_an_unknown_contact(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    cast = await given_cast(world)
    await claimed(world, await queued(world, cast, ANA), BRUNO)
    ana = await _contact_id(world, ANA)
    with pytest.raises(Conflict):
        async with world.core.transaction() as uow:
            await erase_contact(uow, world.core, ana, by="admin")
    with pytest.raises(NotFound):
        async with world.core.transaction() as uow:
            await erase_contact(uow, world.core, 9999, by="admin")
    async with db.uow() as uow:
        contact = await uow.session.get(Contact, ana)
    assert contact is not None and contact.name == "Ana Cliente" and contact.erased_at is None


async def test_erasure_cancels_their_bookings_and_tells_the_consultant_without_personal_data(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, ana, _ = await _story(world)
    await world.deliver()
    async with db.uow() as uow:
        booking = (await uow.session.exec(select(Booking).where(Booking.contact_id == ana))).one()
        waiting = select(Timer).where(
            Timer.subject_id == booking.id,
            col(Timer.kind).in_((REMINDER, START)),
            Timer.status == TimerStatus.PENDING,
        )
        assert (await uow.session.exec(waiting)).all(), "the booking has reminders to cancel"
    told_ana = len(world.telegram.to(ANA))

    async with world.core.transaction() as uow:
        erasure = await erase_contact(uow, world.core, ana, by="admin")
    assert erasure.bookings_cancelled == 1
    await world.deliver()

    async with db.uow() as uow:
        cancelled = await uow.session.get(Booking, booking.id)
        assert cancelled is not None and cancelled.status == "cancelled"
        assert cancelled.cancel_reason == "dados pessoais do cliente apagados (LGPD)"
        assert (await uow.session.exec(waiting)).all() == []
    notice = world.slack.texts_to(Address("slack", BRUNO))[-1]
    assert notice.startswith(
        f"Agendamento nº {booking.id} cancelado (dados pessoais do cliente apagados (LGPD)):"
    )
    assert "24/11/2026" in notice
    assert "Ana" not in notice and "ligação" not in notice and "99999" not in notice
    assert len(world.telegram.to(ANA)) == told_ana  # nothing to the erased person

    world.advance(days=2)  # past the booking's time: no reminder, no session start
    await world.run_timers(timer_handlers())
    sent = await world.deliver()
    assert sent == 0
    assert len(world.telegram.to(ANA)) == told_ana


async def test_messages_about_them_not_sent_yet_are_cancelled_not_sent_empty(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    _, ana, _ = await _story(world)  # the booking's notices (Ana, her consultant) are not sent
    async with db.uow() as uow:
        pending = (
            await uow.session.exec(select(Outbound).where(Outbound.status == "pending"))
        ).all()
    staff_side = [row.id for row in pending if row.channel == "slack"]
    assert staff_side, "a staff-side message about Ana waits to be sent"

    async with world.core.transaction() as uow:
        erasure = await erase_contact(uow, world.core, ana, by="admin")
    assert erasure.cancelled_rows >= len(staff_side) + 1
    async with db.uow() as uow:
        rows = {
            row.id: row
            for row in (await uow.session.exec(select(Outbound))).all()
            if row.id in staff_side
        }
    assert {(r.status, r.last_error) for r in rows.values()} == {("failed", "contact erased")}

    world.slack.delivered.clear()
    world.telegram.delivered.clear()
    await world.deliver()
    sent = world.slack.delivered + world.telegram.delivered
    assert [d.to for d in sent] == [Address("slack", BRUNO)]  # only the neutral cancellation
    assert all(d.message.text.strip() for d in sent)


async def test_erasure_deletes_the_web_files_their_messages_carried(
    db: Database, clock: ManualClock, tmp_path: Path
) -> None:
    world = World.build(db, clock)
    files = WebFiles(tmp_path / "web_files")
    world.core.files.forget_with("web", files.forget)
    cast, ana, _ = await _story(world)
    theirs = await files.save(PDF, "contrato da Ana.pdf", "application/pdf", "document")
    beto_file = await files.save(PDF, "do Beto.pdf", "application/pdf", "document")
    caio_file = await files.save(PDF, "do Caio.pdf", "application/pdf", "document")
    for address, stored in ((ANA, theirs), (BETO, beto_file)):
        session_id = await claimed(world, await queued(world, cast, address), BRUNO)
        thread = await thread_of(world, session_id)
        await relay_from_staff(world.core, thread, BRUNO, "Segue", [stored.attachment()])
        world.advance(minutes=10)
        await end_session(world.core, session_id, by=BRUNO)
        await world.deliver()
    async with db.uow() as uow:  # what the web chat stores for Caio's own upload
        uow.session.add(
            WebMessage(
                address=CAIO_WEB.id,
                payload={"text": "", "attachments": [_web_attachment(caio_file.id)]},
                created_at=clock.now(),
            )
        )
        await uow.commit()
    caio = await _contact_id(world, CAIO_WEB)

    with pytest.raises(Conflict):  # an erasure rolled back deletes nothing
        await _erase_then_fail(world, ana)
    assert await files.info(theirs.id) is not None

    async with world.core.transaction() as uow:
        erased = await erase_contact(uow, world.core, ana, by="admin")
        await erase_contact(uow, world.core, caio, by="admin")
    assert erased.files == 1
    assert await files.info(theirs.id) is None and not files.path(theirs.id).exists()
    assert await files.info(caio_file.id) is None
    assert await files.info(beto_file.id) is not None  # another person's file stays


async def _erase_then_fail(world: World, contact_id: int) -> None:
    async with world.core.transaction() as uow:
        await erase_contact(uow, world.core, contact_id, by="admin")
        raise Conflict("test.rollback")


def _web_attachment(ref: str) -> dict[str, str]:
    return {"kind": "document", "channel": "web", "ref": ref, "name": "x.pdf"}

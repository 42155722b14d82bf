"""The session recap: what it holds, once per session, after the purge, LGPD and retention."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from adapters.documents import RecapSource
from bot.bootstrap import timer_handlers
from core import client
from core.clock import ManualClock
from core.contacts import find_contact
from core.db import Database
from core.intake import handle_text
from core.models import SessionRecap
from core.outbox import Address, Attachment
from core.privacy import ensure_retention_timer, erase_contact, export_contact
from core.recaps import RECAP, RECAP_DOCUMENT
from core.sessions import end_session, relay_from_staff
from tests.scenario import World
from tests.scenarios.guests_helpers import DORA, invitation_code, joins, session_with_client
from tests.scenarios.sessions_helpers import ANA, BRUNO, Cast, claimed, queued, rows

_keys = iter(range(1, 1_000_000))


async def _press(world: World, action: str, who: Address = ANA) -> client.Outcome:
    """The client presses ``action`` (as every client channel does)."""
    key = ("test", f"press-{next(_keys)}")
    return await client.press(world.core, who, action, language="pt-BR", inbound=key)


async def _ended_conversation(world: World) -> tuple[int, str]:
    """Ana and her colleague Dora talk with Bruno (a file, an internal note); 40 minutes. The
    session id and the company's access code."""
    session_id, thread, access_code = await session_with_client(world)
    await joins(world, DORA, await invitation_code(world), "Dora Colega")
    photo = Attachment("photo", "telegram", "PH1")  # Telegram photos have no name
    text = "Bom dia, <script>alert(1)</script> como rateio?"
    await handle_text(world.core, ANA, text, attachments=[photo])
    await handle_text(world.core, DORA, "Eu cuido do estoque.")
    sheet = Attachment("document", "slack", "https://files.slack/r.xlsx", "rateio.xlsx")
    await relay_from_staff(world.core, thread, BRUNO, "Veja a planilha", [sheet])
    await relay_from_staff(world.core, thread, BRUNO, "// cliente precisa de treino extra")
    await relay_from_staff(world.core, thread, BRUNO, "Abra Custos > Rateio & Fechamento.")
    world.advance(minutes=40)
    await end_session(world.core, session_id, by=BRUNO)
    await world.deliver()
    return session_id, access_code


async def _document(world: World, session_id: int, extension: str) -> str:
    source = RecapSource(world.core.db, world.clock, world.core.config)
    ref = Attachment("document", RECAP_DOCUMENT, f"{session_id}:{extension}")
    return (await source.fetch(ref)).data.decode("latin-1")


async def _recaps(world: World) -> list[SessionRecap]:
    async with world.core.db.uow() as uow:
        return list((await uow.session.exec(select(SessionRecap))).all())


async def _purge(world: World) -> None:
    await ensure_retention_timer(world.core)
    await world.run_timers(timer_handlers())


async def test_the_recap_holds_each_relayed_message_once_and_no_internal_note(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    session_id, _ = await _ended_conversation(world)
    outcome = await _press(world, f"recap:{session_id}")
    assert outcome.done, outcome.notice
    [recap] = await _recaps(world)
    assert recap.channel == "telegram" and recap.language == "pt-BR"
    lines = [(line["author"], line["side"], line["text"]) for line in recap.content["lines"]]
    assert lines == [
        ("Ana Cliente", "client", "Bom dia, <script>alert(1)</script> como rateio?"),
        ("Dora Colega", "guest", "Eu cuido do estoque."),
        ("Bruno Lima", "staff", "Veja a planilha"),
        ("Bruno Lima", "staff", "Abra Custos > Rateio & Fechamento."),
    ]
    assert [line["files"] for line in recap.content["lines"]] == [
        ["uma foto"],
        [],
        ["rateio.xlsx"],
        [],
    ]
    header = dict(recap.content["header"])
    assert header["Empresa"] == "Metalúrgica Exemplo"
    assert header["Atendimento por"] == "Bruno Lima"
    assert header["Área"] == "Custos" and header["Meio"] == "Chat"
    assert header["Início"] == "23/11/2026 10:00" and header["Fim"] == "23/11/2026 10:40"
    assert header["Períodos cobrados"] == "2" and header["Valor"] == "R$\xa0180,00"

    html = (await _document(world, session_id, "html")).encode("latin-1").decode()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Custos &gt; Rateio &amp; Fechamento." in html
    assert "treino extra" not in html
    sent = [a for m in await world.outbox(ANA) for a in m.attachments]
    assert [a.ref for a in sent if a.channel == RECAP_DOCUMENT] == [f"{session_id}:pdf"]
    assert [r.purpose for r in await rows(world, RECAP, session_id)] == [RECAP]


async def test_a_second_press_is_told_it_was_sent_and_sends_nothing(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    session_id, _ = await _ended_conversation(world)
    assert (await _press(world, f"recap:{session_id}")).done
    again = await _press(world, f"recap:{session_id}")
    assert not again.done
    assert again.notice == "A conversa deste atendimento já foi enviada em 23/11/2026 10:40."
    assert len(await rows(world, RECAP, session_id)) == 1
    other = await _press(world, f"recap:{session_id}", who=DORA)  # not her session
    assert not other.done and len(await _recaps(world)) == 1


async def test_a_recap_taken_before_the_purge_still_renders_after_it(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, message_retention=timedelta(hours=72))
    session_id, _ = await _ended_conversation(world)
    assert (await _press(world, f"recap:{session_id}")).done
    await world.deliver()
    world.advance(hours=73)
    await _purge(world)
    assert await rows(world, "relay", session_id) == [], "the messages were purged"
    html = (await _document(world, session_id, "html")).encode("latin-1").decode()
    assert "Eu cuido do estoque." in html and "rateio.xlsx" in html


async def test_asking_after_the_purge_without_a_recap_gets_a_clear_answer(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, message_retention=timedelta(hours=72))
    session_id, _ = await _ended_conversation(world)
    world.advance(hours=73)
    await _purge(world)
    outcome = await _press(world, f"recap:{session_id}")
    assert not outcome.done
    assert outcome.notice is not None and "já não está guardada" in outcome.notice
    assert "72 horas" in outcome.notice
    assert await _recaps(world) == []


async def test_recaps_are_exported_erased_and_deleted_after_their_retention(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock, recap_retention=timedelta(days=30))
    session_id, access_code = await _ended_conversation(world)
    assert (await _press(world, f"recap:{session_id}")).done
    [recap] = await _recaps(world)
    async with world.core.db.uow() as uow:
        exported = await export_contact(uow, recap.contact_id)
    [data] = exported["session_recaps"]
    assert data["session_id"] == session_id
    assert data["content"]["lines"][0]["text"].startswith("Bom dia")

    world.advance(days=29)
    await _purge(world)
    assert len(await _recaps(world)) == 1, "kept for 30 days"
    world.advance(days=1, minutes=1)
    await _purge(world)
    assert await _recaps(world) == []

    second = await _ended_again(world, access_code)
    assert (await _press(world, f"recap:{second}")).done
    assert len(await _recaps(world)) == 1
    async with world.core.db.uow() as uow:
        await erase_contact(uow, world.core, recap.contact_id, by="test")
        await uow.commit()
    assert await _recaps(world) == []


async def _ended_again(world: World, access_code: str) -> int:
    """Another session of Ana's with Bruno, ended after 10 minutes."""
    session_id = await claimed(world, await queued(world, Cast(0, access_code, {}), ANA), BRUNO)
    await handle_text(world.core, ANA, "Outra dúvida")
    world.advance(minutes=10)
    await end_session(world.core, session_id, by=BRUNO)
    await world.deliver()
    return session_id


async def test_erasing_a_colleague_takes_their_lines_out_of_the_clients_recap(
    db: Database, clock: ManualClock
) -> None:
    world = World.build(db, clock)
    session_id, _ = await _ended_conversation(world)
    assert (await _press(world, f"recap:{session_id}")).done
    async with world.core.db.uow() as uow:
        dora = await find_contact(uow, DORA)
        assert dora is not None and dora.id is not None
        await erase_contact(uow, world.core, dora.id, by="test")
        await uow.commit()
    [recap] = await _recaps(world)
    assert [line["author"] for line in recap.content["lines"]] == [
        "Ana Cliente",
        "Bruno Lima",
        "Bruno Lima",
    ]

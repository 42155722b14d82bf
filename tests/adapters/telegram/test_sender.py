"""The Telegram sender against the fake Bot API: splitting, edits, files, failures and retries."""

from __future__ import annotations

import logging

import pytest
from sqlmodel import select

from adapters.telegram.render import render, split_text
from core.models import Contact, Outbound
from core.outbox import (
    Address,
    Choice,
    Delivery,
    Field,
    OutboundMessage,
    PermanentDeliveryError,
    TransientDeliveryError,
)
from core.queue import claim_request
from core.sessions import end_session, relay_from_staff, session_for_thread
from tests.adapters.telegram.conftest import Harness
from tests.fakes.telegram_server import visible_text
from tests.scenarios.sessions_helpers import ANA, BRUNO, given_cast, queued, thread_of

CHAT = "4201"
TO = Address("telegram", CHAT)


def _delivery(
    message: OutboundMessage, outbound_id: int = 1, edit_ref: str | None = None
) -> Delivery:
    return Delivery(outbound_id, TO, message, None, edit_ref)


def _long_text(chars: int = 10_000) -> str:
    line = "Linha de explicação do consultor sobre o fechamento de custos & estoque. "
    lines = [f"{n:03d} {line}" for n in range(chars // (len(line) + 4) + 1)]
    return "\n".join(lines)[:chars]


async def _in_session(tg: Harness) -> tuple[int, Address]:
    cast = await given_cast(tg.world)
    request_id = await queued(tg.world, cast, ANA)
    claimed = await claim_request(tg.world.core, request_id, BRUNO)
    assert claimed.session_id is not None
    await tg.deliver()  # the client's messages through the fake Bot API (edited at the end)
    thread = await thread_of(tg.world, claimed.session_id)
    return claimed.session_id, thread


def test_cards_render_as_html_with_a_bold_title_and_field_lines() -> None:
    message = OutboundMessage(
        "Use **Custos** & <Estoque>",
        title="Resumo",
        fields=(Field("Valor", "R$\xa0180,00"),),
        choices=(Choice("rate:1:1", "1 ⭐"), Choice("rate:1:2", "2 ⭐")),
    )
    rendered = render(message)
    assert rendered.parts == (
        "<b>Resumo</b>\nUse <b>Custos</b> &amp; &lt;Estoque&gt;\n<b>Valor:</b> R$\xa0180,00",
    )
    assert rendered.keyboard is not None
    assert [b.callback_data for row in rendered.keyboard.inline_keyboard for b in row] == [
        "rate:1:1",
        "rate:1:2",
    ]


def test_a_single_huge_line_is_cut_without_breaking_entities() -> None:
    parts = split_text(["&amp;" * 5000], limit=4096)
    assert [len(visible_text(p, "HTML")) for p in parts] == [4096, 904]
    assert all(p.endswith(";") for p in parts)
    assert "".join(parts) == "&amp;" * 5000


async def test_the_limit_counts_the_visible_text_not_the_escaped_html(tg: Harness) -> None:
    text = "a<b & c>d " * 399  # 3,990 characters on one line: one message, not two
    await tg.sender.deliver(_delivery(OutboundMessage(text.strip())))
    sent = tg.fake.sent_to(CHAT)
    assert len(sent) == 1
    assert visible_text(sent[0].text, "HTML") == text.strip()


async def test_a_10000_character_message_is_split_with_the_buttons_on_the_last_part(
    tg: Harness,
) -> None:
    text = _long_text()
    message = OutboundMessage(text, choices=(Choice("client_end:1", "Encerrar"),))
    ref = await tg.sender.deliver(_delivery(message))
    sent = tg.fake.sent_to(CHAT)
    assert len(sent) == 3
    assert all(len(visible_text(call.text, "HTML")) <= 4096 for call in sent)
    assert "\n".join(call.text for call in sent).replace("&amp;", "&") == text
    assert [bool(call.buttons()) for call in sent] == [False, False, True]
    assert ref == str(tg.fake.chat_log(CHAT)[-1]["message_id"])


async def test_a_retry_after_a_429_half_way_does_not_repeat_the_parts_already_sent(
    tg: Harness,
) -> None:
    delivery = _delivery(OutboundMessage(_long_text()))
    tg.fake.fail_next("sendMessage", status=429, retry_after=7, after=1)
    with pytest.raises(TransientDeliveryError) as caught:
        await tg.sender.deliver(delivery)
    assert caught.value.retry_after == 7
    ref = await tg.sender.deliver(delivery)
    assert len(tg.fake.calls_of("sendMessage")) == 4  # part 1, the 429, parts 2 and 3
    assert len(tg.fake.chat_log(CHAT)) == 3
    assert ref == str(tg.fake.chat_log(CHAT)[-1]["message_id"])


async def test_429_then_500_during_the_billing_summary_deliver_it_exactly_once(
    tg: Harness,
) -> None:
    session_id, _ = await _in_session(tg)
    tg.world.advance(minutes=45)
    tg.fake.fail_next("sendMessage", status=429, retry_after=30)
    tg.fake.fail_next("sendMessage", status=500)
    await end_session(tg.world.core, session_id, by=BRUNO)
    await tg.deliver()
    tg.world.advance(seconds=31)
    await tg.deliver()
    tg.world.advance(minutes=1)
    await tg.deliver()
    carrying = [c for c in tg.fake.sent_to(CHAT) if "Total: R$\xa0180,00" in c.text]
    shown = [m for m in tg.fake.chat_log(CHAT) if "Total: R$\xa0180,00" in m.get("text", "")]
    assert len(carrying) == 3  # 429, 500, then the delivery
    assert len(shown) == 1
    assert tg.data_starting(CHAT, "rate:")
    async with tg.world.core.db.uow() as uow:
        rows = (await uow.session.exec(select(Outbound).where(Outbound.address == CHAT))).all()
    assert all(row.status == "sent" for row in rows)


async def test_a_blocked_user_is_marked_unreachable_and_not_retried(tg: Harness) -> None:
    _, thread = await _in_session(tg)
    tg.fake.blocked.add(CHAT)
    before = len(tg.fake.sent_to(CHAT))
    await relay_from_staff(tg.world.core, thread, BRUNO, "Ainda está aí?")
    await tg.deliver()
    tg.world.advance(minutes=30)
    await tg.deliver()
    assert len(tg.fake.sent_to(CHAT)) == before + 1
    async with tg.world.core.db.uow() as uow:
        contact = (await uow.session.exec(select(Contact).where(Contact.chat_id == CHAT))).one()
        row = (await uow.session.exec(select(Outbound).where(Outbound.address == CHAT))).all()[-1]
    assert contact.unreachable_since is not None
    assert row.status == "failed"
    assert "blocked" in (row.last_error or "")
    session_id = await _session_of_thread(tg, thread)
    told = [d.message for d in tg.world.slack.to(thread) if "não recebe mais" in d.message.text]
    assert len(told) == 1, "the consultant is told once, in the thread"
    assert "Ana Cliente não recebe mais mensagens" in told[0].text
    assert [c.action for c in told[0].choices] == [f"end:{session_id}"]
    await relay_from_staff(tg.world.core, thread, BRUNO, "Alô?")
    await tg.deliver()
    assert len([d for d in tg.world.slack.to(thread) if "não recebe mais" in d.message.text]) == 1


async def _session_of_thread(tg: Harness, thread: Address) -> int:
    async with tg.world.core.db.uow() as uow:
        session = await session_for_thread(uow, thread)
    assert session is not None and session.id is not None
    return session.id


async def test_a_blocked_user_who_writes_again_is_reachable_again(tg: Harness) -> None:
    _, thread = await _in_session(tg)
    tg.fake.blocked.add(CHAT)
    await relay_from_staff(tg.world.core, thread, BRUNO, "Ainda está aí?")
    await tg.deliver()
    tg.fake.blocked.discard(CHAT)
    await tg.text(CHAT, "Desculpe, voltei.")
    await tg.deliver()
    async with tg.world.core.db.uow() as uow:
        contact = (await uow.session.exec(select(Contact).where(Contact.chat_id == CHAT))).one()
    assert contact.unreachable_since is None
    await relay_from_staff(tg.world.core, thread, BRUNO, "Que bom, continuemos.")
    await tg.deliver()
    assert "Que bom, continuemos." in tg.all_text(CHAT)


async def test_a_hanging_api_is_a_transient_failure(tg: Harness) -> None:
    tg.fake.fail_next("sendMessage", hang=True)
    with pytest.raises(TransientDeliveryError):
        await tg.sender.deliver(_delivery(OutboundMessage("Olá")))
    assert await tg.sender.deliver(_delivery(OutboundMessage("Olá"), outbound_id=2))


async def test_chat_not_found_is_permanent(tg: Harness) -> None:
    tg.fake.fail_next("sendMessage", status=400)
    with pytest.raises(PermanentDeliveryError, match=r"(?i)chat not found"):
        await tg.sender.deliver(_delivery(OutboundMessage("Olá")))


async def test_an_unchanged_edit_counts_as_delivered(tg: Harness) -> None:
    message = OutboundMessage("Posição 2", choices=(Choice("leave:1", "Sair da fila"),))
    ref = await tg.sender.deliver(_delivery(message))
    assert ref is not None
    assert await tg.sender.deliver(_delivery(message, 2, edit_ref=ref)) == ref
    assert len(tg.fake.calls_of("editMessageText")) == 1


async def test_a_handled_429_is_one_line_in_the_log_without_a_trace(
    tg: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    tg.fake.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(TransientDeliveryError):
        await tg.sender.deliver(_delivery(OutboundMessage("Olá")))
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert any("rate limit hit" in r.getMessage() for r in caplog.records)


async def test_a_repeated_button_press_logs_no_trace(
    tg: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await tg.start_linked("4201")
    caplog.set_level(logging.INFO)
    tg.fake.fail_next("answerCallbackQuery", status=400, description="query is too old")
    await tg.press("4201", "menu:help")
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.WARNING]

"""The webhook: Meta's handshake, signatures, repeated deliveries, status callbacks."""

from __future__ import annotations

from sqlmodel import col, func, select

from core.models import Contact, InboundKey, Outbound
from tests.adapters.whatsapp.conftest import VERIFY_TOKEN, WaHarness, fixture

CLIENT = "5548988887777"


async def _count(wa: WaHarness, model: type[Contact] | type[InboundKey] | type[Outbound]) -> int:
    async with wa.world.core.db.read() as uow:
        return int((await uow.session.exec(select(func.count()).select_from(model))).one())


async def test_the_handshake_echoes_the_challenge_with_the_right_verify_token(
    wa: WaHarness,
) -> None:
    query = {
        "hub.mode": "subscribe",
        "hub.verify_token": VERIFY_TOKEN,
        "hub.challenge": "1158201444",
    }
    async with wa.http.get(wa.url, params=query) as response:
        assert response.status == 200
        assert response.content_type == "text/plain"
        assert await response.text() == "1158201444"


async def test_the_handshake_with_a_wrong_token_or_mode_is_forbidden(wa: WaHarness) -> None:
    for mode, token in (("subscribe", "wrong"), ("unsubscribe", VERIFY_TOKEN), ("subscribe", "")):
        query = {"hub.mode": mode, "hub.verify_token": token, "hub.challenge": "42"}
        async with wa.http.get(wa.url, params=query) as response:
            assert response.status == 403
            assert "42" not in await response.text()


async def test_a_missing_or_wrong_signature_is_refused_and_nothing_is_stored(
    wa: WaHarness,
) -> None:
    payload = wa.message(CLIENT, type="text", text={"body": "Olá"})
    assert await wa.post(payload, signed="") == 401
    assert await wa.post(payload, signed="sha256=" + "0" * 64) == 401
    assert await wa.post(payload, signed="sha1=abc") == 401
    assert await _count(wa, Contact) == 0
    assert await _count(wa, InboundKey) == 0
    assert await _count(wa, Outbound) == 0


async def test_a_malformed_signed_body_is_a_bad_request(wa: WaHarness) -> None:
    assert await wa.post({"object": "whatsapp_business_account", "entry": "no"}) == 400
    assert await _count(wa, Contact) == 0


async def test_the_recorded_text_payload_reaches_the_core_and_is_answered(wa: WaHarness) -> None:
    assert await wa.post(fixture("text_message")) == 200
    await wa.deliver()
    sent = wa.fake.sent("16505551234")
    assert sent, "the unlinked client is answered"
    assert "código" in sent[-1].text.lower()


async def test_a_repeated_delivery_acts_once(wa: WaHarness) -> None:
    payload = wa.message(CLIENT, type="text", text={"body": "Olá"})
    assert await wa.post(payload) == 200
    rows = await _count(wa, Outbound)
    assert await wa.post(payload) == 200
    assert await _count(wa, Outbound) == rows
    await wa.deliver()
    assert len(wa.fake.sent(CLIENT)) == rows


async def test_status_callbacks_are_recorded_on_the_outbox_row(wa: WaHarness) -> None:
    await wa.text(CLIENT, "Olá")
    await wa.deliver()
    async with wa.world.core.db.read() as uow:
        row = (await uow.session.exec(select(Outbound).order_by(col(Outbound.id)))).first()
    assert row is not None and row.platform_ref is not None
    wamid = wa.fake.sent(CLIENT)[0].wamid
    assert wamid.startswith("wamid.") and wamid != row.platform_ref, "a keyed hash is stored"
    delivered = fixture("status_delivered")
    status = delivered["entry"][0]["changes"][0]["value"]["statuses"][0]
    status["id"], status["recipient_id"] = wamid, CLIENT
    assert await wa.post(delivered) == 200
    failed = fixture("status_failed")
    status = failed["entry"][0]["changes"][0]["value"]["statuses"][0]
    status["id"], status["recipient_id"] = wamid, CLIENT
    assert await wa.post(failed) == 200
    async with wa.world.core.db.read() as uow:
        stored = await uow.session.get(Outbound, row.id)
    assert stored is not None
    assert stored.payload["whatsapp_status"]["status"] == "failed"
    assert stored.payload["whatsapp_status"]["error"] == 131026
    assert stored.last_error is not None and "131026" in stored.last_error
    async with wa.world.core.db.read() as uow:
        contact = (await uow.session.exec(select(Contact))).one()
    assert contact.unreachable_since is not None, "an undeliverable number: unreachable"


async def test_a_status_of_an_unknown_message_is_accepted_and_ignored(wa: WaHarness) -> None:
    assert await wa.post(fixture("status_delivered")) == 200


async def test_an_oversized_body_is_refused_unread(wa: WaHarness) -> None:
    payload = wa.message(CLIENT, type="text", text={"body": "x" * (1024 * 1024 + 10)})
    assert await wa.post(payload) == 413
    assert await _count(wa, Contact) == 0


async def test_a_change_of_another_business_number_is_skipped(wa: WaHarness) -> None:
    payload = wa.message(CLIENT, type="text", text={"body": "Olá"})
    payload["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = "999"
    assert await wa.post(payload) == 200
    assert await _count(wa, Contact) == 0


async def test_a_message_type_the_bot_cannot_take_gets_a_short_answer(wa: WaHarness) -> None:
    location = {"latitude": -27.59, "longitude": -48.55}
    assert await wa.post(wa.message(CLIENT, type="location", location=location)) == 200
    assert "Não consigo tratar" in wa.fake.sent(CLIENT)[-1].text


async def test_a_repeated_unsupported_message_is_answered_once(wa: WaHarness) -> None:
    sticker = wa.message(CLIENT, type="sticker", sticker={"id": "55", "mime_type": "image/webp"})
    assert await wa.post(sticker) == 200
    assert await wa.post(sticker) == 200
    assert len(wa.fake.sent(CLIENT)) == 1


async def _stored(wa: WaHarness) -> tuple[str, str]:
    """Every inbound key, and every outbox reference and payload, as two texts."""
    async with wa.world.core.db.read() as uow:
        keys = (await uow.session.exec(select(InboundKey))).all()
        rows = (await uow.session.exec(select(Outbound).order_by(col(Outbound.id)))).all()
    return "\n".join(f"{k.source} {k.key}" for k in keys), "\n".join(
        f"{r.platform_ref} {r.payload}" for r in rows
    )


async def test_no_meta_message_id_is_stored_and_dedup_and_statuses_still_work(
    wa: WaHarness,
) -> None:
    payload = wa.message(CLIENT, type="text", text={"body": "Olá"})
    inbound_id = payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    assert await wa.post(payload) == 200
    rows = await _count(wa, Outbound)
    assert await wa.post(payload) == 200, "Meta delivers it again"
    assert await _count(wa, Outbound) == rows, "a repeated delivery is still deduplicated"
    await wa.deliver()
    sent = wa.fake.sent(CLIENT)
    assert len(sent) == rows
    delivered = fixture("status_delivered")
    status = delivered["entry"][0]["changes"][0]["value"]["statuses"][0]
    status["id"], status["recipient_id"] = sent[-1].wamid, CLIENT
    assert await wa.post(delivered) == 200
    async with wa.world.core.db.read() as uow:
        last = (await uow.session.exec(select(Outbound).order_by(col(Outbound.id).desc()))).first()
    assert last is not None and last.payload["whatsapp_status"]["status"] == "delivered"
    keys, outbox = await _stored(wa)
    assert inbound_id not in keys and "wamid" not in keys and CLIENT not in keys
    assert "wamid" not in outbox

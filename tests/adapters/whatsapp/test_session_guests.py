"""A colleague invited into a WhatsApp client's session: the invitation over WhatsApp, the
colleague (another WhatsApp number) joining by sending the code, the relay three ways, leaving."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import quote

from core import intake
from core.outbox import Address
from core.sessions import end_session, relay_from_staff
from tests.adapters.whatsapp.conftest import WaHarness
from tests.scenarios.sessions_helpers import BRUNO, claimed, given_cast, thread_of

CLIENT = "5548988887777"
COLLEAGUE = "5548977776666"
CODE = re.compile(r"Código: \*([A-Z0-9]{10})\*")


async def _in_session(wa: WaHarness) -> int:
    """The client links and queues over WhatsApp, Bruno takes the request: the session id."""
    world, address = wa.world, Address("whatsapp", CLIENT)
    cast = await given_cast(world)
    await wa.text(CLIENT, f"CODIGO {cast.access_code}")
    await intake.begin_consulting(world.core, address)
    question = (await world.outbox(address))[-1]
    request_id = int(question.choices[0].action.split(":")[1])
    await intake.choose_area(
        world.core, address, request_id, world.core.config.areas.index("Custos")
    )
    await intake.handle_text(world.core, address, "Como fechar o custo do mês?")
    await intake.accept_terms(world.core, address, request_id)
    session_id = await claimed(world, request_id, BRUNO)
    await wa.deliver()
    return session_id


async def _as_colleague(wa: WaHarness, text: str) -> None:
    """Dora Colega writes ``text`` from her own WhatsApp number."""
    payload = wa.message(COLLEAGUE, type="text", text={"body": text})
    payload["entry"][0]["changes"][0]["value"]["contacts"][0]["profile"]["name"] = "Dora Colega"
    assert await wa.post(payload) == 200
    await wa.deliver()


def _last(wa: WaHarness, wa_id: str) -> str:
    return wa.fake.sent(wa_id)[-1].text


async def test_a_colleague_joins_by_the_code_over_whatsapp_talks_and_leaves(
    wa: WaHarness,
) -> None:
    session_id = await _in_session(wa)
    thread = await thread_of(wa.world, session_id)
    await wa.press(CLIENT, f"invite:{session_id}")
    await wa.deliver()
    found = CODE.search(wa.all_text(CLIENT))
    assert found is not None, wa.all_text(CLIENT)

    await _as_colleague(wa, f"CODIGO {found.group(1)}")  # the wa.me link's text, with the code
    assert "Você entrou no atendimento de Ana Cliente" in wa.all_text(COLLEAGUE)
    assert "Dora Colega entrou na conversa." in wa.all_text(CLIENT)
    assert "Dora Colega (colega de Ana Cliente) entrou na sessão." in wa.world.slack.texts_to(
        thread
    )

    await _as_colleague(wa, "Sou do estoque.")
    assert "Dora Colega: Sou do estoque." in wa.world.slack.texts_to(thread)
    assert _last(wa, CLIENT) == "Dora Colega: Sou do estoque."
    await relay_from_staff(wa.world.core, thread, BRUNO, "Bem-vinda, Dora.")
    await wa.deliver()
    assert _last(wa, COLLEAGUE) == "Bruno Lima: Bem-vinda, Dora."
    assert _last(wa, CLIENT) == "Bruno Lima: Bem-vinda, Dora."

    await _as_colleague(wa, "/sair")
    assert _last(wa, COLLEAGUE) == "Você saiu do atendimento."
    assert "Dora Colega (colega de Ana Cliente) saiu da sessão." in wa.world.slack.texts_to(thread)
    told = len(wa.fake.sent(COLLEAGUE))
    await end_session(wa.world.core, session_id, by=BRUNO)
    await wa.deliver()
    assert len(wa.fake.sent(COLLEAGUE)) == told, "no longer in it: not told"


async def test_a_guest_over_whatsapp_is_told_at_the_end(wa: WaHarness) -> None:
    session_id = await _in_session(wa)
    await wa.text(CLIENT, "/convidar")
    await wa.deliver()
    found = CODE.search(wa.all_text(CLIENT))
    assert found is not None
    await _as_colleague(wa, found.group(1))
    await _as_colleague(wa, "/convidar")
    assert _last(wa, COLLEAGUE) == "Só quem abriu o atendimento pode convidar colegas."
    await end_session(wa.world.core, session_id, by=BRUNO)
    await wa.deliver()
    assert _last(wa, COLLEAGUE).startswith("O atendimento de Ana Cliente foi encerrado.")


async def test_the_invitation_carries_a_wa_me_link_with_the_code(wa: WaHarness) -> None:
    wa.world.core.config = replace(wa.world.core.config, whatsapp_number="554830001234")
    session_id = await _in_session(wa)
    await wa.press(CLIENT, f"invite:{session_id}")
    await wa.deliver()
    found = CODE.search(wa.all_text(CLIENT))
    assert found is not None, wa.all_text(CLIENT)
    link = "https://wa.me/554830001234?text=" + quote(f"CODIGO {found.group(1)}")
    assert f"Pelo WhatsApp: {link}" in wa.all_text(CLIENT)

    await _as_colleague(wa, f"CODIGO {found.group(1)}")  # what the link puts in the box
    assert "Você entrou no atendimento de Ana Cliente" in wa.all_text(COLLEAGUE)

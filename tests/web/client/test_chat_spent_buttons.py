"""The web chat: a used button leaves its message, which is replaced by the same text with what
was chosen and no buttons (the booking summary, Não tenho código, the company switch)."""

from __future__ import annotations

from typing import Any

from tests.scenario import World
from tests.scenarios.intake_helpers import given_company as given_other_company
from tests.web.client.helpers import (
    choice,
    given_company,
    given_consultant,
    message_id,
    press,
    say,
)
from tests.web.conftest import WebWorld


def _replacement(events: list[dict[str, Any]], ref: str) -> dict[str, Any]:
    """The newest event that replaces message ``ref``."""
    found = [e for e in events if e["replaces"] == ref]
    assert found, f"message {ref} was not replaced: {[e['text'][:60] for e in events]}"
    return found[-1]


async def test_confirmar_is_replaced_by_confirmado_without_buttons(web: WebWorld) -> None:
    company = await given_company(web)
    await given_consultant(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await ana.events(at_least=2)
    await press(ana, "bdays")
    await web.deliver()
    seen = await ana.events()
    for prefix in ("bday:", "bslot:202611231500", "bdur:30", "bmed:0"):
        await press(ana, *choice(seen, prefix))
        await web.deliver()
        seen = await ana.events()
    await say(ana, "+55 11 98765-4321")
    await web.deliver()
    seen = await ana.events()
    confirm, ref = choice(seen, "bok")
    summary = next(e for e in seen if e["ref"] == ref)

    await press(ana, confirm, ref)
    await web.deliver()
    edited = _replacement(await ana.events(), ref)
    assert edited["choices"] == []
    assert edited["text"] == f"{summary['text']}\n\n✅ Confirmado"

    answer = await press(ana, confirm, ref)  # an old copy of the page pressed again
    assert answer["stale"] is True and answer["notice"].count("expirou") == 1, answer


async def test_nao_tenho_codigo_and_the_switch_question_show_the_choice(web: WebWorld) -> None:
    company = await given_company(web)
    ana = await web.browser()
    await ana.post("/chat/start", {"message_id": message_id()})
    await web.deliver()
    no_code, ref = choice(await ana.events(), "nocode")
    await press(ana, no_code, ref)
    await web.deliver()
    edited = _replacement(await ana.events(), ref)
    assert edited["choices"] == []
    assert edited["text"].endswith("✔️ Você escolheu: Não tenho código")

    beto = await web.browser()
    await beto.post("/chat/start", {"code": company.access_code, "message_id": message_id()})
    await web.deliver()
    await beto.events(at_least=2)
    other = await given_other_company(World(web.core, web.clock), name="Padaria Central")
    await say(beto, f"/start {other.access_code}")
    await web.deliver()
    switch, ref = choice(await beto.events(), "switch_ok:")
    await press(beto, switch, ref)
    await web.deliver()
    edited = _replacement(await beto.events(at_least=2), ref)
    assert edited["choices"] == []
    assert edited["text"].endswith("✔️ Você escolheu: Trocar para Padaria Central")

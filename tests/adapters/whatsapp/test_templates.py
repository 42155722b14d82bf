"""Templates outside the 24-hour window as the Cloud API takes them: the opening notice's choices
as quick-reply buttons whose payload comes back as the client's press, and the fake Graph API
refusing a template whose components do not match what was approved."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from adapters.whatsapp.graph import GraphClient, GraphError
from core.models import Outbound, OutboundStatus, Request, RequestStatus
from core.outbox import Address, Choice, OutboundMessage, send
from tests.adapters.whatsapp.conftest import WaHarness, config_for, fixture
from tests.fakes.whatsapp_server import FakeGraph
from tests.scenarios.sessions_helpers import given_cast, queued

CLIENT = "5548988887777"
TO = Address("whatsapp", CLIENT)


def _with(wa: WaHarness, **names: str) -> None:
    templates = replace(wa.sender.config.templates, **names)
    wa.sender.config = replace(wa.sender.config, templates=templates)


async def _closing_notice(wa: WaHarness, request_id: int) -> int:
    """The closing notice (it offers to keep the place), written by the core's shape."""
    choices = (
        Choice(f"keep:{request_id}", "Manter meu lugar"),
        Choice(f"tobook:{request_id}", "Agendar horário"),
        Choice(f"leave:{request_id}", "Sair da fila"),
    )
    async with wa.world.core.db.uow() as uow:
        row = await send(uow, wa.world.clock, TO, OutboundMessage("Encerramos por hoje.", choices))
        await uow.commit()
    assert row.id is not None
    return row.id


def _quick_reply(wa: WaHarness, payload: str) -> dict[str, Any]:
    """The client presses a template's quick-reply button (Meta's documented ``button`` type)."""
    recorded = copy.deepcopy(fixture("template_quick_reply"))
    message = recorded["entry"][0]["changes"][0]["value"]["messages"][0]
    built = wa.message(CLIENT, type="button", button={**message["button"], "payload": payload})
    built["entry"][0]["changes"][0]["value"]["messages"][0]["context"] = message["context"]
    return built


async def test_the_opening_template_carries_the_choices_and_a_press_reaches_the_core(
    wa: WaHarness,
) -> None:
    cast = await given_cast(wa.world)
    await wa.text(CLIENT, f"CODIGO {cast.access_code}")
    request_id = await queued(wa.world, cast, TO)
    await wa.deliver()
    _with(wa, opening="consultoria_abertura")
    wa.world.clock.advance(timedelta(hours=25))
    await _closing_notice(wa, request_id)
    await wa.deliver()
    sent = wa.fake.sent(CLIENT)[-1]
    assert sent.kind == "template" and sent.wamid, "the fake took the shape"
    components = sent.body["template"]["components"]
    assert [c["type"] for c in components] == ["body", "button", "button", "button"]
    buttons = [(c["sub_type"], c["index"], c["parameters"][0]["payload"]) for c in components[1:]]
    assert buttons == [
        ("quick_reply", "0", f"keep:{request_id}"),
        ("quick_reply", "1", f"tobook:{request_id}"),
        ("quick_reply", "2", f"leave:{request_id}"),
    ]
    assert await wa.post(_quick_reply(wa, f"leave:{request_id}")) == 200
    async with wa.world.core.db.read() as uow:
        request = await uow.session.get(Request, request_id)
    assert request is not None and request.status == RequestStatus.LEFT


async def test_a_template_that_does_not_match_the_approved_one_is_refused(wa: WaHarness) -> None:
    cast = await given_cast(wa.world)
    await wa.text(CLIENT, f"CODIGO {cast.access_code}")
    request_id = await queued(wa.world, cast, TO)
    await wa.deliver()
    _with(wa, opening="consultoria_lembrete")  # approved without buttons
    wa.world.clock.advance(timedelta(hours=25))
    row_id = await _closing_notice(wa, request_id)
    await wa.deliver()
    async with wa.world.core.db.read() as uow:
        row = await uow.session.get(Outbound, row_id)
    assert row is not None and row.status == OutboundStatus.FAILED
    assert "132000" in (row.last_error or "")


@pytest.fixture
async def graph(fake_graph: FakeGraph) -> Any:
    client = GraphClient(config_for(fake_graph))
    try:
        yield client
    finally:
        await client.close()


def _template(name: str, *components: dict[str, Any]) -> dict[str, Any]:
    template = {"name": name, "language": {"code": "pt_BR"}, "components": list(components)}
    return {"to": CLIENT, "type": "template", "template": template}


BODY = {"type": "body", "parameters": [{"type": "text", "text": "Seu agendamento mudou."}]}


def _header(document: dict[str, str]) -> dict[str, Any]:
    return {"type": "header", "parameters": [{"type": "document", "document": document}]}


def _button(index: str, payload: str, sub_type: str = "quick_reply") -> dict[str, Any]:
    parameters = [{"type": "payload", "payload": payload}]
    return {"type": "button", "sub_type": sub_type, "index": index, "parameters": parameters}


async def test_the_fake_checks_the_documented_template_shape(
    graph: GraphClient, fake_graph: FakeGraph
) -> None:
    media_id = await graph.upload(b"BEGIN:VCALENDAR", "convite.ics", "text/plain")
    document = {"id": media_id, "filename": "convite.ics"}
    assert await graph.send(_template("consultoria_agendamento", _header(document), BODY))
    link = {"link": "https://example.com.br/convite.ics", "filename": "convite.ics"}
    assert await graph.send(_template("consultoria_agendamento", _header(link), BODY))
    buttons = [_button(str(i), f"keep:{i}") for i in range(3)]
    assert await graph.send(_template("consultoria_abertura", BODY, *buttons))

    refused = {
        132001: _template("nao_aprovado", BODY),
        132000: _template("consultoria_agendamento", BODY),  # its document header missing
    }
    unknown = _header({"id": "999", "filename": "x.ics"})
    line_break = {"type": "body", "parameters": [{"type": "text", "text": "a\nb"}]}
    malformed = {
        131009: _template("consultoria_agendamento", unknown, BODY),
        132018: _template("consultoria_lembrete", line_break),
    }
    twice = [_button("0", "a"), _button("0", "b"), _button("2", "c")]
    for code, payload in {**refused, **malformed}.items():
        with pytest.raises(GraphError) as error:
            await graph.send(payload)
        assert error.value.code == code, payload
    for bad in (
        [_button("0", "a"), _button("1", "b")],  # two of the three buttons
        twice,
        [_button("0", "a"), _button("1", "b"), _button("2", "c", sub_type="url")],
        [_button("0", ""), _button("1", "b"), _button("2", "c")],
    ):
        with pytest.raises(GraphError) as error:
            await graph.send(_template("consultoria_abertura", BODY, *bad))
        assert error.value.code in (131009, 132000)

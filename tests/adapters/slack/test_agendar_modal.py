"""``/agendar`` alone: the modal, its type-ahead menus, and submissions (errors in the modal)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from adapters.slack.agendar import modal
from core.booking import list_bookings
from tests.adapters.slack.agendar_helpers import select, stored, suggest
from tests.adapters.slack.harness import SlackHarness
from tests.fakes import slack_signing as signing
from tests.scenarios.booking_helpers import (
    BRUNO,
    CLIENT,
    OUTSIDER,
    SECRETARY,
    TUESDAY,
    Cast,
    at,
    given_cast,
)


def form(cast: Cast, changes: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """A filled booking modal's state: Tuesday 14:00, 60 min, TeamViewer, Bruno."""
    values: dict[str, Any] = {
        modal.COMPANY: select(str(cast.company_id)),
        modal.CONTACT: select(str(cast.contact_id)),
        modal.AREA: select("Custos"),
        modal.DATE: {"type": "datepicker", "selected_date": "2026-11-24"},
        modal.TIME: {"type": "timepicker", "selected_time": "14:00"},
        modal.DURATION: select("60"),
        modal.MEDIUM: select("TeamViewer"),
        modal.CONSULTANT: select(str(cast.bruno_id)),
        modal.NOTES: {"type": "plain_text_input", "value": "Fechamento de custos"},
        modal.ALTERNATIVE: {"type": "checkboxes", "selected_options": []},
    }
    values.update(changes or {})
    return {block: {block: value} for block, value in values.items()}


def submission(
    cast: Cast, changes: dict[str, Any] | None = None, *, user: str = SECRETARY
) -> dict[str, Any]:
    """The booking modal submitted by ``user``."""
    return signing.view_submission(
        modal.BOOKING_VIEW,
        form(cast, changes),
        user_id=user,
        private_metadata=json.dumps({"channel": "C_GENERAL"}),
    )


async def test_agendar_alone_opens_the_modal_with_every_field(slack: SlackHarness) -> None:
    await given_cast(slack.world)
    assert await slack.command("/agendar", "", SECRETARY) == 200
    (opened,) = slack.fake.calls_to("views.open")
    assert str(opened.args["trigger_id"]).startswith("trigger.")
    view = opened.json_arg("view")
    assert view["callback_id"] == modal.BOOKING_VIEW
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert list(blocks) == [
        modal.COMPANY,
        modal.CONTACT,
        modal.AREA,
        modal.DATE,
        modal.TIME,
        modal.DURATION,
        modal.MEDIUM,
        modal.CONNECTION,
        modal.CONSULTANT,
        modal.NOTES,
        modal.ALTERNATIVE,
    ]
    assert blocks[modal.COMPANY]["element"]["type"] == "external_select"
    assert blocks[modal.DATE]["element"]["initial_date"] == "2026-11-23"
    assert blocks[modal.TIME]["element"]["type"] == "timepicker"
    media = [o["value"] for o in blocks[modal.MEDIUM]["element"]["options"]]
    assert media == ["Telefone", "TeamViewer", "Terminal Service com acesso remoto", "Outro"]
    consultants = [o["text"]["text"] for o in blocks[modal.CONSULTANT]["element"]["options"]]
    assert any("Bruno Consultor" in c for c in consultants)
    assert "Horário alternativo acordado" in json.dumps(
        blocks[modal.ALTERNATIVE], ensure_ascii=False
    )
    assert slack.fake.responses == []


async def test_an_outsider_gets_no_modal_but_a_refusal(slack: SlackHarness) -> None:
    await given_cast(slack.world)
    assert await slack.command("/agendar", "", OUTSIDER) == 200
    assert slack.fake.calls_to("views.open") == []
    assert "Somente secretárias" in slack.fake.responses[-1]["text"]


async def test_company_and_contact_menus_search_as_you_type(slack: SlackHarness) -> None:
    cast = await given_cast(slack.world)
    found = await suggest(slack, modal.COMPANY, "metal", SECRETARY)
    assert [o["value"] for o in found] == [str(cast.company_id)]
    assert found[0]["text"]["text"].startswith("Metalúrgica Exemplo (#")
    everyone = await suggest(slack, modal.COMPANY, "", SECRETARY)
    assert len(everyone) == 2
    assert await suggest(slack, modal.COMPANY, "metal", OUTSIDER) == []
    view = {"id": "V1", "state": {"values": form(cast)}}
    contacts = await suggest(slack, modal.CONTACT, "", SECRETARY, view)
    assert [(o["value"], o["text"]["text"]) for o in contacts] == [
        (str(cast.contact_id), "Ana Cliente")
    ]
    assert await suggest(slack, modal.CONTACT, "", SECRETARY) == []


FIELD_REFUSALS = [
    pytest.param(
        {
            modal.DATE: {"selected_date": "2026-11-23"},
            modal.TIME: {"type": "timepicker", "selected_time": "09:00"},
        },
        modal.TIME,
        "já passou",
        id="past time",
    ),
    pytest.param(
        {modal.DATE: {"selected_date": "2026-12-25"}},
        modal.DATE,
        "Não há atendimento em 25/12/2026: Natal",
        id="holiday",
    ),
    pytest.param(
        {modal.TIME: {"selected_time": "12:30"}},
        modal.TIME,
        "fora do horário de atendimento",
        id="lunch break",
    ),
    pytest.param(
        {modal.AREA: select("Financeiro")},
        modal.CONSULTANT,
        "Bruno Consultor não atende a área Financeiro",
        id="area the consultant does not serve",
    ),
    pytest.param(
        {modal.DURATION: select("45")}, modal.DURATION, "Duração inválida: 45 min", id="45 min"
    ),
    pytest.param(
        {modal.CONTACT: select("999")},
        modal.CONTACT,
        "Contato 999 não encontrado",
        id="unknown contact",
    ),
]


@pytest.mark.parametrize(("change", "field", "reason"), FIELD_REFUSALS)
async def test_a_refusal_lands_on_its_own_field(
    slack: SlackHarness, change: dict[str, Any], field: str, reason: str
) -> None:
    cast = await given_cast(slack.world)
    status, answer = await slack.submit(submission(cast, change))
    assert status == 200
    assert answer.get("response_action") == "errors", field
    assert list(answer["errors"]) == [field]
    assert reason in answer["errors"][field]
    assert await stored(slack) == []


async def test_a_non_secretary_submission_is_refused_in_the_modal(slack: SlackHarness) -> None:
    cast = await given_cast(slack.world)
    _, answer = await slack.submit(submission(cast, user=OUTSIDER))
    assert "Somente secretárias" in answer["errors"][modal.COMPANY]
    assert await stored(slack) == []


async def test_a_valid_submission_books_closes_and_confirms(slack: SlackHarness) -> None:
    cast = await given_cast(slack.world)
    alternative = {"selected_options": [{"value": "yes"}]}
    late = {"selected_time": "18:30"}
    status, answer = await slack.submit(
        submission(cast, {modal.ALTERNATIVE: alternative, modal.TIME: late})
    )
    assert (status, answer) == (200, {})
    core = slack.world.core
    async with core.db.uow() as uow:
        (view,) = await list_bookings(uow, core)
    booking = view.booking
    assert booking.starts_at == at(TUESDAY, "18:30") and booking.alternative_hours
    assert (booking.medium, booking.area, booking.notes) == (
        "TeamViewer",
        "Custos",
        "Fechamento de custos",
    )
    assert booking.consultant_id == cast.bruno_id and booking.contact_id == cast.contact_id
    (confirmation,) = slack.ephemerals(SECRETARY)
    assert confirmation.args["channel"] == "C_GENERAL"
    assert "Agendado: nº 1 · 24/11/2026 18:30–19:30" in confirmation.args["text"]
    assert await slack.world.outbox(CLIENT)
    await slack.deliver()
    assert slack.fake.posted(BRUNO)

"""The session's medium from Slack: the thread's *Meio de atendimento* button and its modal, and
``/agendar`` with a phone, TeamViewer ID or host (by text and in the modal), refused when bad."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from adapters.slack.agendar import modal
from adapters.slack.agendar.commands import BookText
from adapters.slack.agendar.parse import parse_command
from core.booking import list_bookings
from tests.adapters.slack.agendar_helpers import agendar, select, stored
from tests.adapters.slack.harness import SlackHarness, button_values
from tests.adapters.slack.session_setup import Opened, open_session
from tests.fakes import slack_signing as signing
from tests.scenarios import booking_helpers as booked
from tests.scenarios.sessions_helpers import ANA, BRUNO, stored_session


def _submission(opened: Opened, medium: str, detail: str | None) -> dict[str, Any]:
    values: dict[str, Any] = {"medium": {"medium": {"selected_option": {"value": medium}}}}
    values["detail"] = {"detail": {"type": "plain_text_input", "value": detail}}
    return signing.view_submission(
        "session_medium", values, user_id=BRUNO, private_metadata=str(opened.session_id)
    )


def _thread(slack: SlackHarness, opened: Opened) -> list[str]:
    posted = slack.fake.posted("C_REQUESTS", thread=opened.thread_ts)
    return [str(c.args.get("text")) for c in posted]


async def test_the_thread_button_opens_the_medium_modal_and_a_change_is_posted_and_told(
    slack: SlackHarness,
) -> None:
    opened = await open_session(slack)
    started = next(
        c for c in slack.fake.posted("C_REQUESTS", thread=opened.thread_ts) if button_values(c)
    )
    assert f"medium:{opened.session_id}" in button_values(started)
    assert "Meio: Chat" in str(started.args.get("text"))

    status = await slack.click(
        f"medium:{opened.session_id}",
        BRUNO,
        channel="C_REQUESTS",
        message_ts="1700000000.999999",
        thread_ts=opened.thread_ts,
    )
    assert status == 200
    (call,) = slack.fake.calls_to("views.open")
    view = call.json_arg("view")
    assert view["callback_id"] == "session_medium"
    assert view["blocks"][0]["element"]["initial_option"]["value"] == "Chat"

    status, answer = await slack.submit(_submission(opened, "Telefone", "(11) 9876"))
    assert status == 200 and answer.get("response_action") == "errors"
    assert "não é um telefone válido" in answer["errors"]["detail"]
    assert (await stored_session(slack.world, opened.session_id)).medium == "Chat"

    status, answer = await slack.submit(_submission(opened, "Telefone", "(11) 98765-4321"))
    assert (status, answer) == (200, {})
    session = await stored_session(slack.world, opened.session_id)
    assert (session.medium, session.connection_detail) == ("Telefone", "+5511987654321")
    await slack.deliver()
    assert f"Meio de atendimento alterado por <@{BRUNO}>: Telefone — (11) 98765-4321." in (
        _thread(slack, opened)
    )
    assert any(
        "O atendimento agora é por Telefone — (11) 98765-4321." in text
        for text in slack.world.telegram.texts_to(ANA)
    )


async def test_a_secretary_books_by_text_with_the_clients_phone(slack: SlackHarness) -> None:
    await booked.given_cast(slack.world)
    answer = await agendar(slack, "Metalúrgica 24/11 14:00 60 telefone (11) 98765-4321", "U0SECRET")
    assert "Agendado" in answer and "Telefone — (11) 98765-4321" in answer
    core = slack.world.core
    async with core.db.uow() as uow:
        (view,) = await list_bookings(uow, core)
    assert (view.booking.medium, view.booking.connection_detail) == ("Telefone", "+5511987654321")
    notices = [m.text for m in await slack.world.outbox(booked.BRUNO_DM)]
    notices += [m.text for m in await slack.world.outbox(booked.CARLA_DM)]
    assert any("Meio: Telefone — (11) 98765-4321" in text for text in notices)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Metalúrgica 24/11 14:00 telefone (00) 1234-5678", "não é um telefone válido"),
        ("Metalúrgica 24/11 14:00 tv 12345678", "não é um ID do TeamViewer válido"),
        ("Metalúrgica 24/11 14:00 ts servidor..empresa", "não é um servidor válido"),
    ],
)
async def test_a_bad_connection_detail_in_agendar_books_nothing(
    slack: SlackHarness, text: str, reason: str
) -> None:
    await booked.given_cast(slack.world)
    answer = await agendar(slack, text, "U0SECRET")
    assert reason in answer and "Agendado" not in answer
    assert await stored(slack) == []


async def test_the_agendar_modal_takes_a_teamviewer_id_and_refuses_a_bad_one_on_its_field(
    slack: SlackHarness,
) -> None:
    cast = await booked.given_cast(slack.world)

    def submission(detail: str) -> dict[str, Any]:
        values: dict[str, Any] = {
            modal.COMPANY: select(str(cast.company_id)),
            modal.CONTACT: select(str(cast.contact_id)),
            modal.DATE: {"type": "datepicker", "selected_date": "2026-11-24"},
            modal.TIME: {"type": "timepicker", "selected_time": "14:00"},
            modal.DURATION: select("60"),
            modal.MEDIUM: select("TeamViewer"),
            modal.CONNECTION: {"type": "plain_text_input", "value": detail},
        }
        return signing.view_submission(
            modal.BOOKING_VIEW,
            {block: {block: value} for block, value in values.items()},
            user_id="U0SECRET",
            private_metadata=json.dumps({"channel": "C_GENERAL"}),
        )

    status, answer = await slack.submit(submission("abc"))
    assert status == 200 and list(answer["errors"]) == [modal.CONNECTION]
    assert "não é um ID do TeamViewer válido" in answer["errors"][modal.CONNECTION]
    assert await stored(slack) == []
    assert await slack.submit(submission("123 456 789")) == (200, {})
    core = slack.world.core
    async with core.db.uow() as uow:
        (view,) = await list_bookings(uow, core)
    assert view.booking.connection_detail == "123456789"


@pytest.mark.parametrize(
    ("typed", "medium", "detail", "minutes"),
    [
        ("telefone (11) 98765-4321 30", "Telefone", "(11) 98765-4321", 30),
        ("tv 123 456 789 90", "TeamViewer", "123 456 789", 90),
        (
            'ts "srv01.empresa.local:3389" 60',
            "Terminal Service com acesso remoto",
            "srv01.empresa.local:3389",
            60,
        ),
        ("ts 10.0.0.5 @bruno", "Terminal Service com acesso remoto", "10.0.0.5", None),
        ("telefone 60", "Telefone", None, 60),
    ],
)
def test_the_connection_detail_follows_its_medium_in_the_agendar_text(
    typed: str, medium: str, detail: str | None, minutes: int | None
) -> None:
    command = parse_command(f"Metalúrgica 24/11 14:00 {typed}", today=date(2026, 11, 23))
    assert isinstance(command, BookText)
    assert command.medium == medium
    assert command.connection_detail == detail
    assert command.duration == (timedelta(minutes=minutes) if minutes else None)

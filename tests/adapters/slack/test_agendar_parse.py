"""The ``/agendar`` text forms, parsed without Slack or a database."""

from __future__ import annotations

import string
from datetime import date, time, timedelta

import pytest

from adapters.slack.agendar.commands import (
    BookText,
    CancelBooking,
    ListDay,
    MoveBooking,
    OpenModal,
    ShowHelp,
)
from adapters.slack.agendar.parse import parse_command
from adapters.slack.agendar.words import ConsultantRef
from core.errors import InvalidInput
from core.messages import slack_agendar

TODAY = date(2026, 11, 23)
AREAS = ("Custos", "Estoque", "Contas a Pagar")


def parse(text: str) -> object:
    return parse_command(text, today=TODAY, areas=AREAS)


def test_empty_text_opens_the_modal_and_ajuda_shows_help() -> None:
    assert parse("") == OpenModal()
    assert parse("   ") == OpenModal()
    assert parse("ajuda") == ShowHelp()
    assert parse("AJUDA") == ShowHelp()


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("30", 30), ("60", 60), ("1h", 60), ("1h30", 90), ("90min", 90), ("2h", 120), ("1:30", 90)],
)
def test_durations(typed: str, minutes: int) -> None:
    command = parse(f"Metalúrgica 24/11 14:00 {typed}")
    assert isinstance(command, BookText)
    assert command.duration == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("typed", "medium"),
    [
        ("telefone", "Telefone"),
        ("TEL", "Telefone"),
        ("TeamViewer", "TeamViewer"),
        ("tv", "TeamViewer"),
        ("Terminal Service", "Terminal Service com acesso remoto"),
        ('"terminal service"', "Terminal Service com acesso remoto"),
        ("ts", "Terminal Service com acesso remoto"),
        ("outro", "Outro"),
    ],
)
def test_media_in_any_case_and_short_forms(typed: str, medium: str) -> None:
    command = parse(f"Metalúrgica 24/11 14:00 60 {typed}")
    assert isinstance(command, BookText) and command.medium == medium


def test_company_forms_quoted_unquoted_cnpj_and_id() -> None:
    quoted = parse("“Metalúrgica X” amanhã 14h30")
    assert quoted == BookText("Metalúrgica X", date(2026, 11, 24), time(14, 30))
    words = parse("Metalúrgica Irmãos Souza 24/11/2026 9:00")
    assert isinstance(words, BookText) and words.company == "Metalúrgica Irmãos Souza"
    cnpj = parse("11.222.333/0001-81 24/11 14:00")
    assert isinstance(cnpj, BookText) and cnpj.company == "11.222.333/0001-81"
    by_id = parse("#12 24/11 14:00")
    assert isinstance(by_id, BookText) and by_id.company == "#12"
    escaped = parse("A&amp;B 24/11 14:00")
    assert isinstance(escaped, BookText) and escaped.company == "A&B"


def test_consultant_area_and_alternative_in_any_order() -> None:
    command = parse("Metalúrgica 24/11 19:00 alternativo <@U0BRUNO|bruno> contas a pagar tv 1h")
    assert command == BookText(
        "Metalúrgica",
        date(2026, 11, 24),
        time(19, 0),
        duration=timedelta(hours=1),
        medium="TeamViewer",
        area="Contas a Pagar",
        consultant=ConsultantRef(slack_user_id="U0BRUNO"),
        alternative=True,
    )
    plain = parse("Metalúrgica 24/11 14:00 @bruno")
    assert isinstance(plain, BookText) and plain.consultant == ConsultantRef(name="bruno")
    bare = parse("Metalúrgica 24/11 14:00 <@W0CARLA>")
    assert isinstance(bare, BookText) and bare.consultant == ConsultantRef(slack_user_id="W0CARLA")


def test_list_cancel_and_move_forms() -> None:
    assert parse("lista") == ListDay(TODAY)
    assert parse("lista amanha") == ListDay(date(2026, 11, 24))
    assert parse("lista 1/12") == ListDay(date(2026, 12, 1))
    assert parse("cancelar #12") == CancelBooking(12)
    assert parse("cancelar 12 cliente pediu") == CancelBooking(12, "cliente pediu")
    assert parse("remarcar nº7 25/11 15h") == MoveBooking(7, date(2026, 11, 25), time(15, 0))
    moved = parse("remarcar 7 25/11 19:00 alternativo")
    assert moved == MoveBooking(7, date(2026, 11, 25), time(19, 0), True)


def test_a_refusal_names_the_wrong_word() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse("Metalúrgica 24/11 14:00 pombo")
    assert refused.value.key == "agendar.not_medium_nor_area"
    assert refused.value.params["value"] == "pombo"
    assert "Custos" in refused.value.params["areas"]
    with pytest.raises(InvalidInput) as after_medium:
        parse("Metalúrgica 24/11 14:00 tv pombo")
    assert after_medium.value.key == "agendar.not_an_area"
    with pytest.raises(InvalidInput) as long_word:
        parse("Metalúrgica 24/11 14:00 " + "p" * 500)
    assert len(long_word.value.params["value"]) == 60
    assert long_word.value.params["value"].endswith("…")


def test_the_catalogue_has_both_languages_with_the_same_placeholders() -> None:
    assert slack_agendar.PT_BR.keys() == slack_agendar.EN.keys()
    assert all(key.startswith("agendar.") for key in slack_agendar.PT_BR)
    for key, text in slack_agendar.PT_BR.items():
        names = {f[1] for f in string.Formatter().parse(text) if f[1]}
        english = {f[1] for f in string.Formatter().parse(slack_agendar.EN[key]) if f[1]}
        assert names == english, key

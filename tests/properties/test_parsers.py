"""The pure parsers refuse bad text only with their documented errors, and read back what the
bot itself writes: client action ids, ``/agendar`` text, opening hours, settings lists, money."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.slack.agendar.commands import BookText, OpenModal
from adapters.slack.agendar.parse import parse_command
from bot.settings import parse_areas, parse_offsets
from core.billing import MAX_CENTS, format_brl, parse_money
from core.client import ROUTES, MalformedAction, parse_action
from core.clock import ManualClock
from core.db import Database
from core.errors import InvalidInput
from core.hours import DAY_NAMES, parse_closed_days, parse_weekly_schedule
from core.outbox import Address
from core.product_lines import parse_lines
from tests.properties.support import (
    examples,
    huge_ints,
    mangled_ids,
    nasty_text,
    surrogate_text,
)
from tests.scenario import World

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
TODAY = date(2026, 11, 23)
CLIENT = Address("web", "c:properties")
AREAS = ("Manufatura", "Custos", "Estoque")


@pytest.fixture(scope="module")
def world() -> World:
    """A core whose database is never opened (parse_action reads only the clock and config)."""
    clock = ManualClock(datetime(2026, 11, 23, 10, 0, tzinfo=SAO_PAULO))
    return World.build(Database("sqlite:///unused-properties.db"), clock)


# -- client action ids ---------------------------------------------------------------------------


@examples(400)
@given(action=st.one_of(nasty_text, mangled_ids(tuple(ROUTES))))
def test_an_action_id_is_parsed_or_malformed(world: World, action: str) -> None:
    try:
        route, click = parse_action(world.core, CLIENT, action, inbound=("web", "k"))
    except MalformedAction:
        return
    assert len(click.values) == len(route.shape)
    for value in click.values:
        if isinstance(value, int):
            assert 0 <= value < 2**31, "ids and indexes are bounded before any query"


@examples(100)
@given(action=surrogate_text, verb=st.sampled_from(sorted(ROUTES)))
def test_an_action_id_with_a_lone_surrogate_is_malformed(
    world: World, action: str, verb: str
) -> None:
    """Found by the action-ids fuzz target: ``action.encode()`` raised UnicodeEncodeError."""
    for text in (action, f"{verb}:{action}", f"{action}{verb}:1"):
        with pytest.raises(MalformedAction):
            parse_action(world.core, CLIENT, text, inbound=("web", "k"))


@examples(200)
@given(verb=st.sampled_from(sorted(v for v, r in ROUTES.items() if r.shape)), number=huge_ints)
def test_an_out_of_range_number_is_malformed(world: World, verb: str, number: int) -> None:
    shape = ROUTES[verb].shape
    action = ":".join([verb, *[str(number)] * len(shape)])
    try:
        _, click = parse_action(world.core, CLIENT, action, inbound=("web", "k"))
    except MalformedAction:
        return
    assert all(not isinstance(v, int) or 0 <= v <= 2**31 - 1 for v in click.values)


# -- /agendar ------------------------------------------------------------------------------------


@examples(400)
@given(text=st.one_of(nasty_text, st.lists(nasty_text, max_size=8).map(" ".join)))
def test_agendar_text_is_a_command_or_invalid_input(text: str) -> None:
    try:
        command = parse_command(text, today=TODAY, areas=AREAS)
    except InvalidInput as error:
        refusal = error
    else:
        if not text.split():
            assert isinstance(command, OpenModal)
        return
    assert refusal.key.startswith(("agendar.", "error.")), refusal.key
    refusal.render("pt-BR")  # the refusal renders: no missing placeholder
    refusal.render("en")


@examples(200)
@given(
    company=st.from_regex(r"[A-Za-zÀ-ú]{2,12}", fullmatch=True),
    day=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
)
def test_agendar_reads_back_a_valid_booking(
    company: str, day: date, hour: int, minute: int
) -> None:
    words = {"lista", "listar", "list", "cancelar", "cancel", "remarcar", "mover", "move"}
    if company.casefold() in words | {"reschedule", "ajuda", "help", "hoje", "today", "amanha"}:
        return
    text = f'"{company}" {day:%d/%m/%Y} {hour:02d}:{minute:02d}'
    command = parse_command(text, today=TODAY, areas=AREAS)
    assert isinstance(command, BookText)
    assert (command.company, command.day) == (company, day)
    assert (command.at.hour, command.at.minute) == (hour, minute)


# -- opening hours and other settings lists ----------------------------------------------------

schedule_words = st.sampled_from(
    [
        *DAY_NAMES,
        "seg",
        "sáb",
        "mon-fri",
        "sat",
        ";",
        ",",
        "-",
        "08:00-12:00",
        "13:30-18:00",
        "24:00",
        "7h-9h",
        "00:00-23:59",
        "12:00-08:00",
        " ",
    ]
)


@examples(400)
@given(text=st.one_of(nasty_text, st.lists(schedule_words, max_size=10).map(" ".join)))
def test_opening_hours_parse_or_value_error(text: str) -> None:
    try:
        schedule = parse_weekly_schedule(text)
    except ValueError as error:
        problem = str(error)
    else:
        problem = ""
    if problem:
        assert "expected days and intervals" in problem
        return
    for day, intervals in schedule.items():
        assert 0 <= day <= 6
        for start, end in intervals:
            assert start < end


@examples(300)
@given(
    text=nasty_text,
    parser=st.sampled_from([parse_closed_days, parse_areas, parse_offsets, parse_lines]),
)
def test_settings_lists_parse_or_value_error(text: str, parser: Callable[[str], object]) -> None:
    with contextlib.suppress(ValueError):
        parser(text)


# -- money ---------------------------------------------------------------------------------------


@examples(400)
@given(text=st.one_of(nasty_text, st.from_regex(r"R?\$? ?[0-9.,]{1,30}", fullmatch=True)))
def test_money_parses_to_positive_cents_or_invalid_input(text: str) -> None:
    try:
        cents = parse_money(text)
    except InvalidInput as error:
        key = error.key
    else:
        assert cents > 0
        return
    assert key.startswith("billing."), key


@examples(300)
@given(
    cents=st.integers(min_value=1, max_value=MAX_CENTS), language=st.sampled_from(["pt-BR", "en"])
)
def test_money_reads_back_what_it_shows(cents: int, language: str) -> None:
    if language == "pt-BR":
        assert parse_money(format_brl(cents)) == cents
    else:
        shown = format_brl(cents, "en").replace(",", "")  # R$1234.56
        assert parse_money(shown) == cents


@examples(100)
@given(cents=st.integers(min_value=MAX_CENTS + 1, max_value=10**40))
def test_money_beyond_a_column_is_refused(cents: int) -> None:
    """Found by the money fuzz target: 30 digits parsed, then ``format_brl`` raised
    ``decimal.InvalidOperation`` (babel's 28-digit precision)."""
    text = f"{cents // 100},{cents % 100:02d}"
    with pytest.raises(InvalidInput) as refused:
        parse_money(text)
    assert refused.value.key == "billing.invalid_money"

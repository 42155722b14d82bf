"""``consultoria hours DATE``: the open intervals of a day, or why it is closed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def default_hours(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SPEC's opening hours in pt-BR, whatever the developer's environment says."""
    monkeypatch.setenv("CONSULTORIA_LANGUAGE", "pt-BR")
    monkeypatch.setenv("CONSULTORIA_OPENING_HOURS", "mon-fri 08:00-12:00 13:30-18:00")
    monkeypatch.setenv("CONSULTORIA_HOLIDAY_STATE", "")
    monkeypatch.setenv("CONSULTORIA_EXTRA_CLOSED_DAYS", "")


def test_christmas_is_closed_with_the_holiday_name() -> None:
    result = runner.invoke(app, ["hours", "25/12/2026"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "25/12/2026: fechado — Natal"


def test_a_working_day_lists_both_intervals() -> None:
    result = runner.invoke(app, ["hours", "27/11/2026"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "27/11/2026 (sexta-feira): 08:00–12:00, 13:30–18:00"


def test_slots_of_an_hour_never_straddle_lunch() -> None:
    result = runner.invoke(app, ["hours", "27/11/2026", "--slots", "60"])
    assert result.exit_code == 0, result.output
    slots_line = result.stdout.strip().splitlines()[-1]
    assert slots_line.startswith("Horários livres para 60 min: 08:00, 08:30")
    assert "11:00, 13:30" in slots_line
    assert "11:30" not in slots_line
    assert slots_line.endswith("17:00")


def test_a_weekend_is_closed() -> None:
    result = runner.invoke(app, ["hours", "28/11/2026"])
    assert result.exit_code == 0, result.output
    assert "fechado — fim de semana" in result.stdout


def test_extra_closed_days_and_state_holidays_come_from_the_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONSULTORIA_EXTRA_CLOSED_DAYS", "24/12/2026, 31/12/2026")
    monkeypatch.setenv("CONSULTORIA_HOLIDAY_STATE", "SP")
    closed_day = runner.invoke(app, ["hours", "24/12/2026"])
    assert "24/12/2026: fechado — dia sem expediente" in closed_day.stdout
    state_holiday = runner.invoke(app, ["hours", "09/07/2026"])
    assert "09/07/2026: fechado — Revolução Constitucionalista" in state_holiday.stdout


def test_english_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTORIA_LANGUAGE", "en")
    closed = runner.invoke(app, ["hours", "25/12/2026"])
    assert closed.stdout.strip() == "25/12/2026: closed — Christmas Day"
    working = runner.invoke(app, ["hours", "27/11/2026"])
    assert working.stdout.strip() == "27/11/2026 (Friday): 08:00–12:00, 13:30–18:00"


@pytest.mark.parametrize("day", ["31/02/2026", "2026-12-25", "amanhã", "32/01/2026"])
def test_a_bad_date_exits_2_with_the_catalogue_message(day: str) -> None:
    result = runner.invoke(app, ["hours", day])
    assert result.exit_code == 2
    assert f"Data inválida: {day!r}. Use o formato dd/mm/aaaa" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_a_non_positive_duration_exits_2() -> None:
    result = runner.invoke(app, ["hours", "27/11/2026", "--slots", "0"])
    assert result.exit_code == 2
    assert "Duração inválida" in result.stderr


def test_a_short_date_is_in_the_current_year() -> None:
    year = datetime.now(ZoneInfo("America/Sao_Paulo")).year
    result = runner.invoke(app, ["hours", "25/12"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"25/12/{year}: fechado — Natal")

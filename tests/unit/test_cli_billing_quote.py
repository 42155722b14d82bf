"""``consultoria billing quote``: a price for a person, numbers for machines, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def default_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The SPEC's policy in pt-BR, whatever the developer's environment or ``.env`` say."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONSULTORIA_LANGUAGE", "pt-BR")
    monkeypatch.setenv("CONSULTORIA_BILLING_PERIOD_MINUTES", "30")
    monkeypatch.setenv("CONSULTORIA_BILLING_MIN_PERIODS", "1")


def test_quote_prints_the_summary_for_a_person() -> None:
    result = runner.invoke(app, ["billing", "quote", "--minutes", "45", "--rate", "180,00"])
    assert result.exit_code == 0, result.output
    assert "R$\xa0180,00" in result.stdout
    assert "2" in result.stdout
    assert "45 min" in result.stdout


def test_quote_json_is_exactly_the_five_numbers() -> None:
    args = ["billing", "quote", "--minutes", "61", "--rate", "R$\xa0180,00", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "minutes": 61,
        "periods": 3,
        "rate_cents": 18_000,
        "amount_cents": 27_000,
        "amount_display": "R$\xa0270,00",
    }


@pytest.mark.parametrize(
    ("minutes", "rate", "shown"),
    [
        ("-5", "180,00", "'-5'"),
        ("abc", "180,00", "'abc'"),
        ("4.5", "180,00", "'4.5'"),
        ("9" * 5000, "180,00", "'999"),
        ("45", "abc", "'abc'"),
        ("45", "-10", "'-10'"),
        ("45", "0", "'0'"),
    ],
)
def test_bad_input_exits_2_with_the_catalogue_message(minutes: str, rate: str, shown: str) -> None:
    args = ["billing", "quote", "--minutes", minutes, "--rate", rate, "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert shown in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_quote_speaks_the_configured_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTORIA_LANGUAGE", "en")
    result = runner.invoke(app, ["billing", "quote", "--minutes", "45", "--rate", "180,00"])
    assert result.exit_code == 0, result.output
    assert "Hourly rate: R$180.00" in result.stdout
    refused = runner.invoke(app, ["billing", "quote", "--minutes", "abc", "--rate", "180"])
    assert refused.exit_code == 2
    assert "Invalid duration: 'abc'" in refused.stderr


def test_quote_uses_the_configured_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTORIA_BILLING_PERIOD_MINUTES", "60")
    monkeypatch.setenv("CONSULTORIA_BILLING_MIN_PERIODS", "2")
    args = ["billing", "quote", "--minutes", "10", "--rate", "100", "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["periods"] == 2
    assert json.loads(result.stdout)["amount_cents"] == 20_000

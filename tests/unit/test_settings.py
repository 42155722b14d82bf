"""A bad setting stops start-up with a message naming it and what it expects."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from bot.channels import slack_config, telegram_config
from bot.cli import app
from bot.settings import Settings
from bot.wiring import core_config

runner = CliRunner()


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TIMEZONE", "Mars/Base", "fuso horário IANA"),
        ("LANGUAGE", "fr", "pt-BR ou en"),
        ("OPENING_HOURS", "mon-fri 12:00-08:00", "mon-fri 08:00-12:00"),
        ("OPENING_HOURS", "funday 08:00-12:00", "mon-fri 08:00-12:00"),
        ("HOLIDAY_STATE", "XX", "sigla de um estado"),
        ("EXTRA_CLOSED_DAYS", "31/02/2026", "datas dd/mm/aaaa"),
        ("BILLING_PERIOD_MINUTES", "-30", "entre 1 e 240"),
        ("BILLING_PERIOD_MINUTES", "meia hora", "entre 1 e 240"),
        ("BILLING_MIN_PERIODS", "0", "entre 1 e 20"),
        ("SUPPORT_THRESHOLD_MINUTES", "abc", "entre 1 e 240"),
        ("AREAS", "Fabril Manufatura", "Grupo: Área"),
        ("AREAS", "Fabril: Custos; Outro: custos", "sem áreas repetidas"),
        ("TELEGRAM_MODE", "pigeon", "polling ou webhook"),
        ("SLACK_MODE", "email", "socket ou http"),
        ("HTTP_PORT", "99999", "entre 0 e 65535"),
        ("DATABASE_URL", "mysql://root@localhost/x", "sqlite:///"),
        ("BOOKING_REMINDERS", "1 semana", "'1d, 15m'"),
        ("MAX_SESSIONS_PER_CONSULTANT", "0", "entre 1 e 20"),
        ("SMTP_SECURITY", "ssl", "starttls, tls ou none"),
        ("SMTP_SENDER", "consultoria@", "Consultoria Online <consultoria@empresa.com.br>"),
        ("SMTP_SENDER", "a@b.com, c@d.com", "com ou sem nome"),
    ],
)
def test_a_bad_setting_is_named_with_what_is_expected(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(f"CONSULTORIA_{variable}", value)
    result = runner.invoke(app, ["db", "current"])
    assert result.exit_code == 2
    assert f"CONSULTORIA_{variable}" in result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_settings_errors_speak_english_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTORIA_LANGUAGE", "en")
    monkeypatch.setenv("CONSULTORIA_TIMEZONE", "Nowhere/City")
    result = runner.invoke(app, ["db", "current"])
    assert result.exit_code == 2
    assert "Invalid settings" in result.stderr
    assert "an IANA time zone" in result.stderr


def test_the_defaults_follow_the_spec() -> None:
    settings = Settings()
    assert settings.language == "pt-BR"
    assert settings.timezone == "America/Sao_Paulo"
    assert (settings.billing_period_minutes, settings.billing_min_periods) == (30, 1)
    assert settings.support_threshold_minutes == 15
    assert settings.areas["Fabril"] == ["Manufatura", "Suprimentos", "Estoque", "Custos"]
    assert settings.product_lines == {"industrial": "Industrial"}
    assert settings.unserved_product_lines == {"varejo": "Varejo"}


def test_settings_are_read_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "CONSULTORIA_HOLIDAY_STATE=SC\nCONSULTORIA_UNSERVED_PRODUCT_LINES=varejo=Varejo, food\n"
        "CONSULTORIA_TELEGRAM_TOKEN=\n",
        encoding="utf-8",
    )
    settings = Settings()
    assert settings.holiday_state == "SC"
    assert settings.unserved_product_lines == {"varejo": "Varejo", "food": "food"}
    assert settings.telegram_token is None, "an empty value means not set"


def test_the_example_file_lists_every_setting() -> None:
    example = (Path(__file__).parents[2] / ".env.example").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"CONSULTORIA_{name.upper()}=" in example, name


def test_the_core_gets_the_configured_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTORIA_BOOKING_REMINDERS", "2h, 1d, 15m")
    monkeypatch.setenv("CONSULTORIA_SLACK_REQUESTS_CHANNEL", "C0REQ")
    monkeypatch.setenv("CONSULTORIA_UNANSWERED_AFTER_MINUTES", "5")
    config = core_config(Settings())
    assert config.reminders == (timedelta(days=1), timedelta(hours=2), timedelta(minutes=15))
    assert config.unanswered_after == timedelta(minutes=5)
    assert config.staff.requests.id == "C0REQ"
    assert config.staff.links.id == "C0REQ", "link requests default to the requests channel"
    assert not config.product_lines.is_served("Varejo")
    assert config.product_lines.is_served(" INDUSTRIAL ")
    assert "Custos" in config.areas


def test_the_channels_get_their_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert telegram_config(Settings()) is None
    assert slack_config(Settings()) is None
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_TOKEN", "123:abc")
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_API_BASE_URL", "http://127.0.0.1:9/bot")
    monkeypatch.setenv("CONSULTORIA_SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("CONSULTORIA_SLACK_API_BASE_URL", "http://127.0.0.1:9/api")
    monkeypatch.setenv("CONSULTORIA_SLACK_REQUESTS_CHANNEL", "C0REQ")
    telegram, slack = telegram_config(Settings()), slack_config(Settings())
    assert telegram is not None and telegram.base_url == "http://127.0.0.1:9/bot"
    assert slack is not None and slack.api_base_url == "http://127.0.0.1:9/api/"
    assert slack.links_channel == "C0REQ"


def test_the_areas_english_names_reach_the_core(monkeypatch: pytest.MonkeyPatch) -> None:
    assert core_config(Settings()).area_names == {"en": {}}, "the defaults come from the catalogue"
    monkeypatch.setenv("CONSULTORIA_AREA_NAMES_EN", "custos=Cost accounting, Estoque = Stock")
    config = core_config(Settings())
    assert config.area_names == {"en": {"Custos": "Cost accounting", "Estoque": "Stock"}}


@pytest.mark.parametrize(
    "value", ["Jardinagem=Gardening", "Custos=", "Custos", "Custos=A,custos=B"]
)
def test_an_english_name_of_an_unknown_area_is_refused(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CONSULTORIA_AREA_NAMES_EN", value)
    with pytest.raises(ValidationError):
        Settings()

"""Settings values, from the environment or ``.env``: whatever a variable holds, start-up either
reads it (and everything built from the settings is built) or stops with exit status 2 and a
message naming the variable — never another exception, never a trace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.settings import ENV_PREFIX, Settings
from bot.wiring import SettingsError, core_config, display_url, load_settings, staff_addresses
from tests.properties.support import digit_like, examples, huge_ints, nasty_text

FIELDS = sorted(Settings.model_fields)
LANGUAGE = f"{ENV_PREFIX}LANGUAGE"

environment_text = st.one_of(
    nasty_text,
    digit_like,
    huge_ints.map(str),
    st.sampled_from(
        [
            "mon-fri 08:00-12:00",
            "sáb 08:00-12:00; dom 25:00-26:00",
            "true",
            "off",
            "postgresql://x@/y",
            "sqlite:///",
            "América/São_Paulo",
            "BR",
            "XX",
            "a=b, a=c",
            "1d, 0m",
            "Fabril: ; :x",
            "https://x y",
        ]
    ),
).map(lambda t: t.replace("\x00", ""))
"""What a variable can hold: no NUL byte (the environment cannot), nor a lone surrogate."""


def started(capsys: pytest.CaptureFixture[str], names: list[str]) -> None:
    """Load the settings and build the core's configuration; or a start-up refusal naming one of
    ``names``."""
    try:
        settings = load_settings()
    except SettingsError as stop:
        code = stop.code
    else:
        core_config(settings)
        staff_addresses(settings)
        display_url(settings.database_url)
        return
    assert code == 2
    message = capsys.readouterr().err
    assert any(name in message for name in names), message
    assert "Traceback" not in message


@examples(150)
@given(
    values=st.dictionaries(st.sampled_from(FIELDS), environment_text, min_size=1, max_size=3),
    language=st.one_of(st.none(), nasty_text.map(lambda t: t.replace("\x00", ""))),
)
@example(values={"holiday_country": "0"}, language=None)  # once blamed on HOLIDAY_STATE
def test_any_environment_value_starts_or_stops_with_a_named_reason(
    clean_environment: None,
    capsys: pytest.CaptureFixture[str],
    values: dict[str, str],
    language: str | None,
) -> None:
    names = [f"{ENV_PREFIX}{field.upper()}" for field in values]
    try:
        for name, value in zip(names, values.values(), strict=True):
            os.environ[name] = value
        if language is not None and LANGUAGE not in names:
            os.environ[LANGUAGE] = language
            names.append(LANGUAGE)
        started(capsys, names)
    finally:
        for name in names:
            os.environ.pop(name, None)


@examples(100)
@given(
    lines=st.lists(
        st.one_of(
            st.builds(
                lambda field, value: f"{ENV_PREFIX}{field.upper()}={value}",
                st.sampled_from(FIELDS),
                environment_text.map(lambda t: t.replace("\n", " ").replace("\r", " ")),
            ),
            nasty_text,
        ),
        max_size=5,
    )
)
def test_any_dotenv_file_starts_or_stops_with_a_named_reason(
    clean_environment: None, capsys: pytest.CaptureFixture[str], lines: list[str]
) -> None:
    dotenv = Path(".env")  # the test runs in its own temporary folder
    dotenv.write_text("\n".join(lines), encoding="utf-8")
    try:
        names = [line.split("=", 1)[0].strip() for line in lines if "=" in line]
        started(capsys, [*names, ENV_PREFIX])
    finally:
        dotenv.unlink()

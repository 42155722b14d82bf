"""Fuzz target: one setting's value (``bot.settings.Settings`` and what is built from it).

The first byte picks the setting, the rest is its value as the environment would hold it (text
without NUL). The value is read, and the core's configuration built from it; or pydantic's
``ValidationError`` (a ValueError), or the ``ValueError`` of a database URL — what start-up turns
into its message naming the variable. Any other exception is a crash.
"""

from __future__ import annotations

from fuzz.common import fuzz_main, instrumented, no_project_environment

with instrumented():
    from bot.settings import Settings
    from bot.wiring import core_config, display_url
    from core.db import normalise_url

no_project_environment()
_FIELDS = sorted(Settings.model_fields)

SEEDS = (
    b"\x00mon-fri 08:00-12:00",
    b"\x01America/Sao_Paulo",
    b"\x02postgresql://u:p@h:5432/db",
    b"\x03Fabril: Manufatura, Custos; Administrativa: Comercial",
    b"\x041d, 15m",
    b"\x05industrial=Industrial, varejo=Varejo",
    b"\x0624/12/2026, 31/12/2026",
    b"\x07https://chat.example.com/",
)
TOKENS = (
    b"mon-fri",
    b"08:00-12:00",
    b";",
    b",",
    b":",
    b"=",
    b"1d",
    b"15m",
    b"true",
    b"auto",
    b"https://",
    b"sqlite:///",
    b"postgresql://",
    b"America/",
    b"BR",
    b"SP",
)


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris's name
    """Validate one setting's value; build the configuration when it is accepted."""
    if not data:
        return
    field = _FIELDS[data[0] % len(_FIELDS)]
    value = data[1:].decode("utf-8", errors="replace").replace("\x00", "")
    try:
        settings = Settings.model_validate({field: value})  # this value, no environment
        normalise_url(settings.database_url)
    except ValueError:  # pydantic's ValidationError is one; start-up names the variable
        return
    core_config(settings)
    display_url(settings.database_url)


if __name__ == "__main__":
    fuzz_main(TestOneInput)

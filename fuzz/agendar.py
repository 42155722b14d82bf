"""Fuzz target: the text typed after ``/agendar`` (``adapters.slack.agendar.parse``).

A command, or ``InvalidInput`` whose message renders in both languages (no missing
placeholder). Any other exception is a crash.
"""

from __future__ import annotations

from datetime import date

from fuzz.common import fuzz_main, instrumented, text_of

with instrumented():
    from adapters.slack.agendar.parse import parse_command
    from core.errors import InvalidInput

_TODAY = date(2026, 11, 23)
_AREAS = ("Manufatura", "Suprimentos", "Estoque", "Custos", "Comercial", "Financeiro")

SEEDS = (
    b'"Metal\xc3\xbargica X" 24/11 14:00 60 telefone 11999998888 custos <@U0BRUNO|bruno>',
    b"Metalurgica 24/11/2026 9h30 90 meet alternativo",
    b"lista amanh\xc3\xa3",
    b"cancelar #12 cliente desistiu",
    b"remarcar 12 25/11 15:00 alternativo",
    b"ajuda",
    b"",
    b'"sem fechar 24/11',
)
TOKENS = (
    b"lista",
    b"cancelar",
    b"remarcar",
    b"ajuda",
    b"hoje",
    b"amanh\xc3\xa3",
    b"tomorrow",
    b"24/11",
    b"31/02",
    b"14:00",
    b"9h30",
    b"1h30",
    b"60",
    b"90",
    b"telefone",
    b"meet",
    b"teams",
    b"anydesk",
    b"presencial",
    b"alternativo",
    b"<@U0BRUNO|bruno>",
    b"@ana",
    b'"',
    b"\xe2\x80\x9c",
    b"\xe2\x80\x9d",
    b"#",
    b"n\xc2\xba",
    b"&amp;",
    b"&lt;",
    b"custos",
)


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris's name
    """Parse one ``/agendar`` text; only InvalidInput may escape, and it must render."""
    try:
        parse_command(text_of(data), today=_TODAY, areas=_AREAS)
    except InvalidInput as error:
        error.render("pt-BR")
        error.render("en")


if __name__ == "__main__":
    fuzz_main(TestOneInput)

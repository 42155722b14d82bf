"""Fuzz target: money typed by people (``core.billing.parse_money``).

Positive cents that read back from what the bot shows (``format_brl``), or ``InvalidInput``.
Any other exception is a crash.
"""

from __future__ import annotations

from fuzz.common import fuzz_main, instrumented, text_of

with instrumented():
    from core.billing import format_brl, parse_money
    from core.errors import InvalidInput

SEEDS = (b"180", b"180,00", b"R$ 1.234,56", b"180.50", b"r$0,01", b"1.234.567", b"0")
TOKENS = (b"R$", b"r$", b",", b".", b" ", b"00", b"000", b"1.234", b"\xc2\xa0", b"-")


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris's name
    """Parse one amount; a parsed one must read back from its display."""
    text = text_of(data)
    try:
        cents = parse_money(text)
    except InvalidInput:
        return
    assert cents > 0, text
    shown = format_brl(cents)
    assert parse_money(shown) == cents, (text, shown)


if __name__ == "__main__":
    fuzz_main(TestOneInput)

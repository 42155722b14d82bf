"""What the property tests share: the example budget, hostile inputs, stored-row counts, logs."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from sqlmodel import func, select

from core.db import Database
from core.models import (
    BillingRecord,
    Booking,
    Consent,
    ConsultingSession,
    Contact,
    Request,
)

IMPORTANT = (Request, Consent, Booking, ConsultingSession, BillingRecord, Contact)
"""The tables a refusal must leave as they were."""


def examples(count: int) -> settings:
    """The ``properties`` profile (tests/properties/conftest.py) with ``count`` examples."""
    return settings(settings.get_profile("properties"), max_examples=count)


# -- hostile inputs ---------------------------------------------------------------------------

BOUNDARIES = (0, 1, 2**31 - 1, 2**31, 2**32, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**30)
huge_ints = st.one_of(
    st.sampled_from(BOUNDARIES),
    st.sampled_from(BOUNDARIES).map(lambda n: -n),
    st.integers(min_value=-(2**200), max_value=2**200),
)
"""Integers around the 32- and 64-bit limits, and far beyond them."""

nasty_text = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=80),
    st.text(st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=20),
    st.text(st.characters(categories=("Nd", "No", "Zs", "Cc", "Cf", "Mn")), max_size=20),
    huge_ints.map(str),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\u202e",
            "%s%n{0}",
            "{taxa_hora}",
            "<@U1>",
            "' OR 1=1",
            "²",
            "١٢",
            "１２",
            "9" * 25,
            "-1",
            "1e9",
            "0x1f",
            "1_000",
        ]
    ),
)
"""Text with control characters, odd digits and spaces, format strings and huge numbers."""

digit_like = st.sampled_from(
    ["0", "00", "²", "١٢", "１２", "9" * 25, "2147483648", "-1", "+1", " 1", "1.0", "1e3"]
)
"""Text that passes ``str.isdigit()`` or looks like a number, but is no row id of ours."""

surrogate_text = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1)
"""Lone surrogates: valid escapes in JSON (``"\\ud800"``), not encodable as UTF-8."""

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    huge_ints,
    st.floats(allow_nan=False, allow_infinity=False),
    nasty_text,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(nasty_text, inner, max_size=4)
    ),
    max_leaves=12,
)
"""Any JSON document (recursive lists and objects of hostile scalars)."""


def mangled_ids(verbs: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Action ids of ``verbs`` with hostile arguments (and a few with none, or too many)."""
    digits = st.from_regex(r"[0-9]{1,14}", fullmatch=True)
    argument = st.one_of(nasty_text, huge_ints.map(str), digits)
    return st.builds(
        lambda verb, args, sep: verb + "".join(sep + a for a in args),
        st.sampled_from(verbs),
        st.lists(argument, max_size=3),
        st.sampled_from([":", ":", ":", "::", " :", ""]),
    )


# -- what a refusal leaves ---------------------------------------------------------------------


async def row_counts(db: Database) -> dict[str, int]:
    """How many rows each important table holds."""
    counts: dict[str, int] = {}
    async with db.uow() as uow:
        for model in IMPORTANT:
            statement = select(func.count()).select_from(model)
            counts[model.__name__] = int((await uow.session.exec(statement)).one())
    return counts


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """ERROR (or worse) records captured so far, as one line each with the exception's type."""
    found = []
    for record in caplog.records:
        if record.levelno >= logging.ERROR:
            kind = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
            found.append(f"{record.name}: {record.getMessage()[:200]} {kind}".strip())
    return found


def no_errors(caplog: pytest.LogCaptureFixture, what: Any) -> None:
    """Assert nothing was logged as an ERROR for ``what``; then forget the captured records."""
    found = errors_logged(caplog)
    caplog.clear()
    assert not found, f"{what!r} logged errors: {found}"

"""Telegram updates through the real PTB Application: whatever a client types, presses or sends,
they get an answer in the chat (or on the pressed button), never an unhandled exception nor an
ERROR log line, and a refused button stores nothing in the important tables."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.client import ROUTES, MalformedAction, parse_action
from core.outbox import Address
from tests.adapters.telegram.conftest import Harness
from tests.properties.support import (
    digit_like,
    examples,
    huge_ints,
    mangled_ids,
    nasty_text,
    no_errors,
    row_counts,
)

LINKED = "4201"
"""A client linked to the company, with a request waiting for its area."""
STRANGER = 4299
"""The first chat id of people who never gave an access code (one new chat per example)."""


@pytest.fixture
def memo() -> dict[str, Any]:
    """Set-up done once per test and shared by its examples (hypothesis reuses the fixture)."""
    return {"next_stranger": STRANGER}


async def linked(tg: Harness, memo: dict[str, Any]) -> dict[str, Any]:
    """The linked client who asked for consulting (once per test): the area question shown."""
    if "area" not in memo:
        await tg.start_linked(LINKED)
        await tg.press(LINKED, "menu:consult")
        await tg.deliver()
        memo["area"] = tg.message_with(LINKED, tg.data_starting(LINKED, "area:")[0])
    shown: dict[str, Any] = memo["area"]
    return shown


def said_to(tg: Harness, chat: str) -> int:
    """How many messages and button answers the chat got so far."""
    return len(tg.fake.sent_to(chat)) + len(tg.fake.calls_of("answerCallbackQuery"))


callback_data = st.one_of(
    mangled_ids(tuple(ROUTES)),
    nasty_text.map(lambda t: t.encode()[:64].decode(errors="ignore")),
    st.sampled_from(["", ":", "menu:", "area:1:", "area::x", "bslot:999912312359"]),
)


@examples(60)
@given(data=callback_data)
async def test_any_button_data_gets_an_answer_never_an_error(
    tg: Harness, memo: dict[str, Any], caplog: pytest.LogCaptureFixture, data: str
) -> None:
    shown = await linked(tg, memo)
    caplog.clear()
    before, said = await row_counts(tg.world.core.db), said_to(tg, LINKED)
    await tg.press(LINKED, data, message=shown)
    await tg.deliver()
    no_errors(caplog, data)
    assert said_to(tg, LINKED) > said, f"button {data!r} got no answer"
    try:
        parse_action(tg.world.core, Address("telegram", LINKED), data, inbound=("t", "k"))
    except MalformedAction:
        assert await row_counts(tg.world.core.db) == before, data


texts = st.one_of(
    nasty_text.filter(lambda t: t.strip()),
    st.builds(
        lambda c, rest: f"/{c} {rest}",
        st.sampled_from(
            [
                "start",
                "menu",
                "ajuda",
                "cancelar",
                "agendamentos",
                "suporte",
                "convidar",
                "sair",
                "help",
                "nada",
            ]
        ),
        st.one_of(nasty_text, digit_like, huge_ints.map(str)),
    ),
)


@examples(50)
@given(text=texts, language=st.one_of(st.none(), nasty_text, st.sampled_from(["en", "pt-br"])))
async def test_a_stranger_is_answered_whatever_they_type(
    tg: Harness,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    text: str,
    language: str | None,
) -> None:
    memo["next_stranger"] += 1
    chat = str(memo["next_stranger"])
    caplog.clear()
    message = tg.message(chat, text=text)
    if text.startswith("/"):
        length = len(text.split()[0]) if text.split() else 1
        message["message"]["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    if language is None:
        message["message"]["from"].pop("language_code")
    else:
        message["message"]["from"]["language_code"] = language
    before = await row_counts(tg.world.core.db)
    await tg.feed(message)
    await tg.deliver()
    no_errors(caplog, (text, language))
    assert tg.fake.sent_to(chat), f"{text!r} got no answer"
    after = await row_counts(tg.world.core.db)
    grown = {k for k in after if after[k] != before[k]}
    assert grown <= {"Contact"}, (text, grown)  # a stranger is at most remembered


@examples(40)
@given(text=nasty_text.filter(lambda t: t.strip()))
async def test_a_linked_client_is_never_failed_whatever_they_type(
    tg: Harness, memo: dict[str, Any], caplog: pytest.LogCaptureFixture, text: str
) -> None:
    await linked(tg, memo)
    caplog.clear()
    await tg.text(LINKED, text)
    await tg.deliver()
    no_errors(caplog, text)

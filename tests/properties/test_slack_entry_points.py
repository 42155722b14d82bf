"""Slack's inbound entry points, signed like Slack signs them and served by the real bolt app:
whatever a button, a slash command or a modal submission carries, the person gets an ephemeral
answer (or the modal its error), never an unhandled exception nor an ERROR log line, and a
refusal stores nothing in the important tables."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.slack.agendar.links import LINK_VIEW
from adapters.slack.agendar.modal import (
    AREA,
    BOOKING_VIEW,
    COMPANY,
    CONSULTANT,
    CONTACT,
    DATE,
    DURATION,
    MEDIUM,
    NOTES,
    TIME,
)
from adapters.slack.modals import MEDIUM as MEDIUM_VIEW
from adapters.slack.modals import ONSITE, SPECIALIST, TRANSFER
from adapters.slack.replies import REPLY, REPLY_VIEW, SESSION
from tests.adapters.slack.harness import SlackHarness
from tests.fakes import slack_signing as signing
from tests.properties.support import (
    digit_like,
    examples,
    huge_ints,
    json_values,
    mangled_ids,
    nasty_text,
    no_errors,
    row_counts,
)
from tests.scenarios.sessions_helpers import BRUNO, SECRETARY, given_cast

VERBS = (
    "claim",
    "claim_alt",
    "link_ok",
    "link_no",
    "end",
    "onsite",
    "medium",
    "specialist",
    "transfer",
    "convert",
    "present",
    "convert_alt",
    "convert_to",
    "convert_keep",
    "convert_to_alt",
)
"""The verbs of the staff's buttons (adapters/slack/listeners)."""
ACKED = {200, 404}
"""bolt answers a click it has no listener for with 404 (nothing ran)."""


@pytest.fixture
def memo() -> dict[str, Any]:
    """Set-up done once per test and shared by its examples (hypothesis reuses the fixture)."""
    return {}


async def cast(slack: SlackHarness, memo: dict[str, Any]) -> None:
    """A company, consultants, an attendant and a secretary (once per test)."""
    if "cast" not in memo:
        memo["cast"] = await given_cast(slack.world)


def answered(slack: SlackHarness, before: tuple[int, int, int]) -> bool:
    """Whether the person was told something since ``before`` (ephemeral, DM, respond, modal)."""
    return now_said(slack) != before


def now_said(slack: SlackHarness) -> tuple[int, int, int]:
    fake = slack.fake
    said = len(fake.calls_to("chat.postEphemeral")) + len(fake.calls_to("chat.postMessage"))
    return said, len(fake.responses), len(fake.calls_to("views.open"))


# -- buttons -------------------------------------------------------------------------------------

clicks = st.fixed_dictionaries(
    {
        "action_id": st.one_of(mangled_ids(VERBS), st.just("same")),
        "value": st.one_of(mangled_ids(VERBS), nasty_text, huge_ints.map(str)),
    }
)


@examples(60)
@given(click=clicks, user=st.sampled_from([BRUNO, SECRETARY, "U0NOBODY"]))
async def test_a_forged_click_is_refused_never_an_error(
    slack: SlackHarness,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    click: dict[str, str],
    user: str,
) -> None:
    await cast(slack, memo)
    caplog.clear()
    before = await row_counts(slack.world.core.db)
    value = click["value"]
    action_id = value if click["action_id"] == "same" else click["action_id"]
    payload = signing.block_action(
        value,
        user_id=user,
        channel_id="C_REQUESTS",
        message_ts="1700000000.000100",
        action_ts=slack.stamp(),
    )
    payload["actions"][0]["action_id"] = action_id
    status = await slack.post(signing.interactive("test-signing-secret", payload))
    assert status in ACKED, (action_id, value, status)
    no_errors(caplog, (action_id, value))
    assert await row_counts(slack.world.core.db) == before


# -- slash commands ------------------------------------------------------------------------------

agendar_texts = st.one_of(
    nasty_text,
    st.lists(
        st.one_of(
            nasty_text,
            st.sampled_from(
                [
                    "lista",
                    "cancelar",
                    "remarcar",
                    "ajuda",
                    "hoje",
                    "amanhã",
                    "24/11",
                    "14:00",
                    '"Metalúrgica Exemplo"',
                    "<@U0BRUNO|bruno>",
                    "60",
                    "telefone",
                    "alternativo",
                    "99999999999999999999",
                    "#123456789",
                    "29/02",
                    "31/12/9999",
                    "00:00",
                    "1h75",
                ]
            ),
            huge_ints.map(str),
        ),
        max_size=7,
    ).map(" ".join),
)


@examples(60)
@given(text=agendar_texts)
async def test_agendar_text_gets_an_ephemeral_answer_never_an_error(
    slack: SlackHarness, memo: dict[str, Any], caplog: pytest.LogCaptureFixture, text: str
) -> None:
    await cast(slack, memo)
    caplog.clear()
    before, said = await row_counts(slack.world.core.db), now_said(slack)
    status = await slack.command("/agendar", text, SECRETARY)
    assert status == 200, (text, status)
    no_errors(caplog, text)
    assert answered(slack, said), f"/agendar {text!r} got no answer"
    if text.split():  # the text forms: no company is named exactly, nothing can be booked
        assert await row_counts(slack.world.core.db) == before


@examples(40)
@given(
    text=st.one_of(
        nasty_text,
        st.sampled_from(["status", "disponivel", "ocupado", "ausente", "STATUS", "dis ponivel"]),
    ),
    user=st.sampled_from([BRUNO, SECRETARY, "U0NOBODY"]),
)
async def test_consultor_text_gets_an_answer_never_an_error(
    slack: SlackHarness,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    text: str,
    user: str,
) -> None:
    await cast(slack, memo)
    caplog.clear()
    before = await row_counts(slack.world.core.db)
    status = await slack.command("/consultor", text, user)
    await slack.deliver()
    assert status == 200, (text, status)
    no_errors(caplog, text)
    assert await row_counts(slack.world.core.db) == before


@examples(30)
@given(text=nasty_text, user=st.sampled_from([BRUNO, SECRETARY, "U0NOBODY"]))
async def test_resposta_text_gets_an_answer_never_an_error(
    slack: SlackHarness,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    text: str,
    user: str,
) -> None:
    await cast(slack, memo)
    caplog.clear()
    before = await row_counts(slack.world.core.db)
    status = await slack.command("/resposta", text, user)
    assert status == 200, (text, status)
    no_errors(caplog, text)
    assert await row_counts(slack.world.core.db) == before


# -- modal submissions ---------------------------------------------------------------------------

hostile = st.one_of(digit_like, nasty_text, huge_ints.map(str), json_values)


def element(kind: str, value: Any) -> dict[str, Any]:
    """A block's state as Slack sends it for an element of ``kind``."""
    if kind == "select":
        return {"type": "static_select", "selected_option": {"value": value}}
    if kind == "date":
        return {"type": "datepicker", "selected_date": value}
    if kind == "time":
        return {"type": "timepicker", "selected_time": value}
    return {"type": "plain_text_input", "value": value}


BLOCKS = {
    BOOKING_VIEW: {
        COMPANY: "select",
        CONTACT: "select",
        AREA: "select",
        DATE: "date",
        TIME: "time",
        DURATION: "select",
        MEDIUM: "select",
        CONSULTANT: "select",
        NOTES: "text",
    },
    LINK_VIEW: {"company": "select", COMPANY: "select"},
    ONSITE: {"reason": "text"},
    MEDIUM_VIEW: {"medium": "select", "detail": "text"},
    SPECIALIST: {"consultant": "select", "area": "select"},
    TRANSFER: {"consultant": "select"},
    REPLY_VIEW: {REPLY: "select", SESSION: "select"},
}


@st.composite
def submissions(draw: st.DrawFn) -> dict[str, Any]:
    callback = draw(st.sampled_from(sorted(BLOCKS)))
    values = {}
    for block, kind in BLOCKS[callback].items():
        if draw(st.booleans()):
            values[block] = {block: element(kind, draw(hostile))}
    metadata = draw(
        st.one_of(digit_like, huge_ints.map(str), nasty_text, json_values.map(json.dumps))
    )
    view = draw(st.integers(1, 10**6))
    return signing.view_submission(
        callback,
        values,
        user_id=draw(st.sampled_from([BRUNO, SECRETARY])),
        private_metadata=metadata,
        view_id=f"V{view}",
        view_hash=f"h{view}",
    )


@examples(60)
@given(payload=submissions())
async def test_a_forged_modal_submission_is_refused_never_an_error(
    slack: SlackHarness,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    payload: dict[str, Any],
) -> None:
    await cast(slack, memo)
    caplog.clear()
    before = await row_counts(slack.world.core.db)
    status, answer = await slack.submit(payload)
    view = payload["view"]
    what = (view["callback_id"], view["state"], view["private_metadata"])
    assert status == 200, (what, status, answer)
    no_errors(caplog, what)
    assert await row_counts(slack.world.core.db) == before


# -- the modals' type-ahead menus ----------------------------------------------------------------


@examples(40)
@given(
    menu=st.sampled_from([COMPANY, CONTACT, REPLY]),
    typed=st.one_of(nasty_text, digit_like),
    company=st.one_of(st.none(), digit_like, hostile),
)
async def test_a_forged_type_ahead_request_gets_options_never_an_error(
    slack: SlackHarness,
    memo: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    menu: str,
    typed: str,
    company: Any,
) -> None:
    await cast(slack, memo)
    caplog.clear()
    values = {}
    if company is not None:
        values[COMPANY] = {COMPANY: element("select", company)}
    payload = {
        "type": "block_suggestion",
        "user": {"id": SECRETARY, "team_id": "T0001"},
        "team": {"id": "T0001"},
        "api_app_id": "A0001",
        "action_id": menu,
        "block_id": menu,
        "value": typed,
        "container": {"type": "view", "view_id": "V0001"},
        "view": {"id": "V0001", "callback_id": BOOKING_VIEW, "state": {"values": values}},
    }
    status, answer = await slack.submit(payload)
    assert status == 200, (menu, typed, company, status)
    assert isinstance(answer.get("options"), list), answer
    no_errors(caplog, (menu, typed, company))

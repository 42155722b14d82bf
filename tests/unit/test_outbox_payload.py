"""An outbox row's payload gives back the message that was written, whatever it carries."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from core.outbox import Attachment, Choice, OutboundMessage
from core.outbox.message import Field

texts = st.text(max_size=40)
maybe = st.none() | texts
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
messages = st.builds(
    OutboundMessage,
    text=texts,
    choices=st.lists(
        st.builds(
            Choice,
            action=st.text(max_size=16),
            label=texts,
            style=st.sampled_from([None, "primary", "danger"]),
        ),
        max_size=3,
    ).map(tuple),
    attachments=st.lists(
        st.builds(Attachment, kind=texts, channel=texts, ref=texts, name=maybe, mime_type=maybe),
        max_size=3,
    ).map(tuple),
    fields=st.lists(st.builds(Field, label=texts, value=texts), max_size=3).map(tuple),
    title=maybe,
    ephemeral_to=maybe,
    extra=st.dictionaries(texts, json_values, max_size=4),
)


@given(messages)
def test_a_stored_payload_reads_back_as_the_same_message(message: OutboundMessage) -> None:
    stored = json.loads(json.dumps(message.to_payload()))
    assert OutboundMessage.from_payload(stored) == message


def test_the_payload_shares_nothing_with_the_message() -> None:
    extra = {"side": "client", "tags": ["a"], "meta": {"n": 1}}
    message = OutboundMessage("olá", extra=extra)
    payload = message.to_payload()
    payload["extra"]["tags"].append("b")
    payload["extra"]["meta"]["n"] = 2
    assert message.extra == {"side": "client", "tags": ["a"], "meta": {"n": 1}}

"""What a commit wrote travels in its PostgreSQL notification, so another process wakes only the
loops it concerns; a notification from an older release (empty payload) wakes every loop."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.notify import payload, what_was_written
from core.unit_of_work import EVERYTHING, TIMERS, outbox_of

NAMES = st.sampled_from(
    [TIMERS, outbox_of("slack"), outbox_of("telegram"), outbox_of("email"), outbox_of("web")]
)


@given(st.sets(NAMES, min_size=1))
def test_what_a_commit_wrote_survives_the_notification(written: set[str]) -> None:
    assert what_was_written(payload(written)) == frozenset(written)


def test_an_empty_or_odd_payload_wakes_everything() -> None:
    for sent in ("", "  ", None, b"outbox:slack", 42):
        assert what_was_written(sent) == frozenset({EVERYTHING})


def test_a_payload_too_long_for_postgresql_says_everything() -> None:
    many = {outbox_of(f"channel{i}") for i in range(1000)}
    assert payload(many) == EVERYTHING
    assert what_was_written(payload(many)) == frozenset({EVERYTHING})

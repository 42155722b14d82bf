"""A session opened through Slack: the card out, *Aceitar* clicked by Bruno, the controls out."""

from __future__ import annotations

from dataclasses import dataclass

from tests.adapters.slack.harness import SlackHarness, button_values
from tests.scenarios.queue_helpers import sessions
from tests.scenarios.sessions_helpers import ANA, BRUNO, Cast, given_cast, queued


@dataclass(frozen=True)
class Opened:
    """The session, its cast and its thread in the requests channel."""

    cast: Cast
    session_id: int
    thread_ts: str


async def request_card(slack: SlackHarness) -> tuple[Cast, int, str]:
    """Ana queued, her card out in the requests channel: (cast, request id, card ts)."""
    cast = await given_cast(slack.world)
    request_id = await queued(slack.world, cast, ANA)
    await slack.deliver()
    cards = [c for c in slack.fake.posted("C_REQUESTS") if c.args.get("thread_ts") is None]
    assert cards, "the request card was not posted"
    card = cards[-1]
    assert button_values(card) == [f"claim:{request_id}"]
    return cast, request_id, str(card.result["ts"])


async def open_session(slack: SlackHarness) -> Opened:
    """Queue Ana, deliver her card, Bruno accepts it; every outbox row delivered."""
    cast, request_id, card_ts = await request_card(slack)
    await slack.click(f"claim:{request_id}", BRUNO, channel="C_REQUESTS", message_ts=card_ts)
    await slack.deliver()
    (session,) = await sessions(slack.world)
    assert session.id is not None
    return Opened(cast, session.id, card_ts)


def reply(user: str, text: str, thread_ts: str, ts: str, **extra: object) -> dict[str, object]:
    """A ``message`` event: a reply in a thread of the requests channel."""
    return {
        "type": "message",
        "channel": "C_REQUESTS",
        "channel_type": "channel",
        "user": user,
        "text": text,
        "ts": ts,
        "thread_ts": thread_ts,
        "event_ts": ts,
        **extra,
    }

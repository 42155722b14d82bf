"""The *Recomendar presencial* modal's submission -> ``core.sessions.recommend_onsite``."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck

from adapters.slack.context import Body, acting_user, submit_view, view_key
from adapters.slack.modals import session_of, typed
from core.context import Core
from core.sessions import recommend_onsite


async def on_onsite_form(core: Core, ack: AsyncAck, body: Body) -> None:
    """Record the recommendation and post the visit request; a refusal on the reason field."""
    view = body["view"]
    work = recommend_onsite(
        core,
        session_of(view),
        by_staff_key=acting_user(body),
        reason=typed(view, "reason"),
        inbound=view_key(body),
    )
    await submit_view(ack, core, work, lambda _key: "reason")

"""The *Transferir* modal's submission -> ``core.sessions.transfer_session``."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck

from adapters.slack.context import Body, acting_user, submit_view, view_key
from adapters.slack.modals import row_id, selected, session_of
from core.context import Core
from core.sessions import transfer_session


async def on_transfer_form(core: Core, ack: AsyncAck, body: Body) -> None:
    """Hand the session over; a refusal is shown on the consultant field."""
    view = body["view"]
    work = transfer_session(
        core,
        session_of(view),
        by_staff_key=acting_user(body),
        to_consultant_id=row_id(selected(view, "consultant")) or 0,
        inbound=view_key(body),
    )
    await submit_view(ack, core, work, lambda _key: "consultant")

"""The *Transferir* modal's submission -> ``core.sessions.transfer_session``."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck, AsyncApp

from adapters.slack.context import Body, acting_user, submit_view, view_key
from adapters.slack.modals import TRANSFER, selected, session_of
from core.context import Core
from core.sessions import transfer_session


def register(app: AsyncApp, core: Core) -> None:
    """Listen for the transfer modal."""

    @app.view(TRANSFER)
    async def on_submit(ack: AsyncAck, body: Body) -> None:
        """Hand the session over; a refusal is shown on the consultant field."""
        view = body["view"]
        work = transfer_session(
            core,
            session_of(view),
            by_slack_id=acting_user(body),
            to_consultant_id=int(selected(view, "consultant") or 0),
            inbound=view_key(body),
        )
        await submit_view(ack, core, work, lambda _key: "consultant")

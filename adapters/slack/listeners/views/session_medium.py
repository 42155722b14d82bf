"""The *Meio de atendimento* modal's submission -> ``core.sessions.change_session_medium``."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck

from adapters.slack.context import Body, acting_user, submit_view, view_key
from adapters.slack.modals import selected, session_of, typed
from core.context import Core
from core.sessions import change_session_medium


def _field_for(key: str) -> str:
    """A bad phone, ID or host is shown on the detail; anything else on the medium."""
    on_detail = key.startswith("connection.bad_") or key == "connection.no_detail"
    return "detail" if on_detail else "medium"


async def on_medium_form(core: Core, ack: AsyncAck, body: Body) -> None:
    """Change the medium; a refusal (a bad number, ID or host) comes back on its field."""
    view = body["view"]
    work = change_session_medium(
        core,
        session_of(view),
        by_staff_key=acting_user(body),
        medium=selected(view, "medium") or "",
        detail=typed(view, "detail") or None,
        inbound=view_key(body),
    )
    await submit_view(ack, core, work, _field_for)

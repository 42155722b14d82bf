"""The *Chamar especialista* modal's submission -> ``core.sessions.call_specialist``."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck

from adapters.slack.context import Body, acting_user, submit_view, view_key
from adapters.slack.modals import row_id, selected, session_of
from core.context import Core
from core.sessions import call_specialist


def _field(key: str) -> str:
    return "area" if "area" in key else "consultant"


async def on_specialist_form(core: Core, ack: AsyncAck, body: Body) -> None:
    """Invite the chosen consultant (or the first free one of the area); errors in the form."""
    view = body["view"]
    consultant = selected(view, "consultant")
    work = call_specialist(
        core,
        session_of(view),
        by_staff_key=acting_user(body),
        consultant_id=(row_id(consultant) or 0) if consultant else None,
        area=selected(view, "area"),
        inbound=view_key(body),
    )
    await submit_view(ack, core, work, _field)

"""*Meio de atendimento* (``medium:<session>``): open the medium and connection-detail modal."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import Body, action_argument
from adapters.slack.modals import medium_modal
from core.context import Core
from core.models import ConsultingSession


async def on_medium(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then open the modal with the session's current medium chosen."""
    await ack()
    session_id = int(action_argument(body))
    async with core.db.uow() as uow:
        session = await uow.session.get(ConsultingSession, session_id)
    current = session.medium if session is not None else ""
    view = medium_modal(session_id, current, core.config.language)
    await client.views_open(trigger_id=body["trigger_id"], view=view)

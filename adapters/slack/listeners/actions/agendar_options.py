"""Type-ahead options of the booking (and link) modals: companies and a company's contacts."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck

from adapters.slack.agendar.options import company_options, contact_options
from adapters.slack.context import Body, acting_user
from core.context import Core


async def on_company(core: Core, ack: AsyncAck, body: Body) -> None:
    """Companies matching what was typed."""
    typed, view = str(body.get("value") or ""), body.get("view") or {}
    await ack(options=await company_options(core, acting_user(body), typed, view))


async def on_contact(core: Core, ack: AsyncAck, body: Body) -> None:
    """Contacts of the company chosen in the same modal."""
    typed, view = str(body.get("value") or ""), body.get("view") or {}
    await ack(options=await contact_options(core, acting_user(body), typed, view))

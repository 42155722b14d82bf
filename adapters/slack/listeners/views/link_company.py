"""The link chooser modal's submission -> ``core.intake.decide_link`` for the chosen company."""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck

from adapters.slack.agendar.form import chosen
from adapters.slack.agendar.links import link_of
from adapters.slack.agendar.modal import COMPANY
from adapters.slack.context import Body, acting_user, submit_view, view_key
from adapters.slack.modals import row_id
from core.context import Core
from core.intake import decide_link


async def on_link_form(core: Core, ack: AsyncAck, body: Body) -> None:
    """Approve the link for the chosen company; a refusal shows on the company field."""
    view = body["view"]
    company = chosen(view, COMPANY)
    work = decide_link(
        core,
        link_of(view),
        by_staff_key=acting_user(body),
        approve=True,
        company_id=(row_id(company) or 0) if company else None,
        inbound=view_key(body),
    )
    await submit_view(ack, core, work, lambda _key: COMPANY)

"""Link request cards: *Aprovar* (``link_ok:<link>[:<company>]``) and *Recusar* (``link_no``).

-> ``core.intake.decide_link``. Only secretaries decide (the core refuses anyone else). When the
hint matches several companies and none was chosen, the core's refusal lists them: it is shown
ephemerally and a modal opens to choose the company with type-ahead.
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.agendar.links import link_modal
from adapters.slack.context import Body, acting_user, action_key, action_value, refuse
from core.context import Core
from core.errors import BusinessError
from core.intake import decide_link

logger = logging.getLogger(__name__)

CHOOSE_COMPANY = "intake.link.choose_company"


async def on_link(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then approve or refuse; a refusal is shown to the clicker only."""
    await ack()
    verb, _, rest = action_value(body).partition(":")
    link, _, company = rest.partition(":")
    try:
        await decide_link(
            core,
            int(link),
            by_staff_key=acting_user(body),
            approve=verb == "link_ok",
            company_id=int(company) if company else None,
            inbound=action_key(body),
        )
    except BusinessError as error:
        await refuse(client, core, body, error)
        if error.key == CHOOSE_COMPANY and body.get("trigger_id"):
            await _open_chooser(client, core, body, int(link), str(error.params["hint"]))


async def _open_chooser(
    client: AsyncWebClient, core: Core, body: Body, link_id: int, hint: str
) -> None:
    """The company chooser modal (best effort: the ephemeral list was already shown)."""
    try:
        await client.views_open(trigger_id=body["trigger_id"], view=link_modal(core, link_id, hint))
    except SlackApiError as error:
        reason = error.response.get("error") if error.response is not None else error
        logger.warning("could not open the link chooser for %s: %s", acting_user(body), reason)

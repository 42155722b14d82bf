"""*Aceitar* (``claim:<request>``) on a request card or a direct-message offer.

Outside the opening hours the core refuses a plain claim; the consultant is shown why, with a
second button, ``claim_alt:<request>``, to accept at alternative hours agreed with the client.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import (
    Body,
    acting_user,
    action_argument,
    action_key,
    language,
    run_confirmable,
)
from core.context import Core
from core.messages import t
from core.outbox import Choice
from core.queue import CLAIM_CLOSED, claim_request


async def _claim(core: Core, body: Body, client: AsyncWebClient, *, alternative: bool) -> None:
    request_id, user = int(action_argument(body)), acting_user(body)
    claim = claim_request(
        core, request_id, user, alternative_hours=alternative, inbound=action_key(body)
    )
    label = t("queue.claim.confirm_alternative", language(core))
    confirm = Choice(f"claim_alt:{request_id}", label, "primary")
    await run_confirmable(core, client, body, claim, refusal=CLAIM_CLOSED, confirm=confirm)


async def on_claim(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then claim; the core edits the card and tells a loser who won."""
    await ack()
    await _claim(core, body, client, alternative=False)


async def on_claim_alternative(
    core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient
) -> None:
    """*Aceitar em horário alternativo acordado*: the claim outside the opening hours."""
    await ack()
    await _claim(core, body, client, alternative=True)

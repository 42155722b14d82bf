"""*Converter em consultoria* on a support card or in its thread.

``convert:<session>`` shows the attendant, privately, who may attend the client once they accept
(``core.support.handover_picker``); its buttons ``convert_to:`` / ``convert_keep:`` convert.
Outside the opening hours the core refuses a plain conversion; the attendant is shown why, with
the same choice's ``_alt`` button to convert at alternative hours agreed with the client.
``convert_alt:<session>`` (offered by earlier releases) converts to any consultant at agreed
hours.
"""

from __future__ import annotations

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import action_blocks
from adapters.slack.context import (
    Body,
    acting_user,
    action_argument,
    action_key,
    action_value,
    language,
    refuse,
    run_confirmable,
    tell_privately,
    where,
)
from core.context import Core
from core.errors import BusinessError
from core.messages import t
from core.outbox import Choice
from core.support import (
    CONVERT_CLOSED,
    HandoverChoice,
    convert_to_consulting,
    handover_picker,
    parse_choice,
)


async def on_convert(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Acknowledge, then show privately who may attend the client (a refusal instead, if any)."""
    await ack()
    try:
        message = await handover_picker(core, int(action_argument(body)), acting_user(body))
    except BusinessError as error:
        await refuse(client, core, body, error)
        return
    section = {"type": "section", "text": {"type": "mrkdwn", "text": message.text}}
    channel, thread = where(body)
    await tell_privately(
        client,
        channel or body.get("channel_id"),
        acting_user(body),
        message.text,
        thread_ts=thread,
        blocks=[section, *action_blocks(message.choices)],
    )


async def on_convert_choice(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """A choice of the picker: convert, handing over to an area or keeping the client."""
    await ack()
    choice = parse_choice(core, action_value(body))
    await _convert(core, body, client, choice)


async def on_convert_alternative(
    core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient
) -> None:
    """``convert_alt:<session>`` (earlier releases): any consultant, at agreed hours."""
    await ack()
    choice = HandoverChoice(int(action_argument(body)), 0, None, False, True)
    await _convert(core, body, client, choice)


async def _convert(core: Core, body: Body, client: AsyncWebClient, choice: HandoverChoice) -> None:
    work = convert_to_consulting(
        core,
        choice.session_id,
        by_staff_key=acting_user(body),
        area=choice.area,
        keep=choice.keep,
        alternative_hours=choice.alternative_hours,
        inbound=action_key(body),
    )
    label = t("support.convert.confirm_alternative", language(core))
    confirm = Choice(choice.confirming(), label, "primary")
    await run_confirmable(core, client, body, work, refusal=CONVERT_CLOSED, confirm=confirm)

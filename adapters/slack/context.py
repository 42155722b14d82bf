"""Helpers shared by the Slack listeners: dedup keys, the acting user, refusals as ephemerals.

Deduplication keys (the core records them with its effect, in one transaction):

- events: ``("slack", event_id)`` — identical on a retry (``X-Slack-Retry-Num``);
- block actions: ``("slack", "action:<action_ts>:<user>:<value>")`` — a platform redelivery
  repeats ``action_ts``; two clicks (even on the same button) have two;
- slash commands: ``("slack", "command:<trigger_id>")``;
- view submissions: ``("slack", "view:<view id>:<hash>")`` — a refused submission rolls back
  with its key, so the corrected one is acted on.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import action_blocks
from core.client import Outcome, outcome_of
from core.consultants import areas_by_consultant, list_consultants
from core.context import Core
from core.errors import BusinessError
from core.outbox import Choice
from core.queue import status_name

logger = logging.getLogger(__name__)

SOURCE = "slack"

Body = dict[str, Any]


def event_key(body: Body) -> tuple[str, str]:
    """The inbound key of an Events API delivery."""
    return (SOURCE, str(body["event_id"]))


def action_key(body: Body) -> tuple[str, str]:
    """The inbound key of a block action (first action of the payload)."""
    action = first_action(body)
    stamp = action.get("action_ts") or body.get("trigger_id") or ""
    return (SOURCE, f"action:{stamp}:{acting_user(body)}:{action.get('value') or ''}")


def command_key(body: Body) -> tuple[str, str]:
    """The inbound key of a slash command."""
    return (SOURCE, f"command:{body.get('trigger_id', '')}")


def view_key(body: Body) -> tuple[str, str]:
    """The inbound key of a modal submission."""
    view = body.get("view") or {}
    return (SOURCE, f"view:{view.get('id', '')}:{view.get('hash', '')}")


def first_action(body: Body) -> dict[str, Any]:
    """The first (and in practice only) action of a ``block_actions`` payload."""
    actions = body.get("actions") or [{}]
    return dict(actions[0])


def action_value(body: Body) -> str:
    """The core action id of the clicked button: its ``action_id``, which bolt matched against
    the listener's pattern (the button's ``value`` holds the same text, but nothing checked it)."""
    return str(first_action(body).get("action_id") or "")


def action_argument(body: Body) -> str:
    """What follows the verb of the action id: ``claim:12`` -> ``"12"``."""
    return action_value(body).partition(":")[2]


def acting_user(body: Body) -> str:
    """The Slack user who clicked, submitted or typed."""
    user = body.get("user")
    if isinstance(user, dict):
        return str(user.get("id", ""))
    return str(body.get("user_id") or user or "")


def where(body: Body) -> tuple[str | None, str | None]:
    """The channel and thread (or message ts) an action came from, when it came from a message."""
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    message = body.get("message") or {}
    thread = message.get("thread_ts") or container.get("thread_ts")
    return channel, thread or container.get("message_ts")


def language(core: Core) -> str:
    """The staff's language (Slack users are staff)."""
    return core.config.language


def render_error(core: Core, error: BusinessError) -> str:
    """A refusal as text in the staff's language."""
    return error.render(language(core))


async def tell_privately(
    client: AsyncWebClient,
    channel: str | None,
    user: str,
    text: str,
    *,
    thread_ts: str | None = None,
    blocks: list[dict[str, Any]] | None = None,
) -> None:
    """An ephemeral note to ``user`` in ``channel`` (or a DM when there is no channel)."""
    try:
        if channel:
            await client.chat_postEphemeral(
                channel=channel, user=user, text=text, thread_ts=thread_ts, blocks=blocks
            )
        else:
            await client.chat_postMessage(channel=user, text=text, blocks=blocks)
    except SlackApiError as error:
        logger.warning("could not tell %s privately in %s: %s", user, channel, _reason(error))


def _reason(error: SlackApiError) -> object:
    """Slack's one-word reason (``channel_not_found``...), for a one-line log."""
    return error.response.get("error") if error.response is not None else error


async def refuse(client: AsyncWebClient, core: Core, body: Body, error: BusinessError) -> None:
    """Show a business refusal to the acting user, ephemerally where they acted."""
    channel, thread = where(body)
    channel = channel or body.get("channel_id")
    await tell_privately(
        client, channel, acting_user(body), render_error(core, error), thread_ts=thread
    )


async def guarded(core: Core, client: AsyncWebClient, body: Body, work: Awaitable[Any]) -> bool:
    """Await ``work`` after the ack; True when it went through.

    A business refusal is shown to the acting user; anything else is logged with context and
    answered with a short apology here (raising to bolt after an early ack can race its ack
    polling and turn the HTTP answer into a 404).
    """
    what = f"slack {action_value(body) or body.get('command')} by {acting_user(body)}"
    outcome = await outcome_of(work, language(core), what)
    await tell_outcome(client, body, outcome)
    return outcome.done


async def tell_outcome(
    client: AsyncWebClient, body: Body, outcome: Outcome, *, confirm: Choice | None = None
) -> None:
    """Show a refused or failed action to the acting user, privately where they acted.

    ``confirm``: a button offered with the refusal (for example, to go on at agreed
    alternative hours).
    """
    if outcome.notice is None:
        return
    channel, thread = where(body)
    channel = channel or body.get("channel_id")
    blocks = None
    if confirm is not None:
        section = {"type": "section", "text": {"type": "mrkdwn", "text": outcome.notice}}
        blocks = [section, *action_blocks((confirm,))]
    user = acting_user(body)
    await tell_privately(client, channel, user, outcome.notice, thread_ts=thread, blocks=blocks)


async def run_confirmable(
    core: Core,
    client: AsyncWebClient,
    body: Body,
    work: Awaitable[Any],
    *,
    refusal: str,
    confirm: Choice,
) -> None:
    """Run ``work`` after the ack; its refusal ``refusal`` comes with the ``confirm`` button
    (e.g. "go on at agreed alternative hours"), any other with its reason only."""
    what = f"slack {action_value(body)} by {acting_user(body)}"
    outcome = await outcome_of(work, language(core), what)
    await tell_outcome(client, body, outcome, confirm=confirm if outcome.key == refusal else None)


async def consultant_options(core: Core, *, exclude: str | None = None) -> list[tuple[str, str]]:
    """Active consultants as ``(id, "Name — areas")`` select options, minus ``exclude``'s user."""
    async with core.db.uow() as uow:
        consultants = await list_consultants(uow, active_only=True)
        areas = await areas_by_consultant(uow)
    options = []
    for consultant in consultants:
        if consultant.id is None or consultant.staff_key == (exclude or "").upper():
            continue
        status = status_name(consultant.status, language(core))
        served = ", ".join(areas.get(consultant.id, []))
        options.append((str(consultant.id), f"{consultant.name} ({status}) {served}".strip()))
    return options


async def submit_view(
    ack: AsyncAck, core: Core, work: Awaitable[Any], field_for: Callable[[str], str]
) -> None:
    """Run a modal's core call; a refusal comes back inside the modal, on ``field_for(key)``."""
    try:
        await work
    except BusinessError as error:
        await ack(
            response_action="errors", errors={field_for(error.key): render_error(core, error)}
        )
        return
    await ack()

"""Messages in the requests and support channels' threads: a session's staff side, relayed.

Top-level posts, other channels, bots (``bot_id``, ``bot_message``, the bot itself) and edits or
deletions are ignored. ``//`` notes are the core's business (kept, not relayed).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncBoltContext

from adapters.slack.context import Body, event_key
from core.context import Core
from core.errors import BusinessError
from core.outbox import Address, Attachment
from core.sessions import relay_from_staff

logger = logging.getLogger(__name__)

RELAYED_SUBTYPES = frozenset({None, "file_share", "thread_broadcast"})


def attachment_of(file: dict[str, Any]) -> Attachment:
    """A Slack file shared in a thread as the core's attachment (its private URL)."""
    mime = str(file.get("mimetype") or "")
    kind = (
        "photo"
        if mime.startswith("image/")
        else "video"
        if mime.startswith("video/")
        else "voice"
        if mime.startswith("audio/")
        else "document"
    )
    return Attachment(kind, "slack", str(file["url_private"]), file.get("name"), mime or None)


def session_channels(core: Core) -> frozenset[str]:
    """The Slack channels whose threads are sessions."""
    staff = core.config.staff
    return frozenset(a.id for a in (staff.requests, staff.support) if a.channel == "slack")


def is_staff_reply(event: dict[str, Any], channels: frozenset[str], bot_user: str | None) -> bool:
    """A person's reply in a thread of one of ``channels``."""
    return (
        event.get("channel") in channels
        and bool(event.get("thread_ts"))
        and event.get("thread_ts") != event.get("ts")
        and event.get("subtype") in RELAYED_SUBTYPES
        and not event.get("bot_id")
        and bool(event.get("user"))
        and event.get("user") != bot_user
    )


async def on_message(
    core: Core, body: Body, event: dict[str, Any], context: AsyncBoltContext
) -> None:
    """Relay a thread reply to the session's client (once per ``event_id``)."""
    if not is_staff_reply(event, session_channels(core), context.bot_user_id):
        return
    files = tuple(attachment_of(f) for f in event.get("files") or () if f.get("url_private"))
    thread = Address("slack", event["channel"], event["thread_ts"])
    try:
        await relay_from_staff(
            core, thread, event["user"], event.get("text"), files, inbound=event_key(body)
        )
    except BusinessError as error:  # not a session thread, or the session ended
        logger.info("thread reply not relayed (%s): %s", error.key, thread)

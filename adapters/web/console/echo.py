"""A staff member's own messages in the session's thread, as the console shows them.

The core relays what staff write in a session to the client only: on Slack the message is
already in the thread, where its author typed it. The console's thread is a web staff room, so
once the core has accepted the relay (a ``relay`` outbox row to the client exists for it) the
console writes the author's text and files to the thread as a ``web_message`` of its own
(``purpose`` :data:`STAFF_ECHO`, ``author`` the staff key). Nothing is sent anywhere: Slack
never sees it, and a refusal, an internal note or a repeated form (a double submit the core
ignored) leaves no echo. Its ``outbound_id`` is the relay row's id made negative: unique like a
delivered row's, so two submits racing cannot show the message twice, and never one of the
sender's (always positive) ids.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict

from adapters.web.hub import Hub
from adapters.web.render import is_file_id
from core.context import Core
from core.models import ConsultingSession, Outbound, WebMessage
from core.outbox import Attachment
from core.views import newest_outbox_id, relay_rows
from core.webchat import add_staff_echo

logger = logging.getLogger(__name__)

STAFF_ECHO = "staff_echo"
"""``purpose`` of a staff member's own message shown in the console's thread."""


async def outbox_mark(core: Core) -> int:
    """The newest outbox row id now: the relay this request makes comes after it."""
    return await newest_outbox_id(core.db)


async def show_own(
    core: Core,
    hub: Hub,
    session: ConsultingSession,
    after: int,
    *,
    room: str,
    thread: str,
    author: str,
    name: str,
    text: str | None,
    attachments: Sequence[Attachment] = (),
) -> int | None:
    """After ``relay_from_staff``: the author's message in the thread, once, if it was relayed.

    The first relay row after ``after`` with this text (or file) not shown yet is the one this
    request made (the same text sent twice on purpose makes two rows, each shown once); None
    when the core relayed nothing (a refusal, a note, a repeated form).
    """
    assert session.id is not None
    file_ids = [a.ref for a in attachments if a.channel == "web" and is_file_id(a.ref)]
    rows = await relay_rows(
        core.db,
        session.id,
        session.contact_id,
        after,
        text=None if file_ids else text,
        file_id=file_ids[0] if file_ids else None,
    )
    for relayed in rows:
        shown = await _write(core, hub, relayed, room, thread, author, name, text, attachments)
        if shown is not None:
            return shown
    return None


async def _write(
    core: Core,
    hub: Hub,
    relayed: Outbound,
    room: str,
    thread: str,
    author: str,
    name: str,
    text: str | None,
    attachments: Sequence[Attachment],
) -> int | None:
    """The echo row of ``relayed`` (None: it is in the thread already)."""
    assert relayed.id is not None
    files = [asdict(a) for a in attachments if a.channel == "web" and is_file_id(a.ref)]
    row = WebMessage(
        address=room,
        thread=thread,
        outbound_id=-relayed.id,
        payload={
            "text": (text or "").strip(),
            "title": name,
            "author": author,
            "purpose": STAFF_ECHO,
            "attachments": files,
        },
        created_at=core.clock.now(),
    )
    row_id = await add_staff_echo(core.db, row)
    if row_id is None:
        logger.info("staff message of relay %s already in the thread", relayed.id)
        return None
    hub.notify(room, row_id)
    return row_id

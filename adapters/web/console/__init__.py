"""The staff console (``/console``) for consultants, secretaries and support without Slack.

Pages: the queue with *Aceitar*, my sessions, status and messages (``queue``); a session's
conversation, actions and files to the client (``session_page``, ``upload``), the
past sessions beside it (``history``), the staff member's typing signal (``typing``) and the
composer's saved replies (``replies``); support
conversations and link requests (``rooms``); the booking form and the bookings list
(``booking``); a consultant's calendar feed address (``calendar``). The sign-in (``/login``)
is ``adapters.web.auth``, set up here too. Every
change is a core call, the same the Slack listeners make (``actions`` maps the choices of
staff-room messages).

With Slack configured (``WebConfig.staff_on_web`` false) the rooms live in Slack: the console
shows the queue and sessions read-only and says so; bookings work the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from adapters.web import auth
from adapters.web.console import booking, calendar, offline, queue, replies, rooms, session_page
from adapters.web.files import WebFiles

if TYPE_CHECKING:
    from adapters.web.context import WebContext


def setup(app: web.Application, ctx: WebContext) -> None:
    """Register the sign-in and the console's routes on ``app``."""
    auth.setup(app, ctx)
    queue.add_routes(app)
    session_page.add_routes(app, WebFiles(ctx.config.files_dir))
    rooms.add_routes(app)
    booking.add_routes(app)
    offline.add_routes(app)
    calendar.add_routes(app)
    replies.add_routes(app)

"""A staff member is typing in a session's composer: ``POST /console/session/<id>/typing``.

Signed in with a console role and CSRF-checked like the other console posts (the page sends the
``X-CSRF-Token`` header; no one-time nonce: a repeated signal does nothing more). Only someone
who may act in the open session (``core.sessions.may_act``: its participants; anyone who may
answer a support chat nobody took) signals; others get a refusal in their language. The signal
goes to the web chat of the session's client and colleagues (``typing:client:<address>``,
``Hub.typing``); a client on another channel gets nothing. One person's signals for a session
are taken at most every :data:`MIN_INTERVAL` seconds (the page sends one every 3 s at most);
signals are process-local and nothing is written to the database.
"""

from __future__ import annotations

import logging
import time

from aiohttp import web

from adapters.web.auth import staff_required
from adapters.web.console.common import CONSOLE_ROLES, ctx_of, user_of
from adapters.web.console.upload import session_id_of
from adapters.web.stream import visitor_of
from core.messages import t
from core.models import SessionStatus
from core.sessions import may_act
from core.views import may_read_session, session_detail

logger = logging.getLogger(__name__)

MIN_INTERVAL = 2.0
"""Seconds between two signals of one person for one session (more are answered, not sent)."""
REMEMBERED = 2000
"""How many recent ``(person, session)`` signals the throttle remembers at most."""
CLIENT_KEY = "typing:client:{address}"
"""The hub key a client's chat page listens on (its web address id)."""


class Throttle:
    """When each person last signalled for each session (this app, this process)."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, int], float] = {}

    def too_soon(self, who: str, session_id: int) -> bool:
        """Whether ``who`` signalled for ``session_id`` less than :data:`MIN_INTERVAL` ago
        (else this signal is remembered)."""
        now = time.monotonic()
        key = (who, session_id)
        if now - self._last.get(key, float("-inf")) < MIN_INTERVAL:
            return True
        if len(self._last) >= REMEMBERED:
            for old in [k for k, at in self._last.items() if now - at >= MIN_INTERVAL]:
                del self._last[old]
            if len(self._last) >= REMEMBERED:
                self._last.clear()
        self._last[key] = now
        return False


THROTTLE = web.AppKey("consultoria.console.typing", Throttle)


def _refused(text: str, status: int) -> web.Response:
    return web.json_response({"ok": False, "notice": text}, status=status)


@staff_required(*CONSOLE_ROLES)
async def staff_typing(request: web.Request) -> web.StreamResponse:
    """Tell the session's client on the web chat that this staff member is typing."""
    user = await user_of(request)
    ctx = ctx_of(request)
    session_id = session_id_of(request)
    language = user.language
    if not ctx.config.staff_on_web:
        return _refused(t("web.console.slack_notice", language), 409)
    async with ctx.core.db.read() as uow:
        detail = await session_detail(uow, session_id)
        if detail is None:
            return _refused(t("web.console.session.not_found", language), 404)
        ended = detail.session.status != SessionStatus.OPEN
        allowed = not ended and await may_act(uow, detail.session, user.staff_key)
        was_in = ended and await may_read_session(uow, detail.session, user.staff_key)
    if was_in:
        return _refused(t("web.console.session.ended", language), 409)
    if not allowed:
        return _refused(t("web.console.session.forbidden", language), 403)
    if request.app[THROTTLE].too_soon(user.staff_key, session_id):
        return web.json_response({"ok": True, "sent": False})
    origin = visitor_of(request)
    label = user.name or user.login
    for address in detail.web_clients:
        ctx.hub.typing(CLIENT_KEY.format(address=address), origin, label, "staff")
    return web.json_response({"ok": True, "sent": bool(detail.web_clients)})


def add_routes(app: web.Application) -> None:
    """Register the typing route (and its throttle)."""
    app[THROTTLE] = Throttle()
    app.router.add_post(r"/console/session/{session_id}/typing", staff_typing)

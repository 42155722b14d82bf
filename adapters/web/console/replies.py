"""``GET /console/session/<id>/replies?q=``: the saved replies the composer's ``/`` picker offers.

JSON ``{"replies": [{"id", "title", "language", "text"}]}``: active replies whose title or text
match ``q``, rendered for the session's client (their language first), for a person who may
write in the session only (403 otherwise, 404 for no session). The picker (``replies.js``)
puts the chosen text into the composer, where it can be edited before it is sent like any
typed message (``POST .../send``). Without JavaScript (``?format=html``) the same replies come
as a page of forms, each an editable text sent through that same ``POST .../send``.
"""

from __future__ import annotations

from aiohttp import web

from adapters.web.auth import staff_required, web_context
from adapters.web.console.common import CONSOLE_ROLES, notice_page, render, status_of, user_of
from adapters.web.console.upload import session_id_of
from adapters.web.context import WebContext
from core.errors import Forbidden, NotFound
from core.replies import replies_for_session

QUERY_MAX = 100


@staff_required(*CONSOLE_ROLES)
async def session_replies(request: web.Request) -> web.StreamResponse:
    """The replies matching ``q``, rendered for this session's client."""
    user = await user_of(request)
    ctx: WebContext = web_context(request)
    query = request.query.get("q", "")[:QUERY_MAX]
    session_id = session_id_of(request)
    page = request.query.get("format") == "html"
    try:
        found = await replies_for_session(ctx.core, session_id, user.staff_key, query)
    except (Forbidden, NotFound) as error:
        reason = error.render(user.language)
        if page:
            back = f"/console/session/{session_id}"
            return notice_page(request, user, reason, status_of(error), back)
        return _json({"error": reason}, status_of(error))
    if page:
        return render(
            request, user, "console/replies.html", session_id=session_id, query=query, found=found
        )
    rows = [{"id": r.id, "title": r.title, "language": r.language, "text": r.text} for r in found]
    return _json({"replies": rows}, 200)


def _json(body: object, status: int) -> web.Response:
    response = web.json_response(body, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def add_routes(app: web.Application) -> None:
    """Register the picker's endpoint."""
    app.router.add_get(r"/console/session/{session_id}/replies", session_replies)

"""``/dashboard/replies``: the saved replies staff insert into sessions (managers, admins).

- ``GET /dashboard/replies``: the list and the form for a new one;
- ``POST /dashboard/replies``: create (``action=preview`` only shows the preview);
- ``GET|POST /dashboard/replies/{id}``: the edit form, and saving it;
- ``POST /dashboard/replies/{id}/active`` (``active=0|1``), ``POST .../delete``.

Every form carries the CSRF token (checked by ``staff_required``). A refused form comes back
with the reason and what was typed, and nothing is stored. The preview fills the placeholders
for a sample client, with the signed-in manager as the sender.
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from adapters.web import auth
from adapters.web.dashboard.common import MANAGERS, page_context, signed_user, web_context
from adapters.web.ids import path_id
from core.errors import InvalidInput, NotFound
from core.messages import LANGUAGES, t
from core.models import SavedReply
from core.replies import (
    TEXT_MAX,
    TITLE_MAX,
    ReplyDraft,
    Values,
    all_replies,
    check_text,
    create_reply,
    delete_reply,
    first_name,
    known_names,
    load_reply,
    render,
    set_reply_active,
    update_reply,
)

logger = logging.getLogger(__name__)

BASE = "/dashboard/replies"


def _reply_id(request: web.Request) -> int:
    return path_id(request, "reply_id")


def _by(user: auth.StaffUser) -> str:
    return f"web:{user.login}"


def _draft(form: Any) -> ReplyDraft:
    return ReplyDraft(
        title=str(form.get("title") or "")[: TITLE_MAX * 4],
        text=str(form.get("text") or "")[: TEXT_MAX * 2],
        language=str(form.get("language") or "")[:8],
    )


def preview(user: auth.StaffUser, text: str, language: str) -> str | None:
    """``text`` rendered for the sample client, the manager as the sender; None if refused."""
    try:
        check_text(text)
    except InvalidInput:
        return None
    sample = Values(
        first_name=first_name(t("replies.sample.client", language), language),
        company=t("replies.sample.company", language),
        consultant=user.name or user.login,
    )
    return render(text, sample)


def _page(
    request: web.Request,
    user: auth.StaffUser,
    *,
    editing: SavedReply | None,
    draft: ReplyDraft,
    replies: list[SavedReply],
    error: str | None = None,
    notice: str | None = None,
    status: int = 200,
) -> web.StreamResponse:
    context = page_context(
        request,
        user,
        "replies",
        replies=replies,
        editing=editing,
        draft=draft,
        preview=preview(user, draft.text, draft.language) if draft.text.strip() else None,
        error=error,
        notice=notice,
        languages=LANGUAGES,
        known=known_names(),
        title_max=TITLE_MAX,
        text_max=TEXT_MAX,
    )
    response = aiohttp_jinja2.render_template(
        "dashboard/replies.html", request, context, status=status
    )
    response.headers["Cache-Control"] = "no-store"
    return response


async def _list(request: web.Request) -> list[SavedReply]:
    async with web_context(request).core.db.read() as uow:
        return await all_replies(uow)


async def _known(request: web.Request, reply_id: int) -> SavedReply:
    try:
        async with web_context(request).core.db.read() as uow:
            return await load_reply(uow, reply_id)
    except NotFound:
        raise web.HTTPNotFound() from None


def _notice(request: web.Request, language: str) -> str | None:
    done = request.query.get("done")
    if done in ("saved", "deleted"):
        return t(f"replies.{done}", language)
    return None


@auth.staff_required(*MANAGERS)
async def replies_page(request: web.Request) -> web.StreamResponse:
    """The list and an empty form for a new reply."""
    user = await signed_user(request)
    draft = ReplyDraft("", "", user.language)
    replies = await _list(request)
    notice = _notice(request, user.language)
    return _page(request, user, editing=None, draft=draft, replies=replies, notice=notice)


@auth.staff_required(*MANAGERS)
async def edit_page(request: web.Request) -> web.StreamResponse:
    """One reply's form, filled in, with its preview."""
    user = await signed_user(request)
    reply = await _known(request, _reply_id(request))
    draft = ReplyDraft(reply.title, reply.text, reply.language)
    notice = _notice(request, user.language)
    return _page(request, user, editing=reply, draft=draft, replies=[], notice=notice)


async def _save(request: web.Request, reply_id: int | None) -> web.StreamResponse:
    user = await signed_user(request)
    form = await request.post()
    draft = _draft(form)
    editing = await _known(request, reply_id) if reply_id is not None else None
    core = web_context(request).core
    try:
        if form.get("action") == "preview":
            check_text(draft.text)
            saved = None
        elif reply_id is None:
            saved = await create_reply(core, draft, by=_by(user))
        else:
            saved = await update_reply(core, reply_id, draft, by=_by(user))
    except InvalidInput as error:
        replies = [] if editing else await _list(request)
        reason = error.render(user.language)
        return _page(
            request, user, editing=editing, draft=draft, replies=replies, error=reason, status=422
        )
    if saved is None:
        replies = [] if editing else await _list(request)
        return _page(request, user, editing=editing, draft=draft, replies=replies)
    logger.info("saved reply %s saved by %s", saved.id, user.login)
    raise web.HTTPSeeOther(f"{BASE}/{saved.id}?done=saved")


@auth.staff_required(*MANAGERS)
async def create(request: web.Request) -> web.StreamResponse:
    """Store a new reply (or only preview it)."""
    return await _save(request, None)


@auth.staff_required(*MANAGERS)
async def update(request: web.Request) -> web.StreamResponse:
    """Change a reply (or only preview the change)."""
    return await _save(request, _reply_id(request))


@auth.staff_required(*MANAGERS)
async def toggle(request: web.Request) -> web.StreamResponse:
    """Deactivate a reply (no longer offered) or activate it again."""
    user = await signed_user(request)
    reply_id = _reply_id(request)
    active = str((await request.post()).get("active") or "") == "1"
    try:
        await set_reply_active(web_context(request).core, reply_id, active, by=_by(user))
    except NotFound:
        raise web.HTTPNotFound() from None
    logger.info("saved reply %s active=%s by %s", reply_id, active, user.login)
    raise web.HTTPSeeOther(f"{BASE}?done=saved")


@auth.staff_required(*MANAGERS)
async def delete(request: web.Request) -> web.StreamResponse:
    """Delete a reply for good."""
    user = await signed_user(request)
    reply_id = _reply_id(request)
    try:
        await delete_reply(web_context(request).core, reply_id)
    except NotFound:
        raise web.HTTPNotFound() from None
    logger.info("saved reply %s deleted by %s", reply_id, user.login)
    raise web.HTTPSeeOther(f"{BASE}?done=deleted")


def add_routes(app: web.Application) -> None:
    """Register the saved replies' pages."""
    router = app.router
    router.add_get(BASE, replies_page)
    router.add_post(BASE, create)
    router.add_get(BASE + "/{reply_id}", edit_page)
    router.add_post(BASE + "/{reply_id}", update)
    router.add_post(BASE + "/{reply_id}/active", toggle)
    router.add_post(BASE + "/{reply_id}/delete", delete)

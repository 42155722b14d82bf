"""Files from staff in a session's composer: ``POST /console/session/<id>/upload``.

The form (``multipart/form-data``: ``csrf_token``, ``nonce``, ``text`` caption, ``file``) works
without JavaScript (the token in the form, a redirect back to the session) and from
``console.js`` (the ``X-CSRF-Token`` header, ``Accept: application/json``, a ``{"ok": ...}``
answer with a fresh nonce for the next file). The body is read as a stream, never more than
the web chat's limit (:data:`adapters.web.files.MAX_UPLOAD_BYTES`), so the app's 1 MB limit on
ordinary forms does not apply. The same types as the client chat are accepted (checked by their
first bytes). What cannot be sent (no file, too big, wrong type, a ``//`` note, an ended session,
someone not in it) is refused in the staff member's language beside the field, storing nothing;
the file is kept (``WebFiles.save``) and relayed (``relay_from_staff``) only then, and deleted
again when the core did not relay it (a double submit: the form's nonce is the one-time key).
A relayed file is shown in the session's thread as the sender's (``echo``).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from adapters.web.auth import (
    CSRF_FIELD,
    CSRF_HEADER,
    StaffUser,
    current_staff,
    forbidden,
    login_url,
)
from adapters.web.console.common import (
    CONSOLE_ROLES,
    ctx_of,
    inbound_key,
    new_nonce,
    notice_page,
)
from adapters.web.console.echo import outbox_mark, show_own
from adapters.web.files import MAX_UPLOAD_BYTES, WebFiles, accepted_extensions, classify
from adapters.web.ids import path_id
from adapters.web.uploads import (
    FIELD_MAX,
    UploadKeys,
    UploadRefused,
    carries,
    check_upload,
    megabytes,
    read_multipart,
)
from core.context import Core
from core.messages import t
from core.outbox import Address
from core.sessions import relay_from_staff
from core.views import relay_payloads, relay_refusal, session_detail

logger = logging.getLogger(__name__)

_FIELDS = ("csrf_token", "nonce", "text")
CHECKED_ROWS = 20
"""How many of the session's newest relayed rows are searched for the file just sent."""
Page = Callable[..., Awaitable[web.StreamResponse]]
"""The session page, re-rendered with a field error (``session_page``'s)."""


def session_id_of(request: web.Request) -> int:
    """The session id of the URL (404 when it is not a number)."""
    return path_id(request, "session_id")


KEYS = UploadKeys(
    bad_request="web.console.upload.bad_request",
    too_big="web.console.upload.too_big",
    missing="web.console.upload.missing",
    empty="web.console.upload.empty",
    too_long="web.console.upload.too_long",
)


async def read_form(request: web.Request) -> tuple[dict[str, str], bytes, str]:
    """The form's fields, the file's bytes and name; UploadRefused (a console text key)."""
    body_max = MAX_UPLOAD_BYTES + 4 * FIELD_MAX
    return await read_multipart(request, _FIELDS, KEYS, limit=MAX_UPLOAD_BYTES, body_max=body_max)


def _token_ok(sent: str | None, user: StaffUser) -> bool:
    return bool(sent) and secrets.compare_digest(str(sent).encode(), user.csrf_token.encode())


def _check(fields: dict[str, str], data: bytes, name: str) -> tuple[str, str]:
    """``(kind, mime type)`` of an acceptable upload; UploadRefused otherwise."""
    check_upload(name, data, fields.get("text", ""), KEYS)
    found = classify(name, data)
    if found is None:
        raise UploadRefused("web.console.upload.type", 415, name=name[:80])
    return found


async def relayed(core: Core, session_id: int, file_id: str) -> bool:
    """Whether one of the session's newest relayed messages carries the web file ``file_id``."""
    return carries(await relay_payloads(core.db, session_id, CHECKED_ROWS), file_id)


def upload_context(language: str) -> dict[str, Any]:
    """What the session page's file form shows: types, limit, hint."""
    limit = megabytes(MAX_UPLOAD_BYTES, language)
    return {
        "accept": ",".join(accepted_extensions()),
        "max_bytes": MAX_UPLOAD_BYTES,
        "attach_hint": t("web.console.session.attach_hint", language, limit=limit),
        "too_big": t("web.console.upload.too_big", language, limit=limit),
    }


class UploadView:
    """The handler, bound to the web files."""

    def __init__(self, files: WebFiles, page: Page) -> None:
        self.files = files
        self.page = page

    async def upload(self, request: web.Request) -> web.StreamResponse:
        """A staff member's file (and caption) to the session's client."""
        user = await current_staff(request)
        if user is None:
            raise web.HTTPSeeOther(login_url(request))
        if not user.has(*CONSOLE_ROLES):
            raise forbidden(request, user, "web.console.auth.forbidden")
        session_id = session_id_of(request)
        wants_json = "application/json" in request.headers.get("Accept", "")
        header = request.headers.get(CSRF_HEADER)
        if header is not None and not _token_ok(header, user):
            return self._csrf_refused(request, user, wants_json)
        try:
            fields, data, name = await read_form(request)
        except UploadRefused as refused:  # nothing changes: the refusal needs no token
            return await self._refuse(request, user, session_id, refused, {}, wants_json)
        if header is None and not _token_ok(fields.get(CSRF_FIELD), user):
            return self._csrf_refused(request, user, wants_json)
        ctx = ctx_of(request)
        if not ctx.config.staff_on_web:
            text = t("web.console.slack_notice", user.language)
            if wants_json:
                return web.json_response({"ok": False, "notice": text}, status=409)
            return notice_page(request, user, text, 409, f"/console/session/{session_id}")
        try:
            kind, mime = _check(fields, data, name)
        except UploadRefused as refused:
            return await self._refuse(request, user, session_id, refused, fields, wants_json)
        caption = fields.get("text", "").strip()
        core = ctx.core
        async with core.db.uow() as uow:
            detail = await session_detail(uow, session_id)
        if detail is None:
            raise web.HTTPNotFound()
        room, ref = detail.room, detail.thread_ref
        reason = await relay_refusal(core.db, session_id, user.staff_key)
        marker = core.config.internal_note_marker
        if reason is None and (room is None or ref is None):
            reason = "sessions.relay.not_a_session"
        if reason is None and marker and caption.startswith(marker):
            reason = "web.console.upload.note"
        if reason is not None or room is None or ref is None:
            late = UploadRefused(reason or "", 409, id=session_id)
            return await self._refuse(request, user, session_id, late, fields, wants_json)
        thread = Address(core.config.staff.requests.channel, room, ref)
        stored = await self.files.save(data, name, mime, kind)
        inbound = inbound_key(request, user, {"nonce": fields.get("nonce", ""), "action": "upload"})
        mark = await outbox_mark(core)
        try:
            await relay_from_staff(
                core,
                thread,
                user.staff_key,
                caption or None,
                [stored.attachment()],
                inbound=inbound,
            )
        except BaseException:
            await self.files.forget([stored.id])
            raise
        if not await relayed(core, session_id, stored.id):  # a double submit, or a late refusal
            logger.info("console upload of %s not relayed (session %s)", user.login, session_id)
            await self.files.forget([stored.id])
        else:
            logger.info("console upload of %s relayed (session %s)", user.login, session_id)
            await show_own(
                core,
                ctx.hub,
                detail.session,
                mark,
                room=room,
                thread=ref,
                author=user.staff_key,
                name=user.name or user.login,
                text=caption,
                attachments=[stored.attachment()],
            )
        if wants_json:
            return web.json_response({"ok": True, "nonce": new_nonce()})
        raise web.HTTPSeeOther(f"/console/session/{session_id}#composer")

    def _csrf_refused(
        self, request: web.Request, user: StaffUser, wants_json: bool
    ) -> web.StreamResponse:
        logger.warning("CSRF token mismatch for %s on %s", user.login, request.path)
        if wants_json:
            text = t("web.console.auth.csrf", user.language)
            return web.json_response({"ok": False, "notice": text}, status=403)
        raise forbidden(request, user, "web.console.auth.csrf")

    async def _refuse(
        self,
        request: web.Request,
        user: StaffUser,
        session_id: int,
        refused: UploadRefused,
        fields: dict[str, str],
        wants_json: bool,
    ) -> web.StreamResponse:
        text = refusal_text(refused, user.language)
        logger.info("console upload of %s refused: %s", user.login, refused.key)
        if wants_json:
            return web.json_response(
                {"ok": False, "notice": text, "nonce": new_nonce()}, status=refused.status
            )
        typed = {"caption": fields.get("text", "")}
        return await self.page(
            request, user, session_id, status=refused.status, errors={"file": text}, typed=typed
        )


def refusal_text(refused: UploadRefused, language: str) -> str:
    """The refusal in ``language``: the console's own (``web.console.upload.*``, with the file
    limit filled in) or the core's (``sessions.*``)."""
    if refused.key.startswith("sessions."):
        return t(refused.key, language, **refused.params)
    params = {"limit": megabytes(MAX_UPLOAD_BYTES, language)} | refused.params
    return t(refused.key, language, **params)

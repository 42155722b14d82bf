"""The client chat's handlers: the page, its history and live events, and its JSON actions.

Every POST (JSON, or ``multipart/form-data`` for a file) from ``chat.js`` comes with the
browser's CSRF token (else 403, nothing stored) and a client-generated ``message_id`` (the
inbound dedup key: a double submit acts once). Each one makes one call to the core's public
functions, like the Telegram handlers do, and answers ``{"ok": true, "linked": ..., "named": ...}``
(linked to a company; a name given) or
``{"ok": false, "notice": <why, in the client's language>, "stale": bool}``.
What the core says back arrives as messages on ``/chat/events``. A file (``/chat/upload``) is
kept among the web files and handed to the core like a Telegram file, with its caption.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from adapters.web.client.attachments import read_upload
from adapters.web.client.embed import embed_context
from adapters.web.client.identity import (
    WebClient,
    client_or_new,
    csrf_ok,
    known_client,
    remember,
)
from adapters.web.client.texts import page_texts
from adapters.web.context import WebContext
from adapters.web.errors import LANGUAGE_COOKIE, LANGUAGES, visitor_language
from adapters.web.files import MAX_UPLOAD_BYTES, WebFiles, accepted_extensions, classify
from adapters.web.render import message_json
from adapters.web.stream import stream_messages, visitor_of
from adapters.web.uploads import UploadRefused, megabytes
from core import intake
from core.client import Result, command_of, outcome_of, press, typing_target
from core.contacts import find_contact
from core.messages import normalise_language, t
from core.models import WebMessage
from core.outbox import Attachment
from core.rate_limits import Budget, RateLimiter
from core.web_uploads import UploadPolicy, upload_refusal
from core.webchat import add_client_echo, delete_message, read_messages

logger = logging.getLogger(__name__)

TEXT_MAX = 4000
"""Longest message a client may type (Telegram's limit is 4096)."""
CODE_MAX = 40
NAME_MAX = 80
"""Longest name a client may give (the staff see it on cards and in the console)."""
_MESSAGE_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
ECHO = "client_text"
UPLOADS = UploadPolicy(echo_purpose=ECHO)
UNLINKED = Budget("unlinked-ip:", 60, timedelta(hours=1))
"""Messages of browsers not linked yet (access codes tried, link requests) per address."""
"""The limits on each client's files (``core.web_uploads``)."""
TYPING_EVERY = timedelta(seconds=2)
"""A browser's typing signals closer together than this are dropped (the page sends one every
3 s while the client types)."""
TYPING_REMEMBERED = 10_000
"""Browsers whose last typing signal is remembered before the oldest are forgotten."""


class ChatViews:
    """The handlers, bound to one WebContext."""

    def __init__(self, ctx: WebContext, files: WebFiles) -> None:
        self.ctx = ctx
        self.core = ctx.core
        self.files = files
        self.limits = RateLimiter(ctx.core.clock, (UNLINKED,))
        self.typed: dict[str, datetime] = {}
        """When each browser (its key) last signalled typing."""

    # -- pages ---------------------------------------------------------------------------------

    async def root(self, _request: web.Request) -> web.StreamResponse:
        """``/`` -> the chat."""
        raise web.HTTPFound("/chat")

    async def page(self, request: web.Request) -> web.StreamResponse:
        """The chat page (a new browser gets its identity cookie)."""
        client = client_or_new(request)
        language = self._language(request)
        code = request.query.get("code", "").strip()[:CODE_MAX]
        limit = megabytes(MAX_UPLOAD_BYTES, language)
        linked, named = await self._standing(client)
        context = {
            "lang": language,
            "languages": LANGUAGES,
            "texts": page_texts(language),
            "csrf_token": client.csrf_token,
            "code": code,
            "linked": linked,
            "named": named,
            "name_max": NAME_MAX,
            "attach_hint": t("web.chat.attach_hint", language, limit=limit),
            "too_big": t("web.chat.notice.file_too_big", language, limit=limit),
            "accept": ",".join(accepted_extensions()),
            "max_bytes": MAX_UPLOAD_BYTES,
            "timezone": self.core.config.timezone.key,
            "last_id": await self._last_id(client),
        } | embed_context(request, self.ctx.config.frame_ancestors)
        response = aiohttp_jinja2.render_template("client/chat.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        remember(response, client, secure=self.ctx.config.secure_cookies)
        if "lang" in request.query:
            self._set_language_cookie(response, language)
        return response

    async def history(self, request: web.Request) -> web.StreamResponse:
        """This browser's messages (newest 200), oldest first."""
        client = known_client(request)
        if client is None:
            return web.json_response({"messages": [], "linked": False})
        rows = await read_messages(self.core.db, [client.address.id], None, None)
        return web.json_response(
            {"messages": [message_json(row) for row in rows], "linked": await self._linked(client)}
        )

    async def events(self, request: web.Request) -> web.StreamResponse:
        """Server-Sent Events of this browser's messages."""
        client = known_client(request)
        if client is None:
            raise web.HTTPForbidden()
        keys = (typing_key(client),)
        return await stream_messages(request, self.ctx, [client.address.id], None, typing_keys=keys)

    # -- actions -------------------------------------------------------------------------------

    async def start(self, request: web.Request) -> web.StreamResponse:
        """The greeting and menu, or linking with an access code (``{"code": ...}``)."""
        return await self._post(request, self._start)

    async def send(self, request: web.Request) -> web.StreamResponse:
        """Typed text: a command (``/menu``), or whatever the core makes of it."""
        return await self._post(request, self._send)

    async def action(self, request: web.Request) -> web.StreamResponse:
        """A pressed button (``{"action": "terms_ok:12", "ref": "<message ref>"}``)."""
        return await self._post(request, self._action)

    async def upload(self, request: web.Request) -> web.StreamResponse:
        """A file (``multipart/form-data``: ``file``, ``text`` caption, ``message_id``)."""
        language = self._language(request)
        client = known_client(request)
        if not csrf_ok(request, client):
            logger.info("web chat upload refused: no valid CSRF token")
            return _refusal(t("web.chat.notice.csrf", language), 403)
        assert client is not None
        refusal = await upload_refusal(
            self.core.db,
            client.address,
            self.core.clock.now(),
            request.content_length or 0,
            UPLOADS,
        )
        if refusal is not None:
            logger.info("web chat upload refused: %s", refusal.key)
            return _refusal(t(refusal.key, language, **refusal.params), refusal.status)
        try:
            received = await read_upload(request)
        except UploadRefused as refused:
            logger.info("web chat upload refused: %s", refused.key)
            params = {"limit": megabytes(MAX_UPLOAD_BYTES, language)}
            if refused.key == "web.chat.notice.too_long":
                length = int(refused.params.get("length", 0))
                params = {"length": _count("x" * length), "limit": _count("x" * TEXT_MAX)}
            return _refusal(t(refused.key, language, **params), refused.status)
        found = classify(received.name, received.data)
        if found is None:
            logger.info("web chat upload refused: type of %r", received.name[-12:])
            notice = t("web.chat.notice.file_type", language, name=received.name[:80])
            return _refusal(notice, 415)
        kind, mime = found
        message_id = received.message_id
        if not _MESSAGE_ID.match(message_id):
            message_id = secrets.token_urlsafe(12)
        inbound = ("web", f"{client.key}:{message_id}")
        stored = await self.files.save(received.data, received.name, mime, kind)
        attachment = stored.attachment()
        echo = await self._echo(
            client, received.caption, inbound[1], (attachment,), size=len(received.data)
        )
        if echo is None:  # the same message again (double submit): it was handled once
            await self.files.forget([stored.id])
            return await self._answer(client, None)
        caption = received.caption
        problem = await self._call(
            client,
            language,
            lambda: intake.handle_text(
                self.core,
                client.address,
                caption,
                attachments=(attachment,),
                language=language,
                inbound=inbound,
            ),
        )
        if problem is not None:
            await self._forget(echo)
            await self.files.forget([stored.id])
        return await self._answer(client, problem)

    async def typing(self, request: web.Request) -> web.StreamResponse:
        """The client is typing: the staff page of their open session shows it (best effort).

        ``{"ok": true, "sent": bool}``: not sent without an open session, or when this browser
        signalled less than :data:`TYPING_EVERY` ago."""
        language = self._language(request)
        client = known_client(request)
        if not csrf_ok(request, client):
            logger.info("web chat typing refused: no valid CSRF token")
            return _refusal(t("web.chat.notice.csrf", language), 403)
        assert client is not None
        now = self.core.clock.now()
        last = self.typed.get(client.key)
        if last is not None and now - last < TYPING_EVERY:
            return web.json_response({"ok": True, "sent": False})
        self._remember_typing(client.key, now)
        target = await typing_target(self.core.db, client.address)
        if target is None:
            return web.json_response({"ok": True, "sent": False})
        key = f"typing:session:{target.session_id}"
        self.ctx.hub.typing(key, visitor_of(request), target.label, "client")
        return web.json_response({"ok": True, "sent": True})

    async def name(self, request: web.Request) -> web.StreamResponse:
        """The client's name (``{"name": "Ana Souza"}``), shown to the staff."""
        return await self._post(request, self._name)

    async def language(self, request: web.Request) -> web.StreamResponse:
        """Switch the page's and the contact's language (``{"language": "en"}``)."""
        return await self._post(request, self._language_switch)

    # -- internals -----------------------------------------------------------------------------

    def _language(self, request: web.Request) -> str:
        return visitor_language(request, self.ctx.config.language)

    def _set_language_cookie(self, response: web.StreamResponse, language: str) -> None:
        response.set_cookie(
            LANGUAGE_COOKIE,
            language,
            max_age=365 * 24 * 3600,
            path="/",
            httponly=True,
            samesite="Lax",
            secure=self.ctx.config.secure_cookies,
        )

    def _remember_typing(self, key: str, now: datetime) -> None:
        if len(self.typed) >= TYPING_REMEMBERED:
            for old in [k for k, at in self.typed.items() if now - at >= TYPING_EVERY]:
                del self.typed[old]
            if len(self.typed) >= TYPING_REMEMBERED:
                self.typed.clear()
        self.typed[key] = now

    async def _last_id(self, client: WebClient) -> int:
        """The newest message id of this browser's chat (0: none): what came before the page."""
        if client.new:
            return 0
        rows = await read_messages(self.core.db, [client.address.id], None, None, limit=1)
        return rows[-1].id or 0 if rows else 0

    async def _linked(self, client: WebClient) -> bool:
        return (await self._standing(client))[0]

    async def _standing(self, client: WebClient) -> tuple[bool, bool]:
        """Whether the browser's contact is linked to a company, and has a name."""
        if client.new:
            return False, False
        async with self.core.db.read() as uow:
            contact = await find_contact(uow, client.address)
        if contact is None:
            return False, False
        return contact.company_id is not None, bool(contact.name)

    async def _post(
        self,
        request: web.Request,
        act: Callable[[WebClient, str, dict[str, Any], tuple[str, str]], Awaitable[web.Response]],
    ) -> web.StreamResponse:
        language = self._language(request)
        client = known_client(request)
        if not csrf_ok(request, client):
            logger.info("web chat POST %s refused: no valid CSRF token", request.path)
            return _refusal(t("web.chat.notice.csrf", language), 403)
        assert client is not None
        try:
            body = await request.json()
            json.dumps(body, ensure_ascii=False).encode()  # a lone surrogate cannot be stored
        except ValueError:  # not JSON, or UnicodeEncodeError
            body = None
        if not isinstance(body, dict):
            return _refusal(t("web.chat.notice.bad_request", language), 400)
        message_id = str(body.get("message_id") or "")
        if not _MESSAGE_ID.match(message_id):
            message_id = secrets.token_urlsafe(12)
        inbound = ("web", f"{client.key}:{message_id}")
        if act in (self._start, self._send):
            refused = await self._unlinked_limit(request, client, language)
            if refused is not None:
                return refused
        return await act(client, language, body, inbound)

    async def _unlinked_limit(
        self, request: web.Request, client: WebClient, language: str
    ) -> web.Response | None:
        """A browser not linked yet (typing an access code or a company's name: a link request)
        counts against its address's budget; over it, a 429 saying when to try again."""
        if (await self._standing(client))[0]:
            return None
        key = f"{UNLINKED.prefix}{request.remote or '?'}"
        async with self.core.db.uow() as uow:
            wait = await self.limits.wait_minutes(uow, key)
            if not wait:
                await self.limits.count(uow, key)
                await uow.commit()
        if wait:
            logger.info("web chat: unlinked messages from %s throttled", request.remote)
            return _refusal(t("web.chat.notice.unlinked_throttled", language, minutes=wait), 429)
        return None

    async def _start(
        self, client: WebClient, language: str, body: dict[str, Any], inbound: tuple[str, str]
    ) -> web.Response:
        code = body.get("code")
        if code is not None:
            code = str(code).strip()
            if not code:
                return _refusal(t("web.chat.notice.code_empty", language), 400)
            code = code[:CODE_MAX]
        name = _name_of(body) or None
        problem = await self._call(
            client,
            language,
            lambda: intake.start(
                self.core,
                client.address,
                code=code,
                name=name,
                language=language,
                inbound=inbound,
            ),
        )
        return await self._answer(client, problem)

    async def _name(
        self, client: WebClient, language: str, body: dict[str, Any], inbound: tuple[str, str]
    ) -> web.Response:
        """The client's name for the staff (``core.contacts.identify``)."""
        del inbound
        name = _name_of(body)
        if not name:
            return _refusal(t("web.chat.notice.name_empty", language), 400)
        async with self.core.transaction() as uow:
            await intake.identify(uow, self.core, client.address, name=name)
        logger.info("web client %s gave a name", client.key[:8])
        return await self._answer(client, None)

    async def _send(
        self, client: WebClient, language: str, body: dict[str, Any], inbound: tuple[str, str]
    ) -> web.Response:
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            return _refusal(t("web.chat.notice.empty", language), 400)
        if len(text) > TEXT_MAX:
            logger.info("web chat message refused: %s characters", len(text))
            notice = t(
                "web.chat.notice.too_long",
                language,
                length=_count(text),
                limit=_count("x" * TEXT_MAX),
            )
            return _refusal(notice, 400)
        echo = await self._echo(client, text, inbound[1])
        problem = await self._call(
            client, language, self._text_call(client, language, text, inbound)
        )
        if problem is not None and echo is not None:
            await self._forget(echo)
        return await self._answer(client, problem)

    def _text_call(
        self, client: WebClient, language: str, text: str, inbound: tuple[str, str]
    ) -> Callable[[], Awaitable[None]]:
        stripped = text.strip()
        if stripped.startswith("/"):
            name, _, rest = stripped[1:].partition(" ")
            if name.lower() == "start":
                code = rest.strip() or None
                return lambda: intake.start(
                    self.core, client.address, code=code, language=language, inbound=inbound
                )
            command = command_of(name)
            if command is not None:
                return lambda: command(self.core, client.address, inbound)
        return lambda: intake.handle_text(
            self.core, client.address, text, language=language, inbound=inbound
        )

    async def _action(
        self, client: WebClient, language: str, body: dict[str, Any], inbound: tuple[str, str]
    ) -> web.Response:
        action = str(body.get("action") or "")
        ref = body.get("ref")
        outcome = await press(
            self.core,
            client.address,
            action,
            language=language,
            inbound=inbound,
            message_ref=str(ref)[:64] if ref is not None else None,
        )
        if outcome.result is Result.EXPIRED:
            await self._call(
                client, language, lambda: intake.handle_text(self.core, client.address, "")
            )
            return web.json_response({"ok": False, "stale": True, "notice": outcome.notice})
        return await self._answer(client, outcome.notice)

    async def _language_switch(
        self, client: WebClient, language: str, body: dict[str, Any], inbound: tuple[str, str]
    ) -> web.Response:
        del inbound
        wanted = str(body.get("language") or "")
        if wanted not in LANGUAGES:
            return _refusal(t("web.chat.notice.bad_request", language), 400)
        async with self.core.transaction() as uow:
            if await find_contact(uow, client.address) is not None:
                await intake.identify(uow, self.core, client.address, language=wanted)
        response = web.json_response({"ok": True, "notice": t("web.chat.notice.language", wanted)})
        self._set_language_cookie(response, normalise_language(wanted))
        return response

    async def _call(
        self, client: WebClient, language: str, call: Callable[[], Awaitable[None]]
    ) -> str | None:
        """Run one core call; the text to show when it refused or failed."""
        what = f"web client {client.key[:8]}"
        return (await outcome_of(call(), language, what)).notice

    async def _answer(self, client: WebClient, problem: str | None) -> web.Response:
        if problem is not None:
            return web.json_response({"ok": False, "notice": problem, "stale": False})
        linked, named = await self._standing(client)
        return web.json_response({"ok": True, "linked": linked, "named": named})

    async def _echo(
        self,
        client: WebClient,
        text: str,
        key: str,
        attachments: tuple[Attachment, ...] = (),
        *,
        size: int = 0,
    ) -> int | None:
        """Show the client's own text (and files, ``size`` bytes) in their chat, once per id."""
        address = client.address.id
        row = WebMessage(
            address=address,
            payload={
                "text": text,
                "mine": True,
                "purpose": ECHO,
                "client_key": key,
                "attachments": [asdict(a) for a in attachments],
                "bytes": size,
            },
            created_at=self.core.clock.now(),
        )
        row_id = await add_client_echo(self.core.db, row, key)
        if row_id is None:
            return None
        self.ctx.hub.notify(address, row_id)
        return row_id

    async def _forget(self, row_id: int) -> None:
        """Remove an echo whose message the core refused (nothing of it is kept)."""
        await delete_message(self.core.db, row_id)


def typing_key(client: WebClient) -> str:
    """Where the staff's typing signals for this browser's chat go (``Hub.typing``)."""
    return f"typing:client:{client.address.id}"


def _name_of(body: dict[str, Any]) -> str:
    """The name typed (``body["name"]``): spaces collapsed, at most :data:`NAME_MAX` characters."""
    raw = body.get("name")
    if not isinstance(raw, str):
        return ""
    return " ".join(raw.split())[:NAME_MAX].strip()


def _count(text: str) -> str:
    return f"{len(text):,}".replace(",", ".")


def _refusal(notice: str, status: int) -> web.Response:
    return web.json_response({"ok": False, "notice": notice, "stale": False}, status=status)

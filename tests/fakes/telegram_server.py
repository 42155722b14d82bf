"""A small fake Telegram Bot API on 127.0.0.1 for the adapter tests.

It speaks the real shapes (``{"ok": true, "result": ...}``, ``date`` in seconds, errors with
``error_code`` / ``description`` / ``parameters.retry_after``), parses what PTB sends (form or
multipart), records every call, keeps each chat's messages (edits included), serves files and
queued updates (``getUpdates`` honours ``offset``), and fails on demand: 429 with retry_after,
500, 403 "bot was blocked by the user", 400 "chat not found", or a hang.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-TOKEN"
BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Consultoria Online",
    "username": "consultoria_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
_JSON_FIELDS = {"reply_markup", "commands", "scope", "allowed_updates", "link_preview_options"}
_ALLOWED_TAGS = {"b", "i", "u", "s", "code", "pre", "a", "tg-spoiler", "blockquote"}


@dataclass
class Call:
    """One request the fake received."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def chat_id(self) -> str:
        """The ``chat_id`` parameter as text ("" when absent)."""
        return str(self.params.get("chat_id", ""))

    @property
    def text(self) -> str:
        """The ``text`` parameter ("" when absent)."""
        return str(self.params.get("text", ""))

    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data) of every inline button sent."""
        markup = self.params.get("reply_markup") or {}
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


@dataclass
class Failure:
    """How to answer one upcoming call of a method."""

    status: int
    description: str
    retry_after: int | None = None
    hang: bool = False


class _HtmlCheck(HTMLParser):
    """Telegram's HTML parse mode: known tags only, properly nested."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.error: str | None = None
        self.visible: list[str] = []

    def handle_data(self, data: str) -> None:
        self.visible.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ALLOWED_TAGS:
            self.error = f"unsupported start tag {tag!r}"
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.error = f"can't find end tag corresponding to start tag {tag!r}"


def visible_text(text: str, parse_mode: str | None) -> str:
    """The message as Telegram measures it: "1-4096 characters after entities parsing"."""
    if parse_mode != "HTML":
        return text
    check = _HtmlCheck()
    check.feed(text)
    check.close()
    return "".join(check.visible)


def html_error(text: str) -> str | None:
    """Why Telegram would refuse ``text`` in HTML mode, or None."""
    check = _HtmlCheck()
    check.feed(text)
    check.close()
    if check.error is None and check.stack:
        check.error = f"can't find end tag corresponding to start tag {check.stack[-1]!r}"
    return check.error


class FakeTelegram:
    """The fake Bot API server; ``await start()``, point PTB at ``base_url``, ``await stop()``."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.failures: dict[str, list[Failure | None]] = {}
        self.messages: dict[tuple[str, int], dict[str, Any]] = {}
        self.files: dict[str, tuple[str, bytes]] = {}
        self.blocked: set[str] = set()
        self.updates: list[dict[str, Any]] = []
        self._ids = itertools.count(100)
        self._update_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._new_updates = asyncio.Event()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.webhook_url = ""
        """The URL of the last setWebhook ("" when none: getWebhookInfo answers it)."""
        self.webhook_secret: str | None = None
        self.webhook_error: str | None = None
        """``last_error_message`` getWebhookInfo reports (None: no delivery failed)."""

    # -- life ----------------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on 127.0.0.1, on a free port."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Release hanging requests and close."""
        self._closing.set()
        self._new_updates.set()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url``."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- test controls -------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        count: int = 1,
        *,
        status: int = 500,
        description: str | None = None,
        retry_after: int | None = None,
        hang: bool = False,
        after: int = 0,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` with an error (or never answer).

        ``after``: let that many calls of ``method`` succeed first.
        """
        default = {
            429: f"Too Many Requests: retry after {retry_after}",
            403: "Forbidden: bot was blocked by the user",
            400: "Bad Request: chat not found",
        }.get(status, "Internal Server Error")
        failure = Failure(status, description or default, retry_after, hang)
        self.failures.setdefault(method, []).extend([None] * after + [failure] * count)

    def queue_update(self, update: dict[str, Any]) -> int:
        """Serve ``update`` through getUpdates (an ``update_id`` is given when missing)."""
        update.setdefault("update_id", next(self._update_ids))
        self.updates.append(update)
        self._new_updates.set()
        return int(update["update_id"])

    def add_file(self, file_id: str, data: bytes, file_path: str) -> None:
        """A file a client sent, downloadable through getFile."""
        self.files[file_id] = (file_path, data)

    def calls_of(self, *methods: str) -> list[Call]:
        """The calls of these methods, oldest first."""
        return [call for call in self.calls if call.method in methods]

    def sent_to(self, chat_id: str | int, *methods: str) -> list[Call]:
        """Calls to ``chat_id`` (of ``methods``; sendMessage by default)."""
        wanted = methods or ("sendMessage",)
        return [c for c in self.calls_of(*wanted) if c.chat_id == str(chat_id)]

    def texts_to(self, chat_id: str | int) -> list[str]:
        """The texts of sendMessage calls to ``chat_id``."""
        return [call.text for call in self.sent_to(chat_id)]

    def chat_log(self, chat_id: str | int) -> list[dict[str, Any]]:
        """What the chat shows now: its messages (as edited), oldest first."""
        key = str(chat_id)
        return [m for (chat, _), m in sorted(self.messages.items()) if chat == key]

    # -- protocol ------------------------------------------------------------------------------

    @staticmethod
    def ok(result: Any) -> web.Response:
        """A successful Bot API answer."""
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def error(status: int, description: str, retry_after: int | None = None) -> web.Response:
        """A failed Bot API answer in Telegram's shape."""
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.json_response(body, status=status)

    async def _parse(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            params = dict(await request.json())
            return params, files
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = value.file.read()
                params[key] = f"attach://{value.filename}"
            elif key in _JSON_FIELDS:
                params[key] = json.loads(value)
            else:
                params[key] = value
        return params, files

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self.error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await self._parse(request)
        self.calls.append(Call(method, params, files))
        queued = self.failures.get(method)
        failure = queued.pop(0) if queued else None
        if failure is not None:
            if failure.hang:
                await self._closing.wait()
                return self.error(500, "Internal Server Error")
            return self.error(failure.status, failure.description, failure.retry_after)
        handler = getattr(self, "_m_" + re.sub(r"(?<!^)(?=[A-Z])", "_", method).lower(), None)
        if handler is None:
            return self.error(404, "Not Found")
        response: web.Response = await handler(params, files)
        return response

    def _message(self, chat_id: str, **content: Any) -> dict[str, Any]:
        message = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": int(chat_id), "type": "private"},
            "from": BOT_USER,
            **content,
        }
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _refusal(self, chat_id: str) -> web.Response | None:
        if chat_id in self.blocked:
            return self.error(403, "Forbidden: bot was blocked by the user")
        if not chat_id.lstrip("-").isdigit():
            return self.error(400, "Bad Request: chat not found")
        return None

    def _markup_error(self, params: dict[str, Any]) -> web.Response | None:
        for _, data in Call("", params).buttons():
            if len(data.encode()) > 64:
                return self.error(400, "Bad Request: BUTTON_DATA_INVALID")
        return None

    def _text_error(self, params: dict[str, Any]) -> web.Response | None:
        text = str(params.get("text", ""))
        if not text.strip():
            return self.error(400, "Bad Request: message text is empty")
        if len(visible_text(text, params.get("parse_mode"))) > 4096:
            return self.error(400, "Bad Request: message is too long")
        if params.get("parse_mode") == "HTML" and (problem := html_error(text)):
            return self.error(400, f"Bad Request: can't parse entities: {problem}")
        return self._markup_error(params)

    async def _m_get_me(self, params: dict[str, Any], files: dict[str, bytes]) -> web.Response:
        return self.ok(BOT_USER)

    async def _m_send_message(
        self, params: dict[str, Any], files: dict[str, bytes]
    ) -> web.Response:
        chat_id = str(params.get("chat_id", ""))
        problem = self._refusal(chat_id) or self._text_error(params)
        if problem is not None:
            return problem
        content: dict[str, Any] = {"text": params["text"]}
        if params.get("reply_markup"):
            content["reply_markup"] = params["reply_markup"]
        return self.ok(self._message(chat_id, **content))

    async def _edit(self, params: dict[str, Any], text: str | None) -> web.Response:
        chat_id, message_id = str(params.get("chat_id", "")), int(params.get("message_id", 0))
        message = self.messages.get((chat_id, message_id))
        if message is None:
            return self.error(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup")
        new_text = message.get("text") if text is None else text
        if new_text == message.get("text") and markup == message.get("reply_markup"):
            return self.error(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup of "
                "the message",
            )
        message["text"] = new_text
        message["edit_date"] = int(time.time())
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        return self.ok(message)

    async def _m_edit_message_text(
        self, params: dict[str, Any], files: dict[str, bytes]
    ) -> web.Response:
        problem = self._text_error(params)
        return problem or await self._edit(params, str(params.get("text", "")))

    async def _m_edit_message_reply_markup(
        self, params: dict[str, Any], files: dict[str, bytes]
    ) -> web.Response:
        return self._markup_error(params) or await self._edit(params, None)

    async def _m_answer_callback_query(
        self, params: dict[str, Any], files: dict[str, bytes]
    ) -> web.Response:
        return self.ok(True)

    def _store(self, field_name: str, params: dict[str, Any], files: dict[str, bytes]) -> str:
        """The file id of an uploaded file (kept for getFile) or of a re-sent one."""
        if field_name in files:
            file_id = f"F{next(self._file_ids):06d}"
            self.files[file_id] = (f"{field_name}s/{file_id}", files[field_name])
            return file_id
        return str(params.get(field_name, ""))

    async def _send_file(
        self, field_name: str, params: dict[str, Any], files: dict[str, bytes]
    ) -> web.Response:
        chat_id = str(params.get("chat_id", ""))
        problem = self._refusal(chat_id)
        if problem is not None:
            return problem
        file_id = self._store(field_name, params, files)
        meta = {"file_id": file_id, "file_unique_id": f"u{file_id}"}
        if field_name == "photo":
            content: Any = [{**meta, "width": 640, "height": 480}]
        elif field_name == "voice":
            content = {**meta, "duration": 3}
        else:
            content = {**meta, "file_name": f"{file_id}.bin"}
        return self.ok(self._message(chat_id, **{field_name: content}))

    async def _m_send_photo(self, params: dict[str, Any], files: dict[str, bytes]) -> web.Response:
        return await self._send_file("photo", params, files)

    async def _m_send_document(
        self, params: dict[str, Any], files: dict[str, bytes]
    ) -> web.Response:
        return await self._send_file("document", params, files)

    async def _m_send_voice(self, params: dict[str, Any], files: dict[str, bytes]) -> web.Response:
        return await self._send_file("voice", params, files)

    async def _m_get_file(self, params: dict[str, Any], files: dict[str, bytes]) -> web.Response:
        file_id = str(params.get("file_id", ""))
        if file_id not in self.files:
            return self.error(400, "Bad Request: invalid file_id")
        path, data = self.files[file_id]
        return self.ok(
            {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(data),
                "file_path": path,
            }
        )

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        wanted = request.match_info["path"]
        for path, data in self.files.values():
            if path == wanted:
                return web.Response(body=data)
        return web.Response(status=404)

    async def _m_set_my_commands(
        self, params: dict[str, Any], files: dict[str, bytes]
    ) -> web.Response:
        return self.ok(True)

    async def _m_set_webhook(self, params: dict[str, Any], files: dict[str, bytes]) -> web.Response:
        self.webhook_url = str(params.get("url", ""))
        self.webhook_secret = params.get("secret_token")
        return self.ok(True)

    async def _m_delete_webhook(
        self, params: dict[str, Any], files: dict[str, bytes]
    ) -> web.Response:
        self.webhook_url, self.webhook_secret = "", None
        return self.ok(True)

    async def _m_get_webhook_info(
        self, params: dict[str, Any], files: dict[str, bytes]
    ) -> web.Response:
        info: dict[str, Any] = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": 0,
        }
        if self.webhook_url and self.webhook_error:
            info |= {"last_error_date": int(time.time()), "last_error_message": self.webhook_error}
        return self.ok(info)

    async def _m_get_updates(self, params: dict[str, Any], files: dict[str, bytes]) -> web.Response:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if not self.updates and timeout > 0 and not self._closing.is_set():
            self._new_updates.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_updates.wait(), timeout)
        return self.ok(self.updates[:limit])

"""A small fake Slack Web API on 127.0.0.1 for the adapter tests: records calls, fails on demand.

``POST /api/<method>`` answers in Slack's shapes (``{"ok": true, ...}``) for the methods the
adapter uses; any other method answers ``{"ok": true}``. ``fail_next`` queues faults for a
method: ``429`` with ``Retry-After``, a 5xx, an ``ok: false`` error, or a hang (no answer until the
client gives up). Files: ``add_file`` serves bytes at a ``url_private`` that demands the bot token;
uploads (``files_upload_v2``: getUploadURLExternal, POST to the upload URL,
completeUploadExternal) are kept in ``uploads``.

Socket Mode: ``apps.connections.open`` (with the app token) answers ``ws://…/socket``; that
WebSocket says ``hello``, ``push`` sends an envelope to the connected client, and the client's
acknowledgements (``{"envelope_id": …}``) are kept in ``acks`` (``wait_ack`` awaits one).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web


@dataclass
class Call:
    """One Web API call as the fake received it."""

    method: str
    args: dict[str, Any]
    token: str | None
    result: dict[str, Any] = field(default_factory=dict)

    def json_arg(self, name: str) -> Any:
        """An argument that may arrive as a JSON string (form) or as JSON (body)."""
        value = self.args.get(name)
        return json.loads(value) if isinstance(value, str) else value


@dataclass
class Fault:
    """What to answer instead of success: ``kind`` is "429", "5xx", "error" or "hang"."""

    kind: str
    retry_after: int = 1
    status: int = 500
    error: str = "channel_not_found"


@dataclass
class FakeSlack:
    """The fake server; ``await start()``, then point the client at ``base_url``."""

    token: str = "xoxb-test"
    app_token: str = "xapp-test"
    bot_user_id: str = "UBOT"
    bot_id: str = "BBOT"
    team_id: str = "T0001"
    calls: list[Call] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    missing_channels: set[str] = field(default_factory=set)
    """Channel ids the workspace does not have (``conversations.info``: channel_not_found)."""
    outside_channels: set[str] = field(default_factory=set)
    """Channels the bot was not invited to (``is_member`` false)."""
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    uploads: dict[str, bytes] = field(default_factory=dict)
    responses: list[dict[str, Any]] = field(default_factory=list)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    acks: list[dict[str, Any]] = field(default_factory=list)
    sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _acked: asyncio.Condition = field(default_factory=asyncio.Condition)
    _connected: asyncio.Event = field(default_factory=asyncio.Event)
    _disconnected: asyncio.Event = field(default_factory=asyncio.Event)
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None
    _closing: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0
    scopes: list[str] | None = None
    """The bot token's scopes, sent as ``auth.test``'s ``x-oauth-scopes`` header (None: none)."""

    @property
    def root(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The Web API base URL for ``AsyncWebClient(base_url=...)`` (trailing slash)."""
        return f"{self.root}/api/"

    async def start(self) -> None:
        """Listen on a random loopback port."""
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)  # slack_sdk GETs conversations.info
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/files/{name}", self._download)
        app.router.add_post("/response/{id}", self._response)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def close(self) -> None:
        """Release hung requests and stop."""
        self._closing.set()
        for socket in list(self.sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- test controls -------------------------------------------------------------------

    def fail_next(self, method: str, *faults: Fault) -> None:
        """Answer the next calls of ``method`` with ``faults``, in order."""
        self.faults.setdefault(method, []).extend(faults)

    def add_file(self, name: str, data: bytes, mime: str = "application/octet-stream") -> str:
        """Serve ``data``; return its ``url_private``."""
        self.files[name] = (data, mime)
        return f"{self.root}/files/{name}"

    @property
    def response_url(self) -> str:
        """A slash command's ``response_url`` that records what ``respond()`` posts."""
        return f"{self.root}/response/1"

    async def push(self, envelope: dict[str, Any], limit: float = 5.0) -> None:
        """Send a Socket Mode envelope to the connected client (waits for the connection)."""
        await asyncio.wait_for(self._connected.wait(), limit)
        await self.sockets[-1].send_json(envelope)

    async def wait_disconnected(self, limit: float = 5.0) -> None:
        """Return once no Socket Mode client is connected (after at least one was)."""
        await asyncio.wait_for(self._disconnected.wait(), limit)

    async def wait_ack(self, envelope_id: str, limit: float = 5.0) -> dict[str, Any]:
        """The client's acknowledgement of ``envelope_id``, once it arrives."""

        def found() -> dict[str, Any] | None:
            return next((a for a in self.acks if a.get("envelope_id") == envelope_id), None)

        async with self._acked:
            await asyncio.wait_for(self._acked.wait_for(found), limit)
        ack = found()
        assert ack is not None
        return ack

    def calls_to(self, method: str) -> list[Call]:
        """The recorded calls of ``method``, oldest first."""
        return [c for c in self.calls if c.method == method]

    def posted(self, channel: str | None = None, thread: str | None = None) -> list[Call]:
        """``chat.postMessage`` calls, optionally to ``channel`` / in ``thread``."""
        return [
            c
            for c in self.calls_to("chat.postMessage")
            if (channel is None or c.args.get("channel") == channel)
            and (thread is None or c.args.get("thread_ts") == thread)
        ]

    # -- handlers ------------------------------------------------------------------------

    async def _args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json()
            args.update(body if isinstance(body, dict) else {})
        else:
            args.update({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
        return args

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") or args.get("token")
        call = Call(method, args, token)
        self.calls.append(call)
        pending = self.faults.get(method)
        if pending:
            return await self._fault(pending.pop(0))
        if token != (self.app_token if method == "apps.connections.open" else self.token):
            return web.json_response({"ok": False, "error": "invalid_auth"})
        call.result = self._answer(method, args)
        if method == "auth.test" and self.scopes is not None:
            headers = {"x-oauth-scopes": ",".join(self.scopes)}
            return web.json_response(call.result, headers=headers)
        return web.json_response(call.result)

    async def _fault(self, fault: Fault) -> web.Response:
        if fault.kind == "429":
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(fault.retry_after)},
            )
        if fault.kind == "5xx":
            return web.Response(status=fault.status, text="upstream trouble")
        if fault.kind == "hang":
            await self._closing.wait()
            return web.Response(status=503)
        return web.json_response({"ok": False, "error": fault.error})

    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts) * 100:06d}"

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        ok: dict[str, Any] = {"ok": True}
        if method == "auth.test":
            return ok | {
                "url": "https://fake.slack.com/",
                "team": "Fake",
                "user": "bot",
                "team_id": self.team_id,
                "user_id": self.bot_user_id,
                "bot_id": self.bot_id,
            }
        if method == "apps.connections.open":
            return ok | {"url": f"ws://127.0.0.1:{self.port}/socket"}
        if method == "chat.postMessage":
            ts, channel = self._next_ts(), str(args.get("channel", ""))
            channel = f"D{channel}" if channel[:1] in ("U", "W") else channel
            message = {"ts": ts, "text": args.get("text"), "user": self.bot_user_id}
            return ok | {"channel": channel, "ts": ts, "message": message}
        if method == "chat.update":
            return ok | {"channel": args.get("channel"), "ts": args.get("ts")}
        if method == "chat.postEphemeral":
            return ok | {"message_ts": self._next_ts()}
        if method in ("views.open", "views.update", "views.publish", "views.push"):
            view_id = args.get("view_id") or f"V{next(self._ids):04d}"
            return ok | {"view": {"id": view_id, "hash": f"h{next(self._ids)}"}}
        if method == "users.info":
            user = str(args.get("user", ""))
            return ok | {"user": self.users.get(user, {"id": user, "name": user.lower()})}
        if method == "conversations.members":
            members = self.members.get(str(args.get("channel")), [])
            return ok | {"members": members, "response_metadata": {"next_cursor": ""}}
        if method == "conversations.info":
            channel = str(args.get("channel", ""))
            if channel in self.missing_channels:
                return {"ok": False, "error": "channel_not_found"}
            member = channel not in self.outside_channels
            return ok | {"channel": {"id": channel, "name": channel.lower(), "is_member": member}}
        if method == "conversations.open":
            return ok | {"channel": {"id": f"D{args.get('users')}"}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ids):04d}"
            return ok | {"upload_url": f"{self.root}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = args.get("files")
            files = json.loads(files) if isinstance(files, str) else files or []
            return ok | {"files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        return ok

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.sockets.append(socket)
        self._connected.set()
        self._disconnected.clear()
        info = {"app_id": "A0001", "build_number": 1}
        await socket.send_json({"type": "hello", "num_connections": 1, "connection_info": info})
        try:
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    async with self._acked:
                        self.acks.append(json.loads(message.data))
                        self._acked.notify_all()
        finally:
            self.sockets.remove(socket)
            if not self.sockets:
                self._connected.clear()
                self._disconnected.set()
        return socket

    async def _upload(self, request: web.Request) -> web.Response:
        self.uploads[request.match_info["file_id"]] = await request.read()
        return web.Response(text="OK")

    async def _response(self, request: web.Request) -> web.Response:
        self.responses.append(await request.json())
        return web.Response(text="ok")

    async def _download(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.Response(status=403)
        found = self.files.get(request.match_info["name"])
        if found is None:
            return web.Response(status=404)
        return web.Response(body=found[0], content_type=found[1])

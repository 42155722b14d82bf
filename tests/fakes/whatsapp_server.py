"""A small fake of the WhatsApp Cloud API (Graph) on 127.0.0.1 for the adapter tests.

It answers in the documented shapes: ``GET /<version>/<phone-id>`` (the number),
``POST /<version>/<phone-id>/messages`` (``{"messaging_product", "contacts", "messages": [{"id":
"wamid..."}]}``), ``POST /<version>/<phone-id>/media`` (multipart upload -> ``{"id"}``),
``GET /<version>/<media-id>`` (``{"url", "mime_type", "sha256", "file_size", "id"}``) and the
media download itself (bearer token required). It records every call and fails on demand with
the Graph error body (``{"error": {"message", "type", "code", "error_data", "fbtrace_id"}}``).

Template messages are checked against the documented send shape and the "approved" templates in
``templates`` (``APPROVED``): an unknown name is 132001; a component list that does not match the
template (its DOCUMENT header, its body parameters, its quick-reply buttons) is 132000; a
malformed component (a header document without a known uploaded media id or an https link, a body
parameter with a line break, a button without ``sub_type``/``index``/payload) is 131009 or
132018, as the Cloud API answers.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "EAAG-test-access-token"
PHONE_ID = "106540352242922"
VERSION = "v21.0"
DISPLAY_NUMBER = "+55 48 99999-0000"


@dataclass
class Call:
    """One request the fake received."""

    method: str
    path: str
    body: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    wamid: str = ""
    """The id the fake gave a sent message ("" for other calls or a refused one)."""

    @property
    def to(self) -> str:
        """The recipient of a sent message ("" when absent)."""
        return str(self.body.get("to", ""))

    @property
    def kind(self) -> str:
        """The sent message's type."""
        return str(self.body.get("type", ""))

    @property
    def text(self) -> str:
        """The text of a text or interactive message."""
        if self.kind == "text":
            return str(self.body["text"]["body"])
        if self.kind == "interactive":
            return str(self.body["interactive"]["body"]["text"])
        return ""

    def choices(self) -> list[tuple[str, str]]:
        """(id, title) of the buttons or list rows of an interactive message."""
        if self.kind != "interactive":
            return []
        action = self.body["interactive"]["action"]
        if "buttons" in action:
            return [(b["reply"]["id"], b["reply"]["title"]) for b in action["buttons"]]
        return [(r["id"], r["title"]) for s in action["sections"] for r in s["rows"]]


@dataclass(frozen=True)
class Approved:
    """An approved template's shape: its header (None or "document"), how many body parameters,
    how many quick-reply buttons."""

    header: str | None = None
    body_parameters: int = 1
    quick_replies: int = 0


APPROVED = {
    "consultoria_lembrete": Approved(),
    "consultoria_resumo": Approved(),
    "consultoria_abertura": Approved(quick_replies=3),
    "consultoria_agendamento": Approved(header="document"),
    "consultoria_novidade": Approved(body_parameters=0),
    "novidade": Approved(body_parameters=0),
}


@dataclass
class Failure:
    """A queued error answer."""

    status: int
    code: int
    message: str
    retry_after: int | None = None


class FakeGraph:
    """The fake server; ``start``/``stop`` around a test, ``base_url`` for the settings."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.media: dict[str, tuple[bytes, str]] = {}
        self.failures: list[Failure] = []
        self.templates: dict[str, Approved] = dict(APPROVED)
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        """The ``CONSULTORIA_WHATSAPP_API_BASE_URL`` for this fake."""
        return f"http://127.0.0.1:{self.port}"

    def sent(self, to: str | None = None) -> list[Call]:
        """Messages sent (to ``to``), oldest first."""
        return [
            c for c in self.calls if c.path.endswith("/messages") and (to is None or c.to == to)
        ]

    def fail_next(
        self, status: int, code: int, message: str, retry_after: int | None = None
    ) -> None:
        """Answer the next message or upload call with this error."""
        self.failures.append(Failure(status, code, message, retry_after))

    def add_media(self, media_id: str, data: bytes, mime_type: str) -> None:
        """A media a client sent (its id arrives in a webhook)."""
        self.media[media_id] = (data, mime_type)

    async def start(self) -> None:
        """Listen on a free loopback port."""
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Close."""
        if self._runner is not None:
            await self._runner.cleanup()

    @staticmethod
    def _error(failure: Failure) -> web.Response:
        body = {
            "error": {
                "message": failure.message,
                "type": "OAuthException",
                "code": failure.code,
                "error_data": {"messaging_product": "whatsapp", "details": failure.message},
                "fbtrace_id": "AbCdEfGh",
            }
        }
        headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
        return web.json_response(body, status=failure.status, headers=headers)

    def _template_problem(self, template: Any) -> Failure | None:
        """Why the Cloud API would refuse this ``template`` object (None: it goes)."""
        if not isinstance(template, dict) or not isinstance(template.get("name"), str):
            return Failure(400, 100, "(#100) The parameter template['name'] is required.")
        language = template.get("language")
        if not isinstance(language, dict) or not isinstance(language.get("code"), str):
            return Failure(400, 100, "(#100) The parameter template['language'] is required.")
        approved = self.templates.get(template["name"])
        if approved is None:
            return Failure(404, 132001, "Template name does not exist in the translation")
        components = template.get("components", [])
        if not isinstance(components, list) or not all(isinstance(c, dict) for c in components):
            return Failure(400, 131009, "Parameter value is not valid")
        headers = [c for c in components if c.get("type") == "header"]
        bodies = [c for c in components if c.get("type") == "body"]
        buttons = [c for c in components if c.get("type") == "button"]
        if len(headers) + len(bodies) + len(buttons) != len(components):
            return Failure(400, 131009, "Parameter value is not valid: component type")
        for component in components:
            parameters = component.get("parameters")
            if not isinstance(parameters, list) or not all(isinstance(p, dict) for p in parameters):
                return Failure(400, 131009, "Parameter value is not valid: parameters")
        problem = (
            self._header_problem(headers, approved)
            or self._body_problem(bodies, approved)
            or self._buttons_problem(buttons, approved)
        )
        return problem

    def _header_problem(self, headers: list[dict[str, Any]], approved: Approved) -> Failure | None:
        if approved.header is None:
            return _mismatch("header") if headers else None
        if len(headers) != 1 or len(headers[0]["parameters"]) != 1:
            return _mismatch("header")
        parameter = headers[0]["parameters"][0]
        kind = parameter.get("type")
        if kind != approved.header or not isinstance(parameter.get(kind), dict):
            return _mismatch("header")
        media = parameter[kind]
        media_id, link = media.get("id"), media.get("link")
        known = isinstance(media_id, str) and media_id in self.media
        linked = isinstance(link, str) and link.startswith("https://")
        if not (known or linked):
            return Failure(400, 131009, "Parameter value is not valid: header media id or link")
        if "filename" in media and not (isinstance(media["filename"], str) and media["filename"]):
            return Failure(400, 131009, "Parameter value is not valid: filename")
        return None

    @staticmethod
    def _body_problem(bodies: list[dict[str, Any]], approved: Approved) -> Failure | None:
        parameters = bodies[0]["parameters"] if bodies else []
        if len(bodies) > 1 or len(parameters) != approved.body_parameters:
            return _mismatch("body")
        for parameter in parameters:
            text = parameter.get("text")
            if parameter.get("type") != "text" or not isinstance(text, str) or not text:
                return Failure(400, 131009, "Parameter value is not valid: body text")
            if "\n" in text or "\t" in text or "    " in text or len(text) > 1024:
                return Failure(
                    400,
                    132018,
                    "Param text cannot have new-line/tab characters or more than 4 "
                    "consecutive spaces",
                )
        return None

    @staticmethod
    def _buttons_problem(buttons: list[dict[str, Any]], approved: Approved) -> Failure | None:
        indexes: set[str] = set()
        for button in buttons:
            index = button.get("index")
            if button.get("sub_type") != "quick_reply":
                return Failure(400, 131009, "Parameter value is not valid: sub_type")
            if not isinstance(index, str) or not index.isdigit() or index in indexes:
                return Failure(400, 131009, "Parameter value is not valid: index")
            indexes.add(index)
            parameters = button["parameters"]
            first: dict[str, Any] = parameters[0] if len(parameters) == 1 else {}
            payload = first.get("payload")
            if first.get("type") != "payload" or not isinstance(payload, str) or not payload:
                return Failure(400, 131009, "Parameter value is not valid: payload")
        if indexes != {str(i) for i in range(approved.quick_replies)}:
            return _mismatch("buttons")
        return None

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        call = Call(request.method, path)
        if request.content_type == "application/json":
            call.body = json.loads(await request.read())
        elif request.content_type == "multipart/form-data":
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    call.files[name] = value.file.read()
                    call.body[f"{name}.filename"] = value.filename
                    call.body[f"{name}.content_type"] = value.content_type
                else:
                    call.body[name] = str(value)
        self.calls.append(call)
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._error(Failure(401, 190, "Error validating access token"))
        parts = path.strip("/").split("/")
        if parts[0] == "download" and len(parts) == 2 and parts[1] in self.media:
            data, mime = self.media[parts[1]]
            return web.Response(body=data, content_type=mime)
        if not parts or parts[0] != VERSION:
            return web.json_response(
                {"error": {"message": "Unknown path", "code": 100}}, status=404
            )
        rest = parts[1:]
        if request.method == "POST" and rest in ([PHONE_ID, "messages"], [PHONE_ID, "media"]):
            if self.failures:
                return self._error(self.failures.pop(0))
            if rest[1] == "media":
                media_id = f"{next(self._ids)}0000"
                data = call.files.get("file", b"")
                self.media[media_id] = (data, call.body.get("type", "application/octet-stream"))
                return web.json_response({"id": media_id})
            if call.kind == "template":
                problem = self._template_problem(call.body.get("template"))
                if problem is not None:
                    return self._error(problem)
            wamid = f"wamid.HBgM{next(self._ids):06d}"
            call.wamid = wamid
            to = call.to
            return web.json_response(
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": to, "wa_id": to}],
                    "messages": [{"id": wamid}],
                }
            )
        if request.method == "GET" and rest == [PHONE_ID]:
            return web.json_response(
                {
                    "display_phone_number": DISPLAY_NUMBER,
                    "verified_name": "Consultoria",
                    "id": PHONE_ID,
                }
            )
        if request.method == "GET" and len(rest) == 1 and rest[0] in self.media:
            data, mime = self.media[rest[0]]
            return web.json_response(
                {
                    "messaging_product": "whatsapp",
                    "url": f"{self.base_url}/download/{rest[0]}",
                    "mime_type": mime,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "file_size": len(data),
                    "id": rest[0],
                }
            )
        return web.json_response(
            {
                "error": {
                    "message": "Unsupported get request.",
                    "type": "GraphMethodException",
                    "code": 100,
                }
            },
            status=400,
        )


def _mismatch(component: str) -> Failure:
    return Failure(
        400,
        132000,
        f"Number of parameters does not match the expected number of params ({component})",
    )

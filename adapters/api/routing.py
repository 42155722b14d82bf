"""The declarative route table's types and the one dispatcher that serves every route.

A :class:`Route` says everything about an operation: method, path, scope, query parameters,
request and response models. ``serve(route)`` builds its aiohttp handler (token and scope,
parameters, body, the handler's model as JSON, ETag on GETs) and ``adapters.api.openapi`` builds
the document from the same table, so the two cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ValidationError

from adapters.api.params import Param, encode_cursor, parse_id
from adapters.api.problems import Problem, language_of
from core.api_tokens import TokenHolder, verify_token
from core.context import Core
from core.messages import echo

logger = logging.getLogger(__name__)

BODY_LIMIT = 16 * 1024
PATH_PARAM = re.compile(r"{(\w+)}")
CORE = web.AppKey("api_core", Core)


@dataclass
class Call:
    """One parsed request: the core, who asks, in which language, ids, query values, body."""

    core: Core
    request: web.Request
    holder: TokenHolder
    language: str
    ids: dict[str, int]
    query: dict[str, Any]
    body: BaseModel | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def next_link(self, after: int | None) -> str | None:
        """The address of the page after id ``after`` (None: no next page)."""
        if after is None:
            return None
        return str(self.request.rel_url.update_query(cursor=encode_cursor(after)))

    @property
    def after(self) -> int:
        """The id the requested page starts after (0: the first page)."""
        return int(self.query.get("cursor") or 0)


Handler = Callable[[Call], Awaitable[BaseModel]]


@dataclass(frozen=True)
class Route:
    """One operation of the API (see the module docstring)."""

    method: str
    path: str
    operation_id: str
    summary: str
    scope: str
    handler: Handler
    response: type[BaseModel]
    query: tuple[Param, ...] = ()
    body: type[BaseModel] | None = None
    status: int = 200
    refusals: tuple[int, ...] = ()
    links: dict[str, tuple[str, str]] = field(default_factory=dict)
    """OpenAPI links: operation id -> (its path parameter, this response's field)."""

    @property
    def path_params(self) -> list[str]:
        """The ids named in the path."""
        return PATH_PARAM.findall(self.path)


def weak_etag(body: bytes) -> str:
    """A weak validator of a response body."""
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(header: str, etag: str) -> bool:
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


async def _holder(request: web.Request, core: Core, scope: str) -> TokenHolder:
    kind, _, secret = request.headers.get("Authorization", "").partition(" ")
    holder = None
    if kind.lower() == "bearer" and secret.strip():
        async with core.db.uow() as uow:
            holder = await verify_token(uow, core.clock, secret.strip())
            await uow.commit()
    if holder is None:
        raise Problem(401, "api.detail.401")
    if scope not in holder.scopes:
        logger.info("api token %s (%s) lacks %s", holder.id, holder.name, scope)
        raise Problem(403, "api.detail.403", scope=scope)
    return holder


def _query(request: web.Request, route: Route) -> dict[str, Any]:
    known = {param.name: param for param in route.query}
    for name in request.query:
        if name not in known:
            raise Problem(400, "api.detail.unknown_param", name=echo(name))
    values: dict[str, Any] = {}
    for param in route.query:
        given = request.query.getall(param.name, [])
        if len(given) > 1:
            raise Problem(400, "api.detail.repeated_param", name=param.name)
        if given:
            values[param.name] = param.kind.parse(given[0], param.name)
        elif param.required:
            raise Problem(400, "api.detail.missing_param", name=param.name)
    return values


async def _body(request: web.Request, model: type[BaseModel]) -> BaseModel:
    if request.content_length is not None and request.content_length > BODY_LIMIT:
        raise Problem(413, "api.detail.413", limit=BODY_LIMIT)
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise Problem(413, "api.detail.413", limit=BODY_LIMIT) from None
    if len(raw) > BODY_LIMIT:
        raise Problem(413, "api.detail.413", limit=BODY_LIMIT)
    if raw.strip() and request.content_type != "application/json":
        raise Problem(415, "api.detail.415")
    text = raw if raw.strip() else b"{}"
    try:
        json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise Problem(400, "api.detail.bad_json") from None
    try:
        return model.model_validate_json(text)
    except ValidationError as error:
        raise Problem(422, "api.detail.bad_body", errors=_errors(error)) from None


def _errors(error: ValidationError) -> str:
    parts = []
    for item in error.errors(include_input=False, include_url=False)[:5]:
        where = ".".join(str(part) for part in item["loc"]) or "body"
        parts.append(f"{echo(where, 40)}: {item['msg']}")
    return "; ".join(parts).encode("utf-8", "replace").decode("utf-8")


def serve(route: Route) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The aiohttp handler of ``route``."""

    async def handle(request: web.Request) -> web.Response:
        core = request.config_dict[CORE]
        holder = await _holder(request, core, route.scope)
        ids = {name: parse_id(request.match_info[name], name) for name in route.path_params}
        call = Call(core, request, holder, language_of(request), ids, _query(request, route))
        if route.body is not None:
            call.body = await _body(request, route.body)
        model = await route.handler(call)
        body = model.model_dump_json().encode()
        response = web.Response(
            status=route.status, body=body, content_type="application/json", charset="utf-8"
        )
        response.headers.update(call.headers)
        if route.method == "GET":
            etag = response.headers["ETag"] = weak_etag(body)
            if _matches(request.headers.get("If-None-Match", ""), etag):
                return web.Response(status=304, headers={"ETag": etag})
        return response

    return handle

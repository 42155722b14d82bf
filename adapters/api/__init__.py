"""The REST API (``/api/v1``) and its OpenAPI document (``/api/openapi.json``).

``mount(app, core)`` adds both to the bot's HTTP server. Every answer is JSON: the resources, or
an RFC 9457 problem document for every refusal (unknown path, wrong method, bad token, missing
scope, malformed input, a core rule) — never a page or a trace.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from adapters.api.openapi import document
from adapters.api.problems import (
    Problem,
    from_business,
    from_problem,
    language_of,
    problem_response,
)
from adapters.api.routing import CORE, serve
from adapters.api.table import ROUTES
from core.context import Core
from core.errors import BusinessError
from core.messages import echo, t

logger = logging.getLogger(__name__)

OPENAPI_PATH = "/api/openapi.json"

__all__ = ["OPENAPI_PATH", "ROUTES", "build_api_app", "mount"]


@web.middleware
async def _problems(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    language = language_of(request)
    try:
        return await handler(request)
    except Problem as problem:
        return from_problem(problem, language)
    except BusinessError as error:
        return from_business(error, language)
    except web.HTTPMethodNotAllowed as error:
        detail = t("api.detail.405", language, method=echo(request.method), path=_path(request))
        allow = ", ".join(sorted(error.allowed_methods))
        return problem_response(405, "api.detail.405", detail, language, {"Allow": allow})
    except web.HTTPException as error:
        if error.status == 404:
            detail = t("api.detail.404", language, path=_path(request))
            return problem_response(404, "api.detail.404", detail, language)
        if error.status == 413:
            return from_problem(Problem(413, "api.detail.413", limit=1024 * 1024), language)
        raise
    except Exception:
        logger.exception("api request %s %s failed", request.method, request.path[:200])
        return problem_response(500, "api.detail.500", t("api.detail.500", language), language)


def _path(request: web.Request) -> str:
    return echo(request.path, 200)


def build_api_app(core: Core) -> web.Application:
    """The sub-application mounted at ``/api``."""
    api = web.Application(middlewares=[_problems])
    api[CORE] = core
    body = json.dumps(document(ROUTES)).encode()

    async def openapi(_request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/json", charset="utf-8")

    api.router.add_get("/openapi.json", openapi)
    for route in ROUTES:
        api.router.add_route(route.method, route.path.removeprefix("/api"), serve(route))
    return api


def mount(app: web.Application, core: Core) -> None:
    """Serve the API under ``/api`` on ``app``."""
    app.add_subapp("/api", build_api_app(core))

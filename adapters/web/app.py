"""The web channel's aiohttp application: templates, static files, headers, error pages, pages.

``build_web_app(ctx)``: Jinja2 through aiohttp-jinja2 (templates of ``adapters/web/templates``,
autoescaped), ``/static``, security headers on every response (a Content-Security-Policy that
allows no inline script; only the client chat may be framed, by ``frame_ancestors``), friendly
error pages (or JSON refusals for fetch calls) in the visitor's language with no trace, then the
client chat, the staff console and the dashboard.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp.typedefs import Middleware
from aiohttp_remotes import XForwardedStrict

from adapters.web import client, console, dashboard
from adapters.web.context import WebContext
from adapters.web.errors import visitor_language, wants_json
from core.messages import t

logger = logging.getLogger(__name__)

CONTEXT_KEY = web.AppKey("web_context", WebContext)
STATIC_DIR = Path(__file__).parent / "static"
FRAMEABLE_PREFIX = "/chat"
CLIENT_MAX_SIZE = 1024 * 1024


def web_context(request: web.Request) -> WebContext:
    """The WebContext of the application serving ``request``."""
    return request.config_dict[CONTEXT_KEY]


def content_security_policy(frame_ancestors: str) -> str:
    """No inline script, no third-party origin; framing only as given."""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        )
    )


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    ctx = web_context(request)
    frameable = request.path == FRAMEABLE_PREFIX or request.path.startswith(FRAMEABLE_PREFIX + "/")
    ancestors = (ctx.config.frame_ancestors or "'none'") if frameable else "'none'"
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(ancestors))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if not frameable:
        headers.setdefault("X-Frame-Options", "DENY")
    if ctx.config.secure_cookies:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")


def error_response(request: web.Request, status: int) -> web.StreamResponse:
    """A friendly page (or a JSON refusal for fetch calls) for ``status``, in their language."""
    ctx = web_context(request)
    language = visitor_language(request, ctx.config.language)
    known = status if status in (400, 403, 404, 405, 413, 429) else 500
    title = t(f"web.error.title.{known}", language)
    text = t(f"web.error.text.{known}", language, path=request.path[:200])
    if wants_json(request):
        return web.json_response({"ok": False, "notice": text}, status=status)
    context = {"lang": language, "title": title, "text": text, "status": status}
    context["back"] = t("web.error.back", language)
    response = aiohttp_jinja2.render_template("error.html", request, context)
    response.set_status(status)
    return response


def _default_body(error: web.HTTPException) -> bool:
    return error.text in (None, "", f"{error.status}: {error.reason}")


@web.middleware
async def _error_pages(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as error:
        too_big = isinstance(error, web.HTTPRequestEntityTooLarge)  # aiohttp's English text
        if error.status < 400 or not (too_big or _default_body(error)):
            raise
        return error_response(request, error.status)
    except Exception:
        logger.exception("web request %s %s failed", request.method, request.path)
        return error_response(request, 500)


async def _close_streams(app: web.Application) -> None:
    app[CONTEXT_KEY].hub.close()


def _middlewares(ctx: WebContext) -> list[Middleware]:
    """The error pages; behind a reverse proxy first the visitor's address from its
    ``X-Forwarded-For`` (aiohttp-remotes, one trusted hop; ``/healthz`` may be asked directly)."""
    if not ctx.config.trusted_proxies:
        return [_error_pages]
    forwarded = XForwardedStrict([list(ctx.config.trusted_proxies)], white_paths=("/healthz",))
    return [forwarded.middleware, _error_pages]


def build_web_app(ctx: WebContext) -> web.Application:
    """The web channel's application (see the module docstring)."""
    app = web.Application(middlewares=_middlewares(ctx), client_max_size=CLIENT_MAX_SIZE)
    app[CONTEXT_KEY] = ctx
    aiohttp_jinja2.setup(
        app,
        loader=jinja2.PackageLoader("adapters.web", "templates"),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    )
    app[aiohttp_jinja2.static_root_key] = "/static"
    app.router.add_static("/static", STATIC_DIR, name="static", append_version=True)
    app.on_response_prepare.append(_security_headers)
    app.on_shutdown.append(_close_streams)
    client.setup(app, ctx)
    console.setup(app, ctx)
    dashboard.setup(app, ctx)
    return app

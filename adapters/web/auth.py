"""Staff sign-in for the web console and dashboard: sessions, CSRF tokens and roles.

- ``GET/POST /login``, ``POST /logout`` (registered by :func:`setup`, which the console's
  ``setup`` calls). The cookie ``cw_staff`` holds a random token; ``web_login`` holds its SHA-256
  (``core.web_logins``). HttpOnly, SameSite=Lax, Secure when the public URL is https.
- :func:`staff_required` guards a handler: not signed in -> 303 to ``/login?next=``; without one
  of the roles -> 403 page (``admin`` passes every role check); on POST (and other unsafe
  methods) the CSRF token is checked too, so a guarded handler cannot forget it.
- The login form itself carries a double-submit token (cookie ``cw_login_csrf``).
- Failed sign-ins are throttled per login and per IP address (5 in 15 minutes).

The throttle (``core.web_logins.FailureThrottle``) lives in this process's memory, on purpose:
it needs no table and no write per attempt. So each process counts only its own failures (with
N processes serving the same site behind a balancer, a guesser gets up to N x 5 tries per
window) and a restart forgets them. That is enough for one process serving the console (the
default); several processes should also rate-limit ``POST /login`` at the proxy in front.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web

from core.messages import normalise_language, t
from core.web_accounts import roles_of, verify_login
from core.web_logins import FailureThrottle, close_login, current_login, open_login

if TYPE_CHECKING:
    from adapters.web.context import WebContext

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

SESSION_COOKIE = "cw_staff"
LOGIN_CSRF_COOKIE = "cw_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

CONTEXT: web.AppKey[WebContext] = web.AppKey("consultoria.auth.context")
THROTTLE: web.AppKey[FailureThrottle] = web.AppKey("consultoria.auth.throttle")


@dataclass(frozen=True)
class StaffUser:
    """A signed-in staff member as the pages see them."""

    account_id: int
    login: str
    staff_key: str
    name: str
    language: str
    roles: frozenset[str]
    csrf_token: str

    def has(self, *roles: str) -> bool:
        """Whether they hold one of ``roles`` (an admin holds every role)."""
        return "admin" in self.roles or bool(self.roles & set(roles))


_USER_KEY: web.RequestKey[StaffUser | None] = web.RequestKey("consultoria.staff_user")


def web_context(request: web.Request) -> WebContext:
    """The web context the auth was set up with."""
    return request.config_dict[CONTEXT]


def visitor_language(request: web.Request) -> str:
    """``?lang=``, else the browser's first pt/en preference, else the web channel's language."""
    wanted = request.query.get("lang")
    if wanted:
        return normalise_language(wanted)
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().lower()
        if code.startswith(("pt", "en")):
            return normalise_language(code)
    return normalise_language(web_context(request).config.language)


def _cookie_flags(request: web.Request) -> dict[str, Any]:
    """HttpOnly, SameSite=Lax, and Secure when the site is served over https."""
    config = web_context(request).config
    secure = config.secure_cookies or config.public_url.lower().startswith("https://")
    return {"httponly": True, "samesite": "Lax", "secure": secure, "path": "/"}


async def current_staff(request: web.Request) -> StaffUser | None:
    """The signed-in staff member of ``request`` (expiry slides), or None."""
    if _USER_KEY in request:
        return request[_USER_KEY]
    token = request.cookies.get(SESSION_COOKIE, "")
    user = None
    if token:
        ctx = web_context(request)
        core = ctx.core
        async with core.db.uow() as uow:
            signed = await current_login(uow, core.clock, token, ctx.config.session_hours)
            if signed is not None:
                account = signed.account
                assert account.id is not None
                user = StaffUser(
                    account_id=account.id,
                    login=account.login,
                    staff_key=account.staff_key,
                    name=account.name or account.login,
                    language=normalise_language(account.language or ctx.config.language),
                    roles=await roles_of(uow, account.staff_key),
                    csrf_token=signed.csrf_token,
                )
            await uow.commit()
    request[_USER_KEY] = user
    return user


def template_context(request: web.Request, user: StaffUser | None) -> dict[str, Any]:
    """What every staff page's template needs: the user, the CSRF token, the language and
    ``t`` (:func:`core.messages.t` in that language)."""
    language = user.language if user else visitor_language(request)
    return {
        "user": user,
        "csrf_token": user.csrf_token if user else "",
        "language": language,
        "lang": language,
        "t": functools.partial(t, language=language),
        "staff_on_web": web_context(request).config.staff_on_web,
    }


def refusal_page(request: web.Request, user: StaffUser | None, key: str, status: int) -> str:
    """The HTML of a short refusal page (forbidden, bad form) in the user's language."""
    context = template_context(request, user) | {"message_key": key, "status": status}
    return aiohttp_jinja2.render_string("auth/refused.html", request, context)


def forbidden(request: web.Request, user: StaffUser | None, key: str) -> web.HTTPForbidden:
    """A 403 with the refusal page (raise it)."""
    return web.HTTPForbidden(text=refusal_page(request, user, key, 403), content_type="text/html")


async def check_csrf(request: web.Request, user: StaffUser) -> None:
    """Refuse (403 page) a request whose CSRF token does not match the session's."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        sent = str((await request.post()).get(CSRF_FIELD) or "")
    if not sent or not secrets.compare_digest(sent.encode(), user.csrf_token.encode()):
        logger.warning("CSRF token mismatch for %s on %s", user.login, request.path)
        raise forbidden(request, user, "web.console.auth.csrf")


def login_url(request: web.Request) -> str:
    """``/login?next=<this page>``."""
    return "/login?next=" + quote(request.path_qs, safe="")


def staff_required(*roles: str) -> Callable[[Handler], Handler]:
    """Decorator: signed in (else 303 to /login), one of ``roles`` (else 403), CSRF on POST."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapped(request: web.Request) -> web.StreamResponse:
            user = await current_staff(request)
            if user is None:
                raise web.HTTPSeeOther(login_url(request))
            if roles and not user.has(*roles):
                raise forbidden(request, user, "web.console.auth.forbidden")
            if request.method in UNSAFE_METHODS:
                await check_csrf(request, user)
            return await handler(request)

        return wrapped

    return decorate


def safe_next(target: str | None) -> str | None:
    """A local path to go back to after signing in (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


def landing(user: StaffUser) -> str:
    """Where a signed-in person starts: the console, or the dashboard for managers only."""
    if user.has("consultant", "secretary", "support"):
        return "/console"
    return "/dashboard"


async def login_page(request: web.Request) -> web.StreamResponse:
    """``GET /login``: the form (or straight on when already signed in)."""
    user = await current_staff(request)
    target = safe_next(request.query.get("next"))
    if user is not None:
        raise web.HTTPSeeOther(target or landing(user))
    return _form(request, status=200, target=target, message=None, login="")


def _form(
    request: web.Request, *, status: int, target: str | None, message: str | None, login: str
) -> web.StreamResponse:
    token = secrets.token_urlsafe(24)
    context = template_context(request, None) | {
        "login_csrf": token,
        "next": target or "",
        "message": message,
        "login": login,
    }
    response = aiohttp_jinja2.render_template("auth/login.html", request, context, status=status)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, **_cookie_flags(request))
    response.headers["Cache-Control"] = "no-store"
    return response


def _client_ip(request: web.Request) -> str:
    return request.remote or "?"


async def sign_in(request: web.Request) -> web.StreamResponse:
    """``POST /login``: check the form, the throttle and the password; open a session."""
    ctx = web_context(request)
    language = visitor_language(request)
    form = await request.post()
    login = str(form.get("login") or "").strip().lower()[:64]
    password = str(form.get("password") or "")
    target = safe_next(str(form.get("next") or ""))
    sent, expected = str(form.get(CSRF_FIELD) or ""), request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
        message = t("web.console.auth.csrf", language)
        return _form(request, status=403, target=target, message=message, login=login)
    throttle = request.config_dict[THROTTLE]
    keys = (f"login:{login}", f"ip:{_client_ip(request)}")
    if throttle.blocked(*keys):
        logger.warning("sign-in throttled for %s from %s", login, _client_ip(request))
        message = t("web.console.auth.throttled", language, minutes=throttle.wait_minutes(*keys))
        return _form(request, status=429, target=target, message=message, login=login)
    core = ctx.core
    async with core.db.uow() as uow:
        account = await verify_login(uow, login, password)
        token = None
        if account is not None:
            token, _row = await open_login(uow, core.clock, account, ctx.config.session_hours)
        await uow.commit()
    if account is None or token is None:
        throttle.fail(*keys)
        logger.info("failed sign-in for %r from %s", login, _client_ip(request))
        message = t("web.console.auth.failed", language)
        return _form(request, status=401, target=target, message=message, login=login)
    throttle.clear(keys[0])
    request.pop(_USER_KEY, None)
    if target is None:
        async with core.db.uow() as uow:
            roles = await roles_of(uow, account.staff_key)
        staff = "admin" in roles or bool(roles & {"consultant", "secretary", "support"})
        target = "/console" if staff else "/dashboard"
    response = web.HTTPSeeOther(target)
    response.set_cookie(SESSION_COOKIE, token, **_cookie_flags(request))
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/")
    raise response


@staff_required()
async def sign_out(request: web.Request) -> web.StreamResponse:
    """``POST /logout``: close this browser's session."""
    core = web_context(request).core
    async with core.db.uow() as uow:
        await close_login(uow, request.cookies.get(SESSION_COOKIE, ""))
        await uow.commit()
    response = web.HTTPSeeOther("/login?out=1")
    response.del_cookie(SESSION_COOKIE, path="/")
    raise response


def setup(app: web.Application, ctx: WebContext) -> None:
    """Register ``/login`` and ``/logout`` and keep ``ctx`` for :func:`current_staff`."""
    if CONTEXT in app:
        return
    app[CONTEXT] = ctx
    app[THROTTLE] = FailureThrottle(ctx.core.clock)
    app.router.add_get("/login", login_page)
    app.router.add_post("/login", sign_in)
    app.router.add_post("/logout", sign_out)

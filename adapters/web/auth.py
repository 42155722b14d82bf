"""Staff sign-in for the web console and dashboard: sessions, CSRF tokens and roles.

- ``GET/POST /login``, ``POST /logout`` (registered by :func:`setup`, which the console's
  ``setup`` calls). The cookie ``cw_staff`` holds a random token; ``web_login`` holds its SHA-256
  (``core.web_logins``). HttpOnly, SameSite=Lax, Secure when the public URL is https.
- :func:`staff_required` guards a handler: not signed in -> 303 to ``/login?next=``; without one
  of the roles -> 403 page (``admin`` passes every role check); on POST (and other unsafe
  methods) the CSRF token is checked too, so a guarded handler cannot forget it.
- The login form itself carries a double-submit token (cookie ``cw_login_csrf``).
- Failed sign-ins are throttled strictly per login (5 in 15 minutes) and generously per IP
  address (100 in 15 minutes: a whole office signs in from behind one proxy). The failures are
  rows (``core.rate_limits``), so every process counts the same ones.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
from aiohttp import web

from core.messages import normalise_language, t
from core.rate_limits import Budget, RateLimiter
from core.web_accounts import account_by_login, password_matches, refresh_hash, roles_of
from core.web_logins import SignedIn, close_login, current_login, open_login, peek_login

if TYPE_CHECKING:
    from adapters.web.context import WebContext
    from core.db import UnitOfWork

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

SESSION_COOKIE = "cw_staff"
LOGIN_CSRF_COOKIE = "cw_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

CONTEXT: web.AppKey[WebContext] = web.AppKey("consultoria.auth.context")
THROTTLE: web.AppKey[RateLimiter] = web.AppKey("consultoria.auth.throttle")


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
    """The signed-in staff member of ``request`` (expiry slides), or None.

    A read-only unit of work (no SQLite write lock) unless the sign-in must be written: its
    expiry slid (at most once a minute) or, expired or disabled, deleted.
    """
    if _USER_KEY in request:
        return request[_USER_KEY]
    token = request.cookies.get(SESSION_COOKIE, "")
    user = None
    if token:
        ctx = web_context(request)
        core = ctx.core
        async with core.db.read() as uow:
            must_write, signed = await peek_login(uow, core.clock, token)
            if signed is not None:
                user = await _staff_user(uow, ctx, signed)
        if must_write:
            async with core.db.uow() as uow:
                signed = await current_login(uow, core.clock, token, ctx.config.session_hours)
                if signed is not None:
                    user = await _staff_user(uow, ctx, signed)
                await uow.commit()
    request[_USER_KEY] = user
    return user


async def _staff_user(uow: UnitOfWork, ctx: WebContext, signed: SignedIn) -> StaffUser:
    account = signed.account
    assert account.id is not None
    return StaffUser(
        account_id=account.id,
        login=account.login,
        staff_key=account.staff_key,
        name=account.name or account.login,
        language=normalise_language(account.language or ctx.config.language),
        roles=await roles_of(uow, account.staff_key),
        csrf_token=signed.csrf_token,
    )


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


async def read_form(request: web.Request) -> None:
    """Read the posted form (aiohttp keeps it for ``request.post()``); 400, the friendly page,
    when it cannot be read (not UTF-8, say)."""
    try:
        await request.post()
    except ValueError as error:  # UnicodeDecodeError: a forged or broken body
        logger.info("unreadable form on %s: %s", request.path, type(error).__name__)
        raise web.HTTPBadRequest() from error


async def check_csrf(request: web.Request, user: StaffUser) -> None:
    """Refuse (403 page) a request whose CSRF token does not match the session's."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        await read_form(request)
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


NEXT_MAX = 2048
"""The longest local path accepted to go back to."""


def safe_next(target: str | None) -> str | None:
    """A local path to go back to after signing in (never another site), else None.

    Browsers drop tab, CR and LF from a ``Location`` and read ``\\`` as ``/``, so
    ``/\t/evil.example`` would become ``//evil.example``: a target with any control character,
    space or backslash is refused, and what remains must parse as a path with no scheme or host.
    """
    if not target or len(target) > NEXT_MAX or not target.startswith("/"):
        return None
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
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
    await read_form(request)
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
    core = ctx.core
    # The password is checked (argon2, ~0.1 s) outside any transaction: inside the one that
    # writes, it held SQLite's write lock and every other writer (the outbox dispatcher, the
    # timer loop) waited behind it; on PostgreSQL it sat idle in transaction.
    async with core.db.read() as uow:
        wait = await throttle.wait_minutes(uow, *keys)
        found = None if wait else await account_by_login(uow, login)
    account = found if not wait and await password_matches(found, password) else None
    async with core.db.uow() as uow:
        token = None
        if account is not None:
            await refresh_hash(uow, account, password)
            token, _row = await open_login(uow, core.clock, account, ctx.config.session_hours)
            await throttle.clear(uow, keys[0])
        elif not wait:
            await throttle.count(uow, *keys)
        await uow.commit()
    if wait:
        logger.warning("sign-in throttled for %s from %s", login, _client_ip(request))
        message = t("web.console.auth.throttled", language, minutes=wait)
        return _form(request, status=429, target=target, message=message, login=login)
    if account is None or token is None:
        logger.info("failed sign-in for %r from %s", login, _client_ip(request))
        message = t("web.console.auth.failed", language)
        return _form(request, status=401, target=target, message=message, login=login)
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
    budgets = (
        Budget("login:", ctx.config.sign_in_per_login),
        Budget("ip:", ctx.config.sign_in_per_address),
    )
    app[THROTTLE] = RateLimiter(ctx.core.clock, budgets)
    app.router.add_get("/login", login_page)
    app.router.add_post("/login", sign_in)
    app.router.add_post("/logout", sign_out)

"""Staff sign-in for the web console and dashboard: sessions, CSRF tokens and roles."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


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


async def current_staff(request: web.Request) -> StaffUser | None:
    """The signed-in staff member of ``request``, or None."""
    return request.get("staff_user")


def staff_required(*roles: str) -> Callable[[Handler], Handler]:
    """Decorator: not signed in -> 303 to /login; without one of ``roles`` -> 403."""

    def decorate(handler: Handler) -> Handler:
        async def wrapped(request: web.Request) -> web.StreamResponse:
            user = await current_staff(request)
            if user is None:
                raise web.HTTPSeeOther(f"/login?next={request.path_qs}")
            if roles and not (user.roles & set(roles)):
                raise web.HTTPForbidden()
            return await handler(request)

        return wrapped

    return decorate


async def check_csrf(request: web.Request, user: StaffUser) -> None:
    """Refuse (403) a POST whose CSRF token does not match the session's."""
    raise web.HTTPForbidden()


def template_context(request: web.Request, user: StaffUser | None) -> dict[str, Any]:
    """What every staff page's template needs: the user and the CSRF token."""
    return {"user": user, "csrf_token": user.csrf_token if user else ""}

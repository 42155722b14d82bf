"""What every dashboard page shares: the web context, the signed-in user, the template context."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from aiohttp import web

from adapters.web import auth
from core.billing import format_brl, format_duration
from core.connection import medium_label
from core.timefmt import format_date, format_datetime, format_time

if TYPE_CHECKING:
    from adapters.web.context import WebContext

CONTEXT: web.AppKey[WebContext] = web.AppKey("consultoria.dashboard.context")
MANAGERS = ("manager", "admin")


def web_context(request: web.Request) -> WebContext:
    """The web context the dashboard was set up with."""
    return request.config_dict[CONTEXT]


async def signed_user(request: web.Request) -> auth.StaffUser:
    """The signed-in staff member (the handler is guarded by ``staff_required``)."""
    user = await auth.current_staff(request)
    if user is None:  # pragma: no cover - the guard redirects first
        raise web.HTTPSeeOther("/login?next=" + request.path)
    return user


def is_admin(user: auth.StaffUser) -> bool:
    """Whether the user may use the LGPD actions."""
    return "admin" in user.roles


def minutes_text(delta: timedelta | float | None, language: str) -> str:
    """A wait as ``12 min`` or ``1 h 05 min`` (``-`` when unknown)."""
    if delta is None:
        return "-"
    minutes = delta.total_seconds() / 60 if isinstance(delta, timedelta) else delta
    return format_duration(max(0, int(minutes)), language)


def page_context(
    request: web.Request, user: auth.StaffUser, active: str, **extra: Any
) -> dict[str, Any]:
    """The template context of a dashboard page: auth's (with ``t``), plus formatters."""
    ctx = web_context(request)
    language = user.language
    tz = ctx.core.config.timezone

    def when(instant: datetime) -> str:
        return format_datetime(instant, tz)

    def clock(instant: datetime) -> str:
        return format_time(instant.astimezone(tz))

    return auth.template_context(request, user) | {
        "lang": language,
        "language": language,
        "active": active,
        "is_admin": is_admin(user),
        "money": functools.partial(format_brl, language=language),
        "medium_label": functools.partial(medium_label, language=language),
        "when": when,
        "clock": clock,
        "date": format_date,
        "wait": functools.partial(minutes_text, language=language),
        "now": ctx.core.clock.now(),
        **extra,
    }

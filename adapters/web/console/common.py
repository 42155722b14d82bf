"""Shared by the console's pages: rendering, inbound keys, refusals as statuses and texts."""

from __future__ import annotations

import hashlib
import logging
import secrets
from typing import TYPE_CHECKING, Any

import aiohttp_jinja2
from aiohttp import web

from adapters.web.auth import StaffUser, current_staff, safe_next, template_context, web_context
from core.errors import BusinessError, Conflict, Forbidden, InvalidInput, NotFound

if TYPE_CHECKING:
    from adapters.web.context import WebContext

logger = logging.getLogger(__name__)

SOURCE = "web"
CONSOLE_ROLES = ("consultant", "secretary", "support")


def ctx_of(request: web.Request) -> WebContext:
    """The web context."""
    return web_context(request)


async def user_of(request: web.Request) -> StaffUser:
    """The signed-in staff member (the handler is guarded by ``staff_required``)."""
    user = await current_staff(request)
    assert user is not None
    return user


def new_nonce() -> str:
    """A one-time id for a form (a resubmitted form is acted on once)."""
    return secrets.token_urlsafe(12)


def inbound_key(request: web.Request, user: StaffUser, form: Any) -> tuple[str, str]:
    """The core's dedup key of a submitted form: person, page render (nonce), form and choice.

    The same form submitted twice (a double click, the back button) is acted on once.
    """
    nonce = str(form.get("nonce") or "")[:40] or new_nonce()
    action = str(form.get("action") or "")[:64]
    digest = hashlib.sha256(f"{user.staff_key}|{nonce}|{request.path}|{action}".encode())
    return (SOURCE, f"console:{digest.hexdigest()[:48]}")


def status_of(error: BusinessError) -> int:
    """The HTTP status of a business refusal."""
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, InvalidInput):
        return 422
    if isinstance(error, Conflict):
        return 409
    return 409


def render(
    request: web.Request, user: StaffUser, template: str, status: int = 200, **extra: Any
) -> web.Response:
    """A console page with the common context (user, CSRF token, labels, a fresh form nonce)."""
    context = template_context(request, user) | {
        "nonce": new_nonce(),
        "path": request.path,
        "staff_on_web": ctx_of(request).config.staff_on_web,
    }
    context.update(extra)
    response = aiohttp_jinja2.render_template(template, request, context, status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def notice_page(
    request: web.Request,
    user: StaffUser,
    text: str,
    status: int,
    back: str | None,
    confirm: dict[str, str] | None = None,
) -> web.Response:
    """A short page with a refusal (or an apology), a way back and maybe a way on (``confirm``:
    an action and its label, for example to go on at agreed alternative hours)."""
    return render(
        request,
        user,
        "console/notice.html",
        status=status,
        text=text,
        back=back or "/console",
        confirm=confirm,
    )


def back_of(form: Any, default: str = "/console") -> str:
    """The local page the form came from."""
    return safe_next(str(form.get("back") or "")) or default

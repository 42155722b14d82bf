"""``/dashboard/contacts``: find a contact, see their consent records; admin LGPD actions.

- ``GET /dashboard/contacts?q=``: search by name, number or company (managers, admins).
- ``GET /dashboard/contacts/{id}``: the contact and each consent with the exact terms version,
  the text shown, the rate shown and the SHA-256.
- ``GET /dashboard/contacts/{id}/export.json`` (admin): everything held about them.
- ``GET|POST /dashboard/contacts/{id}/erase`` (admin): a confirmation page, then the erasure
  (CSRF-checked). Both actions are logged with who did them.
"""

from __future__ import annotations

import json
import logging

import aiohttp_jinja2
from aiohttp import web

from adapters.web import auth
from adapters.web.dashboard.audit import web_operator
from adapters.web.dashboard.common import MANAGERS, page_context, signed_user, web_context
from adapters.web.ids import path_id
from core.audit import acting
from core.errors import BusinessError, NotFound
from core.messages import t
from core.privacy import erase_contact, export_contact
from core.timefmt import format_datetime
from core.views import ContactRow, contact_consents, contact_row, find_contacts

logger = logging.getLogger(__name__)

MAX_QUERY = 100


def _contact_id(request: web.Request) -> int:
    return path_id(request, "contact_id")


async def _known(request: web.Request, contact_id: int) -> ContactRow:
    core = web_context(request).core
    async with core.db.uow() as uow:
        row = await contact_row(uow, contact_id)
    if row is None:
        raise web.HTTPNotFound()
    return row


@auth.staff_required(*MANAGERS)
async def search(request: web.Request) -> web.StreamResponse:
    """The search form and its results."""
    user = await signed_user(request)
    query = request.query.get("q", "").strip()[:MAX_QUERY]
    rows: list[ContactRow] = []
    if query:
        async with web_context(request).core.db.uow() as uow:
            rows = await find_contacts(uow, query)
    context = page_context(request, user, "contacts", query=query, rows=rows)
    return aiohttp_jinja2.render_template("dashboard/contacts.html", request, context)


@auth.staff_required(*MANAGERS)
async def contact_page(request: web.Request) -> web.StreamResponse:
    """One contact's consent records (and, for admins, the LGPD actions)."""
    user = await signed_user(request)
    contact_id = _contact_id(request)
    contact = await _known(request, contact_id)
    core = web_context(request).core
    async with core.db.uow() as uow:
        consents = await contact_consents(uow, contact_id, core.config.policy)
    notice = None
    if request.query.get("erased") and contact.erased_at is not None:
        when = format_datetime(contact.erased_at, core.config.timezone)
        notice = t("web.dashboard.erase.done", user.language, when=when)
    context = page_context(
        request, user, "contacts", contact=contact, consents=consents, notice=notice
    )
    return aiohttp_jinja2.render_template("dashboard/contact.html", request, context)


@auth.staff_required("admin")
async def export_json(request: web.Request) -> web.StreamResponse:
    """Everything held about the contact, as a JSON download."""
    user = await signed_user(request)
    contact_id = _contact_id(request)
    core = web_context(request).core
    try:
        async with core.transaction() as uow:
            data = await export_contact(
                uow,
                contact_id,
                policy=core.config.policy,
                config=core.config,
                by=acting(core, uow, web_operator(user)),
            )
    except NotFound:
        raise web.HTTPNotFound() from None
    logger.info("contact %s exported by %s (dashboard)", contact_id, user.login)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return web.Response(
        body=body.encode("utf-8"),
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Content-Disposition": f'attachment; filename="contato-{contact_id}.json"',
            "Cache-Control": "no-store",
        },
    )


def _confirm_page(
    request: web.Request,
    user: auth.StaffUser,
    contact: ContactRow,
    error: str | None,
    status: int = 200,
) -> web.StreamResponse:
    context = page_context(request, user, "contacts", contact=contact, error=error)
    return aiohttp_jinja2.render_template("dashboard/erase.html", request, context, status=status)


@auth.staff_required("admin")
async def erase_form(request: web.Request) -> web.StreamResponse:
    """The confirmation step before an erasure."""
    user = await signed_user(request)
    contact = await _known(request, _contact_id(request))
    return _confirm_page(request, user, contact, None)


@auth.staff_required("admin")
async def erase(request: web.Request) -> web.StreamResponse:
    """Erase the contact's personal data (admin, CSRF-checked), then show their page."""
    user = await signed_user(request)
    await auth.check_csrf(request, user)
    contact_id = _contact_id(request)
    contact = await _known(request, contact_id)
    core = web_context(request).core
    try:
        async with core.transaction() as uow:
            await erase_contact(
                uow, core, contact_id, by=f"web:{user.login}", operator=web_operator(user)
            )
    except BusinessError as error:
        reason = t("web.dashboard.erase.refused", user.language, reason=error.render(user.language))
        return _confirm_page(request, user, contact, reason, status=409)
    raise web.HTTPSeeOther(f"/dashboard/contacts/{contact_id}?erased=1")

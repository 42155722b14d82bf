"""``/dashboard/webhooks``: the webhook endpoints and their delivery log (managers, admins).

- ``GET /dashboard/webhooks?status=``: the endpoints (never their secrets) and the latest
  deliveries (event, id, status, attempts, last error or the receiver's status), optionally of
  one status (``pending``, ``sending``, ``sent``, ``failed``).
- ``POST /dashboard/webhooks/deliveries/{id}/redeliver`` (CSRF-checked): the same event (same
  id) queued again for its endpoint; logged with who asked.
"""

from __future__ import annotations

import logging

import aiohttp_jinja2
from aiohttp import web

from adapters.web import auth
from adapters.web.dashboard.common import MANAGERS, page_context, signed_user, web_context
from adapters.web.ids import path_id
from core.errors import BusinessError, NotFound
from core.messages import t
from core.models import OutboundStatus
from core.webhooks import envelope_of, list_endpoints, recent_deliveries, redeliver

logger = logging.getLogger(__name__)

PAGE = "/dashboard/webhooks"
STATUSES = tuple(status.value for status in OutboundStatus)


def _status(request: web.Request) -> OutboundStatus | None:
    raw = request.query.get("status", "")
    return OutboundStatus(raw) if raw in STATUSES else None


def _delivery_id(request: web.Request) -> int:
    return path_id(request, "outbound_id")


@auth.staff_required(*MANAGERS)
async def webhooks_page(request: web.Request) -> web.StreamResponse:
    """The endpoints and the latest deliveries."""
    user = await signed_user(request)
    status = _status(request)
    async with web_context(request).core.db.uow() as uow:
        endpoints = await list_endpoints(uow)
        deliveries = await recent_deliveries(uow, status=status)
    notice = None
    event_id = request.query.get("redelivered", "")
    if event_id.startswith("evt_") and event_id[4:].isalnum() and len(event_id) <= 40:
        notice = t("webhooks.dashboard.redelivered", user.language, event_id=event_id)
    context = page_context(
        request,
        user,
        "webhooks",
        endpoints=endpoints,
        deliveries=deliveries,
        status=status.value if status else "",
        statuses=STATUSES,
        notice=notice,
    )
    return aiohttp_jinja2.render_template("dashboard/webhooks.html", request, context)


@auth.staff_required(*MANAGERS)
async def redeliver_event(request: web.Request) -> web.StreamResponse:
    """Queue a delivery's event again (same id), then show the log."""
    user = await signed_user(request)
    delivery_id = _delivery_id(request)
    core = web_context(request).core
    try:
        async with core.transaction() as uow:
            row = await redeliver(uow, core.clock, delivery_id)
    except NotFound:
        raise web.HTTPNotFound() from None
    except BusinessError as error:
        raise web.HTTPConflict(text=error.render(user.language)) from None
    event_id = str((envelope_of(row) or {}).get("id", ""))
    logger.info("webhook delivery %s redelivered as %s by %s", delivery_id, row.id, user.login)
    raise web.HTTPSeeOther(f"{PAGE}?redelivered={event_id}")

"""``/dashboard/audit``: the audit log, who did what among staff and admins (managers, admins).

``GET /dashboard/audit?action=&actor=&since=dd/mm/aaaa&until=dd/mm/aaaa&page=``: the entries
matching the filter, newest first, a page at a time; a malformed date is said so and ignored.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web

from adapters.web import auth
from adapters.web.dashboard.common import MANAGERS, page_context, signed_user, web_context
from core.audit import ACTIONS, AuditFilter, audit_page
from core.errors import InvalidInput
from core.events import Operator
from core.messages import t
from core.timefmt import parse_date

PAGE = "/dashboard/audit"
MAX_PAGE = 100_000


def web_operator(user: auth.StaffUser) -> Operator:
    """A signed-in staff member as the audit log names them (by login)."""
    return Operator("web", user.login, user.name)


def _day(text: str, zone: Any, errors: list[str], language: str) -> datetime | None:
    if not text.strip():
        return None
    try:
        day = parse_date(text.strip())
    except InvalidInput:
        errors.append(t("audit.page.bad_date", language, value=text.strip()[:40]))
        return None
    return datetime.combine(day, time(0, 0), tzinfo=zone)


def _page_number(raw: str) -> int:
    return min(int(raw), MAX_PAGE) if raw.isdigit() and 0 < len(raw) <= 6 else 1


def details_text(details: dict[str, Any]) -> str:
    """An entry's details on one line (``key: value``), for the table."""
    return ", ".join(
        f"{key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}"
        for key, value in details.items()
        if value not in (None, "")
    )


@auth.staff_required(*MANAGERS)
async def audit_log(request: web.Request) -> web.StreamResponse:
    """The filtered, paginated audit log."""
    user = await signed_user(request)
    core = web_context(request).core
    zone, language, query = core.config.timezone, user.language, request.query
    errors: list[str] = []
    action = query.get("action", "")
    action = action if action in ACTIONS else ""
    actor = query.get("actor", "")[:80]
    since_text, until_text = query.get("since", "")[:20], query.get("until", "")[:20]
    since = _day(since_text, zone, errors, language)
    until = _day(until_text, zone, errors, language)
    wanted = AuditFilter(
        action=action,
        actor=actor,
        since=since,
        until=until + timedelta(days=1) if until is not None else None,
    )
    async with core.db.read() as uow:
        found = await audit_page(uow, wanted, _page_number(query.get("page", "1")))
    filters = {"action": action, "actor": actor, "since": since_text, "until": until_text}
    context = page_context(
        request,
        user,
        "audit",
        found=found,
        actions=ACTIONS,
        filters=filters,
        errors=errors,
        details_text=details_text,
        link=lambda page: _link(filters, page),
    )
    return aiohttp_jinja2.render_template("dashboard/audit.html", request, context)


def _link(filters: dict[str, str], page: int) -> str:
    kept = {key: value for key, value in filters.items() if value}
    return f"{PAGE}?{urlencode({**kept, 'page': str(page)})}"

"""``/dashboard/billing``: sessions and billing per company and month, the CSV export and each
company's monthly statement (PDF).

The CSV is the one ``consultoria billing export`` writes (``core.billing_records``); the statement
the one ``consultoria billing statement`` writes (``core.statements``), in the company's language.
"""

from __future__ import annotations

import io
import logging

import aiohttp_jinja2
from aiohttp import web

from adapters.documents import statement_pdf
from adapters.web import auth
from adapters.web.dashboard.common import MANAGERS, page_context, signed_user, web_context
from adapters.web.ids import parse_id
from core.billing_records import billed_sessions, write_export_csv
from core.errors import InvalidInput, NotFound
from core.messages import t
from core.statements import company_statement
from core.timefmt import parse_month
from core.views import billing_by_company

logger = logging.getLogger(__name__)


def _month(request: web.Request) -> tuple[int, int, str]:
    """The ``month`` query (aaaa-mm), this month by default; InvalidInput when malformed."""
    core = web_context(request).core
    raw = request.query.get("month", "").strip()
    if not raw:
        local = core.clock.now().astimezone(core.config.timezone)
        return local.year, local.month, f"{local.year:04d}-{local.month:02d}"
    year, month = parse_month(raw)
    return year, month, f"{year:04d}-{month:02d}"


def _download_month(request: web.Request, language: str) -> tuple[int, int, str]:
    """A download's month; a malformed one is a 400 saying why."""
    try:
        return _month(request)
    except InvalidInput as error:
        raise web.HTTPBadRequest(text=error.render(language)) from None


@auth.staff_required(*MANAGERS)
async def billing_page(request: web.Request) -> web.StreamResponse:
    """The month's table: per company, sessions ended and billed, their duration, the periods
    charged and the amount; totals."""
    user = await signed_user(request)
    core = web_context(request).core
    try:
        year, month, label = _month(request)
    except InvalidInput:
        raw = request.query.get("month", "")[:20]
        context = page_context(
            request,
            user,
            "billing",
            rows=[],
            month=raw,
            error=t("web.dashboard.billing.bad_month", user.language, value=raw),
        )
        return aiohttp_jinja2.render_template(
            "dashboard/billing.html", request, context, status=400
        )
    async with core.db.uow() as uow:
        rows = await billing_by_company(uow, year=year, month=month, tz=core.config.timezone)
    totals = {
        "sessions": sum(r.sessions for r in rows),
        "billed": sum(r.billed_sessions for r in rows),
        "minutes": sum(r.minutes for r in rows),
        "periods": sum(r.periods for r in rows),
        "amount": sum(r.amount_cents for r in rows),
    }
    policy = core.config.policy
    context = page_context(
        request,
        user,
        "billing",
        rows=rows,
        month=label,
        totals=totals,
        error=None,
        period_minutes=policy.period_minutes,
        min_periods=policy.min_periods,
    )
    return aiohttp_jinja2.render_template("dashboard/billing.html", request, context)


@auth.staff_required(*MANAGERS)
async def billing_csv(request: web.Request) -> web.StreamResponse:
    """``/dashboard/billing.csv?month=aaaa-mm[&company=id]``: the billing export as a file."""
    user = await signed_user(request)
    core = web_context(request).core
    year, month, label = _download_month(request, user.language)
    raw_company = request.query.get("company", "").strip()
    company = parse_id(raw_company)
    if raw_company and company is None:
        raise web.HTTPBadRequest(text=t("web.dashboard.bad_company", user.language))
    tz = core.config.timezone
    try:
        async with core.db.uow() as uow:
            rows = await billed_sessions(uow, year=year, month=month, tz=tz, company_id=company)
    except NotFound:
        raise web.HTTPNotFound() from None
    out = io.StringIO()
    write_export_csv(rows, out, tz=tz, language=user.language)
    suffix = f"-{company}" if company is not None else ""
    logger.info("billing CSV %s%s downloaded by %s", label, suffix, user.login)
    return web.Response(
        body=out.getvalue().encode("utf-8"),
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="cobranca-{label}{suffix}.csv"',
            "Cache-Control": "no-store",
        },
    )


@auth.staff_required(*MANAGERS)
async def billing_statement(request: web.Request) -> web.StreamResponse:
    """``/dashboard/billing/statement.pdf?month=aaaa-mm&company=id``: the company's statement."""
    user = await signed_user(request)
    core = web_context(request).core
    year, month, label = _download_month(request, user.language)
    company = parse_id(request.query.get("company", "").strip())
    if company is None:
        raise web.HTTPBadRequest(text=t("web.dashboard.bad_company", user.language))
    try:
        async with core.db.read() as uow:
            statement = await company_statement(uow, core.config, company, year, month)
    except NotFound:
        raise web.HTTPNotFound(text=t("web.dashboard.bad_company", user.language)) from None
    data = statement_pdf(statement, core.clock.now(), core.config.timezone)
    logger.info("statement %s of company %s downloaded by %s", label, company, user.login)
    return web.Response(
        body=data,
        headers={
            "Content-Type": "application/pdf",
            "Content-Disposition": f'attachment; filename="{statement.file_name()}"',
            "Cache-Control": "no-store",
        },
    )

"""``/dashboard/reports``: the operations reports of a month (or a range of months), with charts,
and each report as CSV (``/dashboard/reports/<name>.csv``, the same figures as the page).

The figures and their definitions come from ``core.views`` (``operations_reports``); this module
parses the period, writes the cells in the reader's notation and draws the charts.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from markupsafe import Markup

from adapters.web import auth
from adapters.web.dashboard.category_chart import category_chart
from adapters.web.dashboard.charts import Series
from adapters.web.dashboard.common import MANAGERS, page_context, signed_user, web_context
from core.billing import format_brl
from core.errors import InvalidInput
from core.messages import normalise_language, t
from core.timefmt import format_date
from core.views import (
    MAX_MONTHS,
    MONEY,
    MONTH,
    PCT,
    REPORT_NAMES,
    Cell,
    Column,
    ReportPeriod,
    ReportTable,
    operations_reports,
    report_period,
    write_csv,
)

logger = logging.getLogger(__name__)

QUERY_LIMIT = 40
"""Longer query values are cut before parsing (and refused as malformed)."""


def _period(request: web.Request) -> ReportPeriod:
    """The period the query names (this local month by default); InvalidInput when bad."""
    core = web_context(request).core
    today = core.clock.now().astimezone(core.config.timezone).date()
    query = request.query
    return report_period(
        month=query.get("month", "")[:QUERY_LIMIT],
        start=query.get("from", "")[:QUERY_LIMIT],
        end=query.get("to", "")[:QUERY_LIMIT],
        today=today,
    )


async def _tables(request: web.Request, period: ReportPeriod) -> list[ReportTable]:
    core = web_context(request).core
    async with core.db.read() as uow:
        return await operations_reports(
            uow,
            period,
            tz=core.config.timezone,
            hours=core.config.hours,
            now=core.clock.now(),
        )


def cell_text(column: Column, value: Cell, language: str) -> str:
    """A cell as the page writes it: ``83,3%``, ``4,5``, ``R$ 1.234,56``, ``11/2026``."""
    if value is None:
        return t("reports.no_value", language)
    if column.kind == MONEY:
        return format_brl(int(value), language)
    if column.kind == MONTH and isinstance(value, str) and len(value) == 7:
        return f"{value[5:]}/{value[:4]}"
    if isinstance(value, float):
        text = f"{value:.1f}"
        text = text if normalise_language(language) == "en" else text.replace(".", ",")
        return text + "%" if column.kind == PCT else text
    return str(value)


def _charts(tables: dict[str, ReportTable], language: str, summary: str) -> dict[str, Markup]:
    """The charts drawn beside their tables: CSAT and utilisation per consultant, waits by hour."""
    no_data = t("reports.none", language)

    def values(table: ReportTable, key: str) -> list[float | None]:
        return [float(v) if isinstance(v, int | float) else None for v in table.column(key)]

    def names(table: ReportTable, key: str) -> list[str]:
        return [str(v) if v is not None else "-" for v in table.column(key)]

    csat = tables["csat-consultant"]
    waits = tables["waits"]
    used = tables["utilisation"]
    return {
        "csat-consultant": category_chart(
            names(csat, "consultant"),
            [Series(t("reports.chart.csat_legend", language), "#2f6f9f", values(csat, "csat_pct"))],
            t("reports.chart.csat", language),
            summary=summary,
            no_data=no_data,
            suffix="%",
        ),
        "waits": category_chart(
            names(waits, "hour"),
            [
                Series(
                    t("web.dashboard.charts.median", language),
                    "#2f6f9f",
                    values(waits, "median_minutes"),
                ),
                Series(
                    t("web.dashboard.charts.p90", language), "#d9822b", values(waits, "p90_minutes")
                ),
            ],
            t("reports.chart.waits", language),
            summary=summary,
            no_data=no_data,
        ),
        "utilisation": category_chart(
            names(used, "consultant"),
            [
                Series(
                    t("reports.chart.utilisation_legend", language),
                    "#3c8d5a",
                    values(used, "utilisation_pct"),
                )
            ],
            t("reports.chart.utilisation", language),
            summary=summary,
            no_data=no_data,
            suffix="%",
        ),
    }


def _form(request: web.Request) -> dict[str, str]:
    """The query as typed, cut, to fill the form again."""
    return {key: request.query.get(key, "")[:QUERY_LIMIT] for key in ("month", "from", "to")}


@auth.staff_required(*MANAGERS)
async def reports_page(request: web.Request) -> web.StreamResponse:
    """Every report of the period: a section each with its definition, table and CSV link."""
    user = await signed_user(request)
    language = user.language
    extra: dict[str, Any] = {"form": _form(request), "limit": MAX_MONTHS, "cell": cell_text}
    try:
        period = _period(request)
    except InvalidInput as error:
        context = page_context(
            request,
            user,
            "reports",
            error=error.render(language),
            tables=[],
            month=extra["form"]["month"],
            **extra,
        )
        return aiohttp_jinja2.render_template(
            "dashboard/reports.html", request, context, status=400
        )
    tables = await _tables(request, period)
    summary = t(
        "reports.period",
        language,
        start=format_date(period.first),
        end=format_date(period.last_day),
    )
    by_name = {table.name: table for table in tables}
    context = page_context(
        request,
        user,
        "reports",
        error=None,
        period=period,
        month=period.label if period.single else "",
        summary=summary,
        tables=tables,
        charts=_charts(by_name, language, summary),
        **extra,
    )
    return aiohttp_jinja2.render_template("dashboard/reports.html", request, context)


@auth.staff_required(*MANAGERS)
async def report_csv(request: web.Request) -> web.StreamResponse:
    """``/dashboard/reports/<name>.csv?month=aaaa-mm`` (or ``from``/``to``): one report."""
    user = await signed_user(request)
    name = request.match_info.get("name", "")
    if name not in REPORT_NAMES:
        raise web.HTTPNotFound(text=t("reports.unknown", user.language))
    try:
        period = _period(request)
    except InvalidInput as error:
        raise web.HTTPBadRequest(text=error.render(user.language)) from None
    table = {table.name: table for table in await _tables(request, period)}[name]
    out = io.StringIO()
    write_csv(table, out, language=user.language)
    logger.info("report %s %s downloaded by %s", name, period.label, user.login)
    return web.Response(
        body=out.getvalue().encode("utf-8"),
        headers={
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{name}-{period.label}.csv"',
            "Cache-Control": "no-store",
        },
    )

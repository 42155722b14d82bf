"""``/dashboard``: the live queue and consultants, the week's bookings, the last 30 days' charts.

``/dashboard/live`` streams the "now" panel as Server-Sent Events (``event: panel``, data
``{"html": ...}``): re-read and re-sent every :data:`LIVE_REFRESH` seconds, or at once when the
hub says the staff rooms got something (a new request card, a claim) or another process committed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from adapters.web import auth
from adapters.web.auth import StaffUser
from adapters.web.context import WebContext
from adapters.web.dashboard.charts import Series, bar_chart, line_chart, wait_unit
from adapters.web.dashboard.common import MANAGERS, page_context, signed_user, web_context
from adapters.web.stream import stream_slot
from core.hours import WeeklySchedule
from core.messages import t
from core.timefmt import format_date, weekday_name
from core.views import (
    BookingRow,
    bookings_between,
    consultant_board,
    daily_stats,
    live_queue,
    local_bounds,
    week_start,
)

logger = logging.getLogger(__name__)

LIVE_REFRESH = 5.0
CHART_DAYS = 30
FIRST_HOUR, LAST_HOUR = 8, 18
LIVE_ADDRESSES = ("staff:requests", "staff:support")


async def live_context(request: web.Request, user: auth.StaffUser) -> dict[str, Any]:
    """The figures of the "now" panel: waiting requests and the consultants' status."""
    core = web_context(request).core
    async with core.db.read() as uow:
        queue = await live_queue(uow)
        consultants = await consultant_board(uow)
    now = core.clock.now()
    return page_context(
        request,
        user,
        "overview",
        queue=queue,
        oldest=queue.oldest_wait(now),
        consultants=consultants,
        now=now,
    )


@dataclass(frozen=True)
class Day:
    """A calendar column."""

    day: date
    label: str
    today: bool


def _calendar(
    monday: date,
    today: date,
    rows: list[BookingRow],
    language: str,
    tz: Any,
    weekly: WeeklySchedule,
) -> dict[str, Any]:
    """Days x hours: each cell holds the bookings starting in that hour of that day.

    The columns are the days the service opens (``weekly``) plus any day of the week with a
    booking; the rows run from the earliest opening to the latest closing (and any booking's
    hour outside them).
    """
    week = [monday + timedelta(days=i) for i in range(7)]
    booked_days = {b.starts_at.astimezone(tz).date() for b in rows}
    days = [d for d in week if weekly.get(d.weekday()) or d in booked_days]
    intervals = [interval for day in weekly.values() for interval in day]
    opens = min((start.hour for start, _ in intervals), default=FIRST_HOUR)
    closes = max((_last_hour(end) for _, end in intervals), default=LAST_HOUR - 1)
    hours = [b.starts_at.astimezone(tz).hour for b in rows]
    first = min([opens, *hours])
    last = max([closes, *hours])
    cells: dict[tuple[int, int], list[BookingRow]] = {}
    for row in rows:
        local = row.starts_at.astimezone(tz)
        if local.date() in days:
            cells.setdefault((local.hour, days.index(local.date())), []).append(row)
    columns = [
        Day(d, f"{weekday_name(d, language)} {d.day:02d}/{d.month:02d}", d == today) for d in days
    ]
    return {
        "columns": columns,
        "hours": list(range(first, last + 1)),
        "cells": cells,
        "week_label": (format_date(days[0]), format_date(days[-1])),
        "previous": (monday - timedelta(days=7)).isoformat(),
        "next": (monday + timedelta(days=7)).isoformat(),
    }


def _last_hour(end: time) -> int:
    """The last hour row an interval ending at ``end`` reaches (18:00 -> 17, 18:30 -> 18)."""
    return end.hour - 1 if end.minute == 0 else end.hour


def _chosen_monday(request: web.Request, today: date) -> date:
    raw = request.query.get("week", "")
    try:
        return week_start(date.fromisoformat(raw)) if raw else week_start(today)
    except ValueError:
        return week_start(today)


@auth.staff_required(*MANAGERS)
async def overview(request: web.Request) -> web.StreamResponse:
    """The dashboard's first page."""
    user = await signed_user(request)
    core = web_context(request).core
    tz = core.config.timezone
    today = core.clock.now().astimezone(tz).date()
    monday = _chosen_monday(request, today)
    async with core.db.read() as uow:
        week = await bookings_between(uow, *local_bounds(monday, 7, tz))
        today_rows = await bookings_between(uow, *local_bounds(today, 1, tz))
        stats = await daily_stats(uow, today=today, days=CHART_DAYS, tz=tz)
    language = user.language
    days = [s.day for s in stats]
    unit, per_minute = wait_unit([w for s in stats for w in (s.median_wait, s.p90_wait)])

    def scaled(values: list[float | None]) -> list[float | None]:
        return [None if v is None else v * per_minute for v in values]

    wait_title = t(
        "web.dashboard.charts.wait", language, unit=t(f"web.dashboard.charts.unit.{unit}", language)
    )
    period = t(
        "web.dashboard.charts.period",
        language,
        start=format_date(days[0]),
        end=format_date(days[-1]),
        count=len(days),
    )
    no_data = t("web.dashboard.charts.no_data", language)
    wait_chart = line_chart(
        days,
        [
            Series(
                t("web.dashboard.charts.median", language),
                "#2f6f9f",
                scaled([s.median_wait for s in stats]),
            ),
            Series(
                t("web.dashboard.charts.p90", language),
                "#d9822b",
                scaled([s.p90_wait for s in stats]),
            ),
        ],
        wait_title,
        summary=period,
        no_data=no_data,
    )
    sessions_chart = bar_chart(
        days,
        [s.sessions for s in stats],
        t("web.dashboard.charts.sessions", language),
        label=t("web.dashboard.charts.sessions_legend", language),
        summary=period,
        no_data=no_data,
    )
    context = await live_context(request, user)
    context |= {
        "calendar": _calendar(monday, today, week, language, tz, core.config.hours.config.weekly),
        "today": today,
        "today_rows": today_rows,
        "wait_title": wait_title,
        "wait_chart": wait_chart,
        "sessions_chart": sessions_chart,
        "chart_period": period,
    }
    return aiohttp_jinja2.render_template("dashboard/overview.html", request, context)


@auth.staff_required(*MANAGERS)
async def live(request: web.Request) -> web.StreamResponse:
    """``GET /dashboard/live``: the "now" panel as Server-Sent Events."""
    user = await signed_user(request)
    ctx = web_context(request)
    with stream_slot(ctx.hub, request):
        return await _live(request, ctx, user)


async def _live(request: web.Request, ctx: WebContext, user: StaffUser) -> web.StreamResponse:
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    try:
        while not ctx.hub.closed:
            mark = ctx.hub.mark()
            context = await live_context(request, user)
            html = aiohttp_jinja2.render_string("dashboard/_live.html", request, context)
            data = json.dumps({"html": html}, ensure_ascii=False)
            await response.write(f"event: panel\nretry: 5000\ndata: {data}\n\n".encode())
            await ctx.hub.wait(LIVE_ADDRESSES, 2**62, LIVE_REFRESH, since=mark)
    except (ConnectionResetError, ConnectionError):
        logger.debug("dashboard live stream closed by the browser")
    return response

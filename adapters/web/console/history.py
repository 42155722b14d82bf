"""Beside a session's conversation: the contact's and the company's other sessions and the
company's billed time this month (``core.views.past_sessions`` and ``month_usage``), formatted
for the session page's aside in the staff member's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from core.billing import format_brl, format_duration
from core.context import Core
from core.db import UnitOfWork
from core.messages import t
from core.timefmt import format_date
from core.views import MonthUsage, PastSession, SessionDetail, month_usage, past_sessions


@dataclass(frozen=True)
class PastLine:
    """One past session as the aside lists it."""

    session_id: int
    day: str
    area: str
    attended_by: str
    duration: str
    amount: str
    status: str
    ended: bool
    contact: str | None
    """The contact's name when it is another person of the company (None: this contact)."""
    url: str | None
    """The session's page, when the viewer may read it."""


def _line(core: Core, past: PastSession, language: str) -> PastLine:
    local_start = past.started_at.astimezone(core.config.timezone)
    kind = t(f"web.console.session.kind.{past.kind}", language)
    state = "ended" if past.ended else "open"
    return PastLine(
        session_id=past.session_id,
        day=format_date(local_start.date()),
        area=past.area or kind,
        attended_by=past.attended_by or "—",
        duration=format_duration(past.minutes, language) if past.minutes is not None else "—",
        amount=format_brl(past.amount_cents, language) if past.amount_cents is not None else "—",
        status=t(f"web.console.history.status.{state}", language),
        ended=past.ended,
        contact=None if past.same_contact else past.contact,
        url=f"/console/session/{past.session_id}" if past.readable else None,
    )


def _usage(usage: MonthUsage, language: str) -> dict[str, str]:
    sessions = (
        t("web.console.usage.sessions", language, count=usage.sessions)
        if usage.sessions
        else t("web.console.usage.no_sessions", language)
    )
    return {
        "month": f"{usage.month:02d}/{usage.year:04d}",
        "time": format_duration(usage.billed_minutes, language),
        "sessions": sessions,
        "amount": format_brl(usage.amount_cents, language),
    }


def day_labels(core: Core) -> dict[str, str]:
    """``today`` and ``yesterday`` as ``dd/mm/aaaa`` in the service's time zone (the thread
    names those days)."""
    today = core.clock.now().astimezone(core.config.timezone).date()
    return {"today": format_date(today), "yesterday": format_date(today - timedelta(days=1))}


async def history_context(
    uow: UnitOfWork, core: Core, detail: SessionDetail, viewer: str, language: str, sees_all: bool
) -> dict[str, Any]:
    """The aside's values: ``past`` lines and this month's ``usage``."""
    past = await past_sessions(uow, detail.session, viewer, sees_all=sees_all)
    period = core.config.policy.period_minutes
    assert detail.company.id is not None
    usage = await month_usage(
        uow, detail.company.id, core.clock.now(), core.config.timezone, period
    )
    return {
        "past": [_line(core, item, language) for item in past],
        "usage": _usage(usage, language),
    }

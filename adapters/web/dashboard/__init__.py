"""The manager dashboard (``/dashboard``, roles manager or admin).

Pages: the overview (live queue and consultants, the week's bookings as a calendar, charts of the
last 30 days), sessions and billing per company and month with the CSV export, the operations
reports (CSAT, conversion, refusals, no-shows, waits, utilisation, revenue), contacts and their
consent records, the admins' LGPD actions (export, erase), the webhooks' delivery log with
redelivery, the saved replies staff insert into sessions (``replies``), and the audit log
(``audit``). Every figure comes
from the read-only queries of ``core.views.dashboard``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from adapters.web import auth
from adapters.web.dashboard import audit, billing, contacts, overview, replies, reports, webhooks
from adapters.web.dashboard.common import CONTEXT

if TYPE_CHECKING:
    from adapters.web.context import WebContext


def setup(app: web.Application, ctx: WebContext) -> None:
    """Register the dashboard's routes on ``app`` (and the sign-in, if not there yet)."""
    auth.setup(app, ctx)
    app[CONTEXT] = ctx
    router = app.router
    router.add_get("/dashboard", overview.overview)
    router.add_get("/dashboard/live", overview.live)
    router.add_get("/dashboard/billing", billing.billing_page)
    router.add_get("/dashboard/billing.csv", billing.billing_csv)
    router.add_get("/dashboard/billing/statement.pdf", billing.billing_statement)
    router.add_get("/dashboard/reports", reports.reports_page)
    router.add_get("/dashboard/reports/{name}.csv", reports.report_csv)
    router.add_get("/dashboard/contacts", contacts.search)
    router.add_get("/dashboard/contacts/{contact_id}", contacts.contact_page)
    router.add_get("/dashboard/contacts/{contact_id}/export.json", contacts.export_json)
    router.add_get("/dashboard/contacts/{contact_id}/erase", contacts.erase_form)
    router.add_post("/dashboard/contacts/{contact_id}/erase", contacts.erase)
    router.add_get("/dashboard/webhooks", webhooks.webhooks_page)
    router.add_post(
        "/dashboard/webhooks/deliveries/{outbound_id}/redeliver", webhooks.redeliver_event
    )
    replies.add_routes(app)
    router.add_get("/dashboard/audit", audit.audit_log)

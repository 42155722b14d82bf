"""Read side: the dashboard's and the console's queries (no writes)."""

from core.views.agendar import (
    BookingChoices,
    booking_choices,
    company_choices,
    company_contacts,
)
from core.views.console import (
    PendingLink,
    SessionLine,
    Waiting,
    my_sessions,
    pending_links,
    shown_at,
    support_sessions,
    waiting_requests,
)
from core.views.console_home import ConsoleHome, Taken, console_home, taken_by
from core.views.dashboard import (
    BookingRow,
    ContactRow,
    billing_by_company,
    bookings_between,
    consultant_board,
    contact_consents,
    contact_row,
    daily_stats,
    find_contacts,
    live_queue,
    local_bounds,
    week_start,
)
from core.views.people import my_consultant, people_names
from core.views.relays import newest_outbox_id, relay_payloads, relay_refusal, relay_rows
from core.views.report_period import MAX_MONTHS, ReportPeriod, report_period
from core.views.report_table import MONEY, MONTH, PCT, Cell, Column, ReportTable, write_csv
from core.views.reports import REPORT_NAMES, operations_reports
from core.views.session_detail import (
    SessionDetail,
    may_read_session,
    session_detail,
    session_notes,
)
from core.views.session_history import MonthUsage, PastSession, month_usage, past_sessions

__all__ = [
    "MAX_MONTHS",
    "MONEY",
    "MONTH",
    "PCT",
    "REPORT_NAMES",
    "BookingChoices",
    "BookingRow",
    "Cell",
    "Column",
    "ConsoleHome",
    "ContactRow",
    "MonthUsage",
    "PastSession",
    "PendingLink",
    "ReportPeriod",
    "ReportTable",
    "SessionDetail",
    "SessionLine",
    "Taken",
    "Waiting",
    "billing_by_company",
    "booking_choices",
    "bookings_between",
    "company_choices",
    "company_contacts",
    "console_home",
    "consultant_board",
    "contact_consents",
    "contact_row",
    "daily_stats",
    "find_contacts",
    "live_queue",
    "local_bounds",
    "may_read_session",
    "month_usage",
    "my_consultant",
    "my_sessions",
    "newest_outbox_id",
    "operations_reports",
    "past_sessions",
    "pending_links",
    "people_names",
    "relay_payloads",
    "relay_refusal",
    "relay_rows",
    "report_period",
    "session_detail",
    "session_notes",
    "shown_at",
    "support_sessions",
    "taken_by",
    "waiting_requests",
    "week_start",
    "write_csv",
]

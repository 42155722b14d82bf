"""Read side: the dashboard's and the console's queries (no writes)."""

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

__all__ = [
    "BookingRow",
    "ContactRow",
    "billing_by_company",
    "bookings_between",
    "consultant_board",
    "contact_consents",
    "contact_row",
    "daily_stats",
    "find_contacts",
    "live_queue",
    "local_bounds",
    "week_start",
]

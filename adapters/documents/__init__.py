"""Documents the bot produces from the core's data: the monthly statement as a PDF, the
bookings' calendar invites and feeds as iCalendar files, a session recap as PDF and HTML."""

from adapters.documents.calendar_ics import calendar_ics
from adapters.documents.recap_html import recap_html
from adapters.documents.recap_pdf import recap_pdf
from adapters.documents.sources import CalendarSource, RecapSource, StatementSource
from adapters.documents.statement_pdf import statement_pdf

__all__ = [
    "CalendarSource",
    "RecapSource",
    "StatementSource",
    "calendar_ics",
    "recap_html",
    "recap_pdf",
    "statement_pdf",
]

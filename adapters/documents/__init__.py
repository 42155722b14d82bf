"""Documents the bot produces from the core's data: the monthly statement as a PDF, the
bookings' calendar invites and feeds as iCalendar files."""

from adapters.documents.calendar_ics import calendar_ics
from adapters.documents.sources import CalendarSource, StatementSource
from adapters.documents.statement_pdf import statement_pdf

__all__ = ["CalendarSource", "StatementSource", "calendar_ics", "statement_pdf"]

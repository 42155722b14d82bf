"""Documents the bot produces from the core's data: the monthly statement as a PDF, a session
recap as PDF and HTML."""

from adapters.documents.recap_html import recap_html
from adapters.documents.recap_pdf import recap_pdf
from adapters.documents.sources import RecapSource, StatementSource
from adapters.documents.statement_pdf import statement_pdf

__all__ = ["RecapSource", "StatementSource", "recap_html", "recap_pdf", "statement_pdf"]

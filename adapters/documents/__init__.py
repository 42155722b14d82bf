"""Documents the bot produces from the core's data: the monthly statement as a PDF."""

from adapters.documents.sources import StatementSource
from adapters.documents.statement_pdf import statement_pdf

__all__ = ["StatementSource", "statement_pdf"]

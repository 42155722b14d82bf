"""A session recap (``core.recaps.Recap``) as an A4 PDF (fpdf2), text in the built-in fonts'
Latin-1 (``latin1`` as the statement writes it). The same recap and moment give the same bytes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fpdf import FPDF

from adapters.documents.statement_pdf import latin1
from core.messages import t
from core.recaps import Recap, RecapLine
from core.timefmt import format_datetime

_STAFF_FILL = (230, 240, 255)
_CLIENT_FILL = (241, 243, 247)


def recap_pdf(recap: Recap, generated_at: datetime, tz: ZoneInfo) -> bytes:
    """The recap as PDF bytes."""
    language = recap.language
    pdf = FPDF(format="A4")
    pdf.set_creation_date(generated_at)
    pdf.set_title(latin1(recap.title()))
    pdf.set_author(latin1(recap.company))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, latin1(recap.title()), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value in recap.header:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(45, 6, latin1(label))
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 6, latin1(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, latin1(t("recap.messages", language)), new_x="LMARGIN", new_y="NEXT")
    if not recap.lines:
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 6, latin1(t("recap.empty", language)), new_x="LMARGIN", new_y="NEXT")
    for line in recap.lines:
        _message(pdf, line, language)
    pdf.ln(4)
    pdf.set_font("Helvetica", size=8)
    footer = t("recap.generated", language, when=format_datetime(generated_at, tz))
    pdf.multi_cell(0, 4, latin1(footer), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _message(pdf: FPDF, line: RecapLine, language: str) -> None:
    pdf.set_fill_color(*(_STAFF_FILL if line.side == "staff" else _CLIENT_FILL))
    pdf.ln(1)
    pdf.set_font("Helvetica", "B", 9)
    who = f"{line.time}  {line.author}"
    pdf.multi_cell(0, 5, latin1(who), fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    if line.text:
        pdf.multi_cell(0, 5, latin1(line.text), fill=True, new_x="LMARGIN", new_y="NEXT")
    if line.files:
        pdf.set_font("Helvetica", "I", 9)
        names = t("recap.files", language, names=", ".join(line.files))
        pdf.multi_cell(0, 5, latin1(names), fill=True, new_x="LMARGIN", new_y="NEXT")

"""A company's monthly statement (``core.statements.Statement``) as an A4 landscape PDF (fpdf2).

The PDF's built-in fonts cover Latin-1, which holds Portuguese; the few typographic marks outside
it (dashes, curly quotes, ellipsis) are written as their plain forms, anything else as ``?``.
The same statement and moment always give the same bytes.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import Align, TableCellFillMode

from core.billing import format_duration
from core.messages import t
from core.statements import Statement
from core.timefmt import format_datetime

_PLAIN = str.maketrans({"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "..."})
_COLUMNS = (
    ("day", 22),
    ("hours", 22),
    ("contact", 40),
    ("consultant", 36),
    ("area", 30),
    ("medium", 30),
    ("duration", 22),
    ("periods", 18),
    ("amount", 28),
    ("terms", 16),
)
_RIGHT = {"periods", "amount", "terms"}


def latin1(text: str) -> str:
    """``text`` in the built-in fonts' characters."""
    return text.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def statement_pdf(statement: Statement, generated_at: datetime, tz: ZoneInfo) -> bytes:
    """The statement as PDF bytes."""
    language = statement.language
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_creation_date(generated_at)
    title = t("statement.title", language, month=statement.month_label)
    pdf.set_title(latin1(title))
    pdf.set_author(latin1(statement.company_name))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    pdf.cell(
        0,
        6,
        latin1(t("statement.company", language, name=statement.company_name)),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if statement.company_cnpj:
        cnpj = t("statement.cnpj", language, cnpj=statement.company_cnpj)
        pdf.cell(0, 6, latin1(cnpj), new_x="LMARGIN", new_y="NEXT")
    when = format_datetime(generated_at, tz)
    pdf.cell(
        0, 6, latin1(t("statement.generated", language, when=when)), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(3)
    if not statement.lines:
        pdf.cell(0, 8, latin1(t("statement.empty", language)), new_x="LMARGIN", new_y="NEXT")
    else:
        _table(pdf, statement)
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 11)
    total = t(
        "statement.total",
        language,
        count=len(statement.lines),
        duration=format_duration(statement.total_minutes, language),
        periods=statement.total_periods,
        amount=statement.total,
    )
    pdf.cell(0, 7, latin1(total), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=8)
    pdf.multi_cell(0, 4, latin1(statement.note))
    return bytes(pdf.output())


def _table(pdf: FPDF, statement: Statement) -> None:
    language = statement.language
    pdf.set_font("Helvetica", size=8)
    widths = tuple(width for _, width in _COLUMNS)
    aligns = tuple(Align.R if name in _RIGHT else Align.L for name, _ in _COLUMNS)
    with pdf.table(
        col_widths=widths,
        text_align=aligns,
        cell_fill_color=(240, 240, 240),
        cell_fill_mode=TableCellFillMode.ROWS,
        line_height=5,
    ) as table:
        header = table.row()
        for name, _ in _COLUMNS:
            header.cell(latin1(t(f"statement.column.{name}", language)))
        for line in statement.lines:
            row = table.row()
            for value in (
                line.day,
                line.hours,
                line.contact,
                line.consultant,
                line.area,
                line.medium,
                line.duration,
                str(line.periods),
                line.amount,
                line.terms_version,
            ):
                row.cell(latin1(value))

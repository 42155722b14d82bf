"""``consultoria billing statement``: a company's month as a PDF whose text holds every billed
session and a total equal, to the cent, to the CSV export's; in the company's language."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import re
from datetime import UTC, datetime
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner, Result

from bot import schema
from bot.cli import app
from core.billing import BillingPolicy
from core.billing_records import record_billing
from core.clock import ManualClock
from core.db import Database
from core.models import Company
from tests import builders

runner = CliRunner()


def _seed(minutes: tuple[float, ...]) -> tuple[int, int]:
    """A company with sessions of ``minutes`` ended in November 2026, and another company with
    one session; their ids."""

    async def _work() -> tuple[int, int]:
        db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
        await schema.upgrade(db)
        clock = ManualClock(datetime(2026, 12, 2, tzinfo=UTC))
        async with db.uow() as uow:
            ana = await builders.party(uow, datetime(2026, 11, 2, tzinfo=UTC), person="42")
            beto = await builders.party(
                uow,
                datetime(2026, 11, 2, tzinfo=UTC),
                name="Têxtil Sul",
                code="XYZ789",
                person="77",
                slack_user="U0OTHER",
            )
            beto.contact.name = "Beto"
            company = await uow.session.get(Company, ana.company.id)
            assert company is not None
            company.cnpj = "11222333000181"
            for day, length in enumerate(minutes, start=3):
                session = await builders.ended_session(
                    uow, ana, datetime(2026, 11, day, 13, 0, tzinfo=UTC), length
                )
                await record_billing(uow, clock, session, BillingPolicy())
            other = await builders.ended_session(
                uow, beto, datetime(2026, 11, 20, 13, 0, tzinfo=UTC), 200
            )
            await record_billing(uow, clock, other, BillingPolicy())
            await uow.commit()
            assert ana.company.id and beto.company.id
            ids = (ana.company.id, beto.company.id)
        await db.dispose()
        return ids

    return asyncio.run(_work())


def _statement(company_id: int, month: str, target: Path) -> Result:
    """``consultoria billing statement`` of ``company_id`` for ``month`` into ``target``."""
    args = ["--month", month, "--company", str(company_id), "--output", str(target)]
    return runner.invoke(app, ["billing", "statement", *args])


def _pdf_text(path: Path) -> str:
    """The PDF's text, no-break spaces read as spaces (the table's cells come out either way)."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return text.replace("\xa0", " ")


def _csv_total(company_id: int) -> int:
    exported = runner.invoke(
        app, ["billing", "export", "--month", "2026-11", "--company", str(company_id)]
    )
    assert exported.exit_code == 0, exported.output
    rows = list(csv.reader(io.StringIO(exported.stdout)))
    return int(rows[-1][10])


def test_the_statement_lists_every_session_and_totals_like_the_csv(tmp_path: Path) -> None:
    ana, _ = _seed((45, 20, 95))
    target = tmp_path / "nov.pdf"
    result = _statement(ana, "2026-11", target)
    assert result.exit_code == 0, result.output
    assert "3 sessões" in result.stderr and "R$\xa0" in result.stderr

    text = _pdf_text(target)
    assert "Extrato de consultoria online - 11/2026" in text
    assert "Metalúrgica Exemplo" in text and "11.222.333/0001-81" in text
    assert "Têxtil Sul" not in text and "Beto" not in text
    for day in ("03/11/2026", "04/11/2026", "05/11/2026"):
        assert day in text
    # 45 min = 2 periods, 20 min = 1, 95 min = 4, at R$ 180,00/h (R$ 90,00 a period)
    for line in (
        "03/11/2026 10:00-10:45 Ana Bruno Consultor Custos Chat 45 min 2 R$ 180,00 1",
        "04/11/2026 10:00-10:20 Ana Bruno Consultor Custos Chat 20 min 1 R$ 90,00 1",
        "05/11/2026 10:00-11:35 Ana Bruno Consultor Custos Chat 1 h 35 min 4 R$ 360,00 1",
    ):
        assert line in text, text
    total = _csv_total(ana)
    assert total == 63000
    assert re.search(r"Total: 3 sessões, 2 h 40 min, 7 períodos - R\$ 630,00", text), text


def test_an_english_company_gets_its_statement_in_english(tmp_path: Path) -> None:
    ana, _ = _seed((45,))
    bad = runner.invoke(app, ["company", "update", str(ana), "--language", "fr"])
    assert bad.exit_code == 2 and "pt-BR ou en" in bad.output
    set_en = runner.invoke(app, ["company", "update", str(ana), "--language", "en"])
    assert set_en.exit_code == 0, set_en.output
    target = tmp_path / "nov.pdf"
    result = _statement(ana, "2026-11", target)
    assert result.exit_code == 0, result.output
    text = _pdf_text(target)
    assert "Online consulting statement - 11/2026" in text
    assert "Total: 1 session" in text and "R$180.00" in text
    assert "Costs" in text


def test_a_month_without_sessions_says_so(tmp_path: Path) -> None:
    ana, _ = _seed((45,))
    target = tmp_path / "out.pdf"
    result = _statement(ana, "2026-10", target)
    assert result.exit_code == 0, result.output
    text = _pdf_text(target)
    assert "Nenhuma sessão de consultoria foi cobrada neste mês." in text
    assert "R$ 0,00" in text


def test_bad_input_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    _seed((45,))
    target = tmp_path / "x.pdf"
    for args in (
        ["--month", "2026-13", "--company", "1"],
        ["--month", "2026-11", "--company", "999"],
    ):
        result = runner.invoke(app, ["billing", "statement", *args, "--output", str(target)])
        assert result.exit_code == 2, result.output
        assert not target.exists()

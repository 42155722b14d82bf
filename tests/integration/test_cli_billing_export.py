"""``consultoria billing export``: one CSV row per billed session, totals to the cent."""

from __future__ import annotations

import asyncio
import csv
import io
import os
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from bot import schema
from bot.cli import app
from core.billing import BillingPolicy
from core.billing_records import record_billing
from core.clock import ManualClock
from core.db import Database
from tests import builders

runner = CliRunner()


def _seed() -> tuple[int, int]:
    """Two companies' sessions in November (one ends 30/11 23:30 local), one in December."""

    async def _work() -> tuple[int, int]:
        db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
        await schema.upgrade(db)
        clock = ManualClock(datetime(2026, 12, 2, tzinfo=UTC))
        async with db.uow() as uow:
            a = await builders.party(uow, datetime(2026, 11, 2, tzinfo=UTC))
            b = await builders.party(
                uow,
                datetime(2026, 11, 2, tzinfo=UTC),
                name="Têxtil Sul",
                rate_cents=15050,
                code="XYZ789",
                person="77",
                slack_user="U0OTHER",
            )
            sessions = [
                (a, datetime(2026, 11, 3, 13, 0, tzinfo=UTC), 45),  # 2 x 90,00
                (a, datetime(2026, 11, 10, 17, 0, tzinfo=UTC), 10),  # 1 x 90,00
                (b, datetime(2026, 11, 12, 14, 0, tzinfo=UTC), 61),  # 3 x 75,25
                (b, datetime(2026, 12, 1, 2, 0, tzinfo=UTC), 30),  # 30/11 23:00 local -> Nov
                (a, datetime(2026, 12, 1, 12, 0, tzinfo=UTC), 30),  # December
            ]
            for who, start, minutes in sessions:
                session = await builders.ended_session(uow, who, start, minutes)
                await record_billing(uow, clock, session, BillingPolicy())
            await uow.commit()
            assert a.company.id and b.company.id
            ids = (a.company.id, b.company.id)
        await db.dispose()
        return ids

    return asyncio.run(_work())


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_the_month_export_lists_each_session_and_a_total_equal_to_their_sum() -> None:
    _seed()
    result = runner.invoke(app, ["billing", "export", "--month", "2026-11"])
    assert result.exit_code == 0, result.output
    header, *body, total = _rows(result.stdout)
    assert header[:3] == ["session_id", "company_id", "company"]
    amounts = [int(row[header.index("amount_cents")]) for row in body]
    assert amounts == [18000, 9000, 22575, 7525]
    assert int(total[header.index("amount_cents")]) == sum(amounts) == 57100
    assert total[header.index("amount")] == "R$\xa0571,00"
    assert body[3][header.index("ended_at")] == "30/11/2026 23:30"
    assert total[0] == "TOTAL (4 sessões)"


def test_one_session_is_counted_in_the_singular(tmp_path: Path) -> None:
    _seed()
    out = tmp_path / "dez.csv"
    result = runner.invoke(app, ["billing", "export", "--month", "2026-12", "--output", str(out)])
    assert result.exit_code == 0, result.output
    *_, total = _rows(out.read_text(encoding="utf-8"))
    assert total[0] == "TOTAL (1 sessão)"
    assert "1 sessão, total R$\xa090,00, gravada em" in result.stderr


def test_the_export_can_be_limited_to_one_company_and_written_to_a_file(tmp_path: Path) -> None:
    _, textil = _seed()
    out = tmp_path / "nov.csv"
    result = runner.invoke(
        app,
        ["billing", "export", "--month", "2026-11", "--company", str(textil), "--output", str(out)],
    )
    assert result.exit_code == 0, result.output
    header, *body, total = _rows(out.read_text(encoding="utf-8"))
    assert {row[header.index("company")] for row in body} == {"Têxtil Sul"}
    assert int(total[header.index("amount_cents")]) == 22575 + 7525
    assert "R$\xa0301,00" in result.stderr


def test_an_unknown_company_or_a_malformed_month_is_refused_clearly() -> None:
    _seed()
    unknown = runner.invoke(app, ["billing", "export", "--month", "2026-11", "--company", "999"])
    assert unknown.exit_code == 2
    assert "Empresa 999 não encontrada" in unknown.stderr
    for month in ("2026-13", "11/2026", "abc"):
        bad = runner.invoke(app, ["billing", "export", "--month", month])
        assert bad.exit_code == 2, month
        assert "Mês inválido" in bad.stderr
        assert bad.stdout == ""

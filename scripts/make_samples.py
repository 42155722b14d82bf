"""Regenerates the sample documents under ``docs/samples/`` from a realistic month of consulting,
on a throw-away SQLite database, with the same code the bot sends them with.

    .venv/bin/python scripts/make_samples.py [OUTPUT_DIR]    # default: docs/samples

The month (November 2026) and every name are fixed, so a run changes the files only when the
documents' code changes.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from adapters.documents import statement_pdf  # noqa: E402
from bot import schema  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.wiring import core_config  # noqa: E402
from core.billing import BillingPolicy  # noqa: E402
from core.billing_records import record_billing  # noqa: E402
from core.clock import ManualClock  # noqa: E402
from core.db import Database  # noqa: E402
from core.models import Request  # noqa: E402
from core.statements import company_statement  # noqa: E402
from tests import builders  # noqa: E402

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
GENERATED_AT = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)
SESSIONS = (  # (day of November 2026, start UTC hour, minutes, area)
    (4, 12, 25.0, "Custos"),
    (10, 17, 52.5, "Manufatura"),
    (18, 13, 95.0, "Estoque"),
    (25, 18, 31.0, "Financeiro"),
)


async def _statement(db: Database) -> tuple[str, bytes]:
    """``statement.pdf``: the month of one company, four sessions billed."""
    clock = ManualClock(GENERATED_AT)
    async with db.uow() as uow:
        party = await builders.party(
            uow, datetime(2026, 11, 2, tzinfo=UTC), name="Metalúrgica Exemplo Ltda"
        )
        party.company.cnpj = "11222333000181"
        party.contact.name = "Ana Souza"
        party.consultant.name = "Bruno Lima"
        for day, hour, minutes, area in SESSIONS:
            started = datetime(2026, 11, day, hour, 0, tzinfo=UTC)
            session = await builders.ended_session(uow, party, started, minutes)
            request = await uow.session.get(Request, session.request_id)
            assert request is not None
            request.area = area
            await record_billing(uow, clock, session, BillingPolicy())
        await uow.commit()
        company_id = party.company.id
    assert company_id is not None
    config = core_config(Settings(_env_file=None))  # the defaults, as shipped
    async with db.read() as uow:
        statement = await company_statement(uow, config, company_id, 2026, 11)
    return "statement.pdf", statement_pdf(statement, GENERATED_AT, SAO_PAULO)


async def make_samples() -> dict[str, bytes]:
    """Every sample: file name -> contents."""
    with tempfile.TemporaryDirectory() as scratch:
        db = Database(f"sqlite+aiosqlite:///{scratch}/samples.db")
        try:
            await schema.upgrade(db)
            return dict([await _statement(db)])
        finally:
            await db.dispose()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    for name, data in asyncio.run(make_samples()).items():
        (out / name).write_bytes(data)
        print(out / name)


if __name__ == "__main__":
    main()

"""``consultoria contact export|erase``: a person's data as JSON; erasure keeps billing intact."""

from __future__ import annotations

import asyncio
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot import schema
from bot.cli import app
from core.billing import BillingPolicy
from core.billing_records import record_billing
from core.clock import ManualClock
from core.db import Database
from core.models import Contact
from tests import builders

runner = CliRunner()


def _seed() -> tuple[int, int]:
    """Ana (with a billed session) and Beto of another company; their contact ids."""

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
            for who in (ana, beto):
                session = await builders.ended_session(
                    uow, who, datetime(2026, 11, 3, 13, 0, tzinfo=UTC), 45
                )
                await record_billing(uow, clock, session, BillingPolicy())
            await uow.commit()
            assert ana.contact.id and beto.contact.id
            ids = (ana.contact.id, beto.contact.id)
        await db.dispose()
        return ids

    return asyncio.run(_work())


def _contact(contact_id: int) -> Contact:
    async def _work() -> Contact:
        db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
        try:
            async with db.uow() as uow:
                contact = await uow.session.get(Contact, contact_id)
                assert contact is not None
                return contact
        finally:
            await db.dispose()

    return asyncio.run(_work())


def test_export_prints_the_persons_data_as_json_and_can_write_a_file(tmp_path: Path) -> None:
    ana, _ = _seed()
    result = runner.invoke(app, ["contact", "export", str(ana)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["contact"]["name"] == "Ana"
    assert data["company"]["name"] == "Metalúrgica Exemplo"
    assert [r["amount_cents"] for r in data["billing_records"]] == [18000]
    assert data["requests"][0]["description"] == "Como fechar o custo do mês?"
    assert "Beto" not in result.stdout

    target = tmp_path / "ana.json"
    written = runner.invoke(app, ["contact", "export", str(ana), "--output", str(target)])
    assert written.exit_code == 0, written.output
    assert json.loads(target.read_text(encoding="utf-8")) == data
    assert f"Dados do contato {ana} gravados em" in written.stderr


def test_erase_with_yes_anonymises_and_the_billing_export_is_unchanged() -> None:
    ana, beto = _seed()
    before = runner.invoke(app, ["billing", "export", "--month", "2026-11"])
    result = runner.invoke(app, ["contact", "erase", str(ana), "--yes"])
    assert result.exit_code == 0, result.output
    assert f"Dados pessoais do contato {ana} apagados em" in result.stdout
    contact = _contact(ana)
    assert contact.name is None and contact.external_id == f"erased:{ana}"
    assert _contact(beto).name == "Beto"
    after = runner.invoke(app, ["billing", "export", "--month", "2026-11"])
    assert after.stdout == before.stdout
    assert after.stdout.splitlines()[-1].endswith(',36000,,"R$\xa0360,00",,')

    again = runner.invoke(app, ["contact", "erase", str(ana), "--yes"])
    assert again.exit_code == 0
    assert f"O contato {ana} já foi apagado em" in again.stdout


def test_erase_asks_first_and_a_no_erases_nothing() -> None:
    ana, _ = _seed()
    result = runner.invoke(app, ["contact", "erase", str(ana)], input="n\n")
    assert result.exit_code == 1
    assert f"Apagar os dados pessoais do contato {ana} (Ana)?" in result.stdout
    assert "Nada foi apagado." in result.stderr
    assert _contact(ana).name == "Ana"


@pytest.mark.parametrize("command", ["export", "erase"])
@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("abc", "Id de contato inválido: abc"),
        ("-3", "Id de contato inválido: -3"),
        ("999", "Contato 999 não encontrado."),
    ],
)
def test_a_bad_contact_id_gets_a_clear_message_and_status_2(
    command: str, given: str, message: str
) -> None:
    ana, _ = _seed()
    result = runner.invoke(app, ["contact", command, "--", given])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert _contact(ana).name == "Ana"


def test_messages_follow_the_configured_language(monkeypatch: pytest.MonkeyPatch) -> None:
    _seed()
    monkeypatch.setenv("CONSULTORIA_LANGUAGE", "en")
    result = runner.invoke(app, ["contact", "erase", "999", "--yes"])
    assert result.exit_code == 2
    assert "Contact 999 not found." in result.stderr

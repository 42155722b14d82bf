"""``consultoria contact email``, ``company update --billing-email`` and ``email test``: addresses
validated and stored, a test e-mail through the configured SMTP server on loopback."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

from bot import schema
from bot.cli import app
from core.db import Database
from core.models import Company, Contact
from tests import builders
from tests.fakes.smtp_server import smtp_server

runner = CliRunner()


def _seed() -> tuple[int, int]:
    async def _work() -> tuple[int, int]:
        db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
        await schema.upgrade(db)
        async with db.uow() as uow:
            ana = await builders.party(uow, datetime(2026, 11, 2, tzinfo=UTC), person="42")
            await uow.commit()
            assert ana.contact.id and ana.company.id
            ids = (ana.contact.id, ana.company.id)
        await db.dispose()
        return ids

    return asyncio.run(_work())


def _read_contact(row_id: int) -> Contact:
    async def _work() -> Contact:
        db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
        async with db.uow() as uow:
            found = await uow.session.get(Contact, row_id)
        await db.dispose()
        assert found is not None
        return found

    return asyncio.run(_work())


def _billing_email(row_id: int) -> str | None:
    async def _work() -> str | None:
        db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
        async with db.uow() as uow:
            found = await uow.session.get(Company, row_id)
        await db.dispose()
        assert found is not None
        return found.billing_email

    return asyncio.run(_work())


def test_a_contact_gets_an_email_address_and_loses_it() -> None:
    contact_id, _ = _seed()
    answer = runner.invoke(app, ["contact", "email", str(contact_id), " Ana@Cliente.com.br "])
    assert answer.exit_code == 0, answer.output
    assert "Ana@cliente.com.br" in answer.output
    assert _read_contact(contact_id).email == "Ana@cliente.com.br"

    bad = runner.invoke(app, ["contact", "email", str(contact_id), "ana@@cliente"])
    assert bad.exit_code == 2
    assert "não é um endereço de e-mail válido" in bad.output
    assert _read_contact(contact_id).email == "Ana@cliente.com.br"

    cleared = runner.invoke(app, ["contact", "email", str(contact_id), ""])
    assert cleared.exit_code == 0, cleared.output
    assert _read_contact(contact_id).email is None


def test_a_company_billing_email_is_validated_and_stored() -> None:
    _, company_id = _seed()
    bad = runner.invoke(app, ["company", "update", str(company_id), "--billing-email", "x@"])
    assert bad.exit_code == 2, bad.output
    assert _billing_email(company_id) is None

    ok = runner.invoke(
        app, ["company", "update", str(company_id), "--billing-email", "fin@empresa.com.br"]
    )
    assert ok.exit_code == 0, ok.output
    assert _billing_email(company_id) == "fin@empresa.com.br"


def test_a_test_email_goes_through_the_configured_server(monkeypatch: pytest.MonkeyPatch) -> None:
    with smtp_server() as (server, port):
        monkeypatch.setenv("CONSULTORIA_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("CONSULTORIA_SMTP_PORT", str(port))
        monkeypatch.setenv("CONSULTORIA_SMTP_SECURITY", "none")
        monkeypatch.setenv("CONSULTORIA_SMTP_SENDER", "Suporte ERP <suporte@erp.com.br>")
        answer = runner.invoke(app, ["email", "test", "--to", "eu@empresa.com.br"])
    assert answer.exit_code == 0, answer.output
    assert f"127.0.0.1:{port}" in answer.output
    [got] = server.received
    assert got.recipients == ["eu@empresa.com.br"]
    assert got.message["From"] == "Suporte ERP <suporte@erp.com.br>"
    assert "Suporte ERP" in got.message["Subject"]


def test_a_test_email_without_a_server_says_which_setting_is_missing() -> None:
    answer = runner.invoke(app, ["email", "test", "--to", "eu@empresa.com.br"])
    assert answer.exit_code == 2
    assert "CONSULTORIA_SMTP_HOST" in answer.output


def test_an_unreachable_server_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fakes.smtp_server import free_port

    monkeypatch.setenv("CONSULTORIA_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CONSULTORIA_SMTP_PORT", str(free_port()))
    monkeypatch.setenv("CONSULTORIA_SMTP_SECURITY", "none")
    monkeypatch.setenv("CONSULTORIA_SMTP_SENDER", "suporte@erp.com.br")
    answer = runner.invoke(app, ["email", "test", "--to", "eu@empresa.com.br"])
    assert answer.exit_code == 2
    assert "não foi enviado" in answer.output


def _queue_mail(contact_id: int) -> None:
    async def _work() -> None:
        from core.clock import SystemClock
        from core.mail import mail_to
        from core.outbox import OutboundMessage

        db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
        async with db.uow() as uow:
            contact = await uow.session.get(Contact, contact_id)
            assert contact is not None
            await mail_to(
                uow,
                SystemClock(),
                contact,
                OutboundMessage("Lembrete: amanhã às 14:00"),
                enabled=True,
                purpose="booking_reminder",
            )
            await uow.commit()
        await db.dispose()

    asyncio.run(_work())


def test_export_shows_the_address_and_the_mail_and_erasure_removes_both() -> None:
    import json

    contact_id, _ = _seed()
    assert (
        runner.invoke(app, ["contact", "email", str(contact_id), "ana@cliente.com.br"]).exit_code
        == 0
    )
    _queue_mail(contact_id)

    exported = runner.invoke(app, ["contact", "export", str(contact_id)])
    assert exported.exit_code == 0, exported.output
    data = json.loads(exported.stdout)
    assert data["contact"]["email"] == "ana@cliente.com.br"
    assert "Lembrete: amanhã às 14:00" in exported.stdout

    erased = runner.invoke(app, ["contact", "erase", str(contact_id), "--yes"])
    assert erased.exit_code == 0, erased.output
    assert _read_contact(contact_id).email is None
    again = runner.invoke(app, ["contact", "export", str(contact_id)])
    assert "ana@cliente.com.br" not in again.stdout
    assert "Lembrete: amanhã" not in again.stdout

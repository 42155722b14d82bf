"""The audit log through the CLI: every administrative command lands with the operator at the
command line, and ``audit export`` gives it back as CSV or JSON from a day on."""

from __future__ import annotations

import asyncio
import csv
import getpass
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

from bot.cli import app
from core.db import Database
from core.models import Channel, Contact
from core.terms import shipped_template

runner = CliRunner()
OPERATOR = getpass.getuser()


def run(*args: str, stdin: str | None = None) -> Result:
    """Invoke ``consultoria ARGS``."""
    return runner.invoke(app, list(args), input=stdin)


def ok(*args: str, stdin: str | None = None) -> str:
    """Invoke ``consultoria ARGS``, expect success and return the output."""
    result = run(*args, stdin=stdin)
    assert result.exit_code == 0, result.output
    return result.stdout


def exported(*extra: str) -> list[dict[str, Any]]:
    """The audit log as the JSON export gives it."""
    return list(json.loads(ok("audit", "export", "--format", "json", *extra)))


def actions(entries: list[dict[str, Any]]) -> list[str]:
    """The entries' actions, in order."""
    return [entry["action"] for entry in entries]


async def _a_contact(url: str) -> int:
    """A client contact (what the intake would have stored), written straight to storage."""
    db = Database(url)
    try:
        async with db.uow() as uow:
            contact = Contact(
                channel=Channel.TELEGRAM,
                external_id="4242",
                name="Ana",
                created_at=datetime.now(UTC),
            )
            uow.session.add(contact)
            await uow.session.flush()
            await uow.commit()
            assert contact.id is not None
            return contact.id
    finally:
        await db.dispose()


def test_each_administrative_command_lands_with_the_operator(tmp_path: Path) -> None:
    terms = tmp_path / "termos.md"
    terms.write_text(shipped_template("pt-BR"), encoding="utf-8")
    ok("terms", "publish", str(terms), "--language", "pt-BR")
    ok("company", "add", "--name", "Metalúrgica", "--product-line", "Industrial", "--rate", "180")
    ok("company", "update", "1", "--rate", "200,00")
    ok("company", "update", "1", "--name", "Metalúrgica Exemplo")  # not a rate: not audited
    ok("consultant", "add", "--slack-user", "U0BRUNO", "--name", "Bruno", "--areas", "Custos")
    ok("consultant", "update", "1", "--inactive")
    ok(
        "staff",
        "add",
        "--login",
        "sara",
        "--name",
        "Sara",
        "--role",
        "secretary",
        "--password-stdin",
        stdin="senha-forte-1\n",
    )
    ok("staff", "disable", "sara")
    ok("staff", "enable", "sara")
    ok("staff", "add", "--slack-user", "U0SUP", "--role", "support")
    ok("staff", "remove", "--slack-user", "U0SUP", "--role", "support")
    token = ok("api-token", "create", "--name", "erp", "--scopes", "billing:read")
    ok("api-token", "revoke", "1")
    hook = ok("webhook", "add", "http://127.0.0.1:9/hook", "--events", "all")
    ok("webhook", "rotate", "1")
    ok("webhook", "remove", "1")

    entries = exported()
    assert actions(entries) == [
        "terms.published",
        "company.added",
        "company.rate_changed",
        "staff.consultant_added",
        "staff.consultant_deactivated",
        "staff.account_created",
        "staff.role_granted",
        "staff.account_disabled",
        "staff.account_enabled",
        "staff.role_granted",
        "staff.role_revoked",
        "api_token.created",
        "api_token.revoked",
        "webhook.created",
        "webhook.secret_rotated",
        "webhook.disabled",
    ]
    assert {(e["actor_kind"], e["actor_ref"]) for e in entries} == {("cli", OPERATOR)}
    rate = entries[2]
    assert (rate["target_kind"], rate["target_id"]) == ("company", "1")
    assert rate["details"] == {"old_cents": 18000, "new_cents": 20000}
    assert entries[0]["details"] == {"language": "pt-BR", "version": 1}
    assert entries[0]["target_id"] == "pt-BR/1"
    created = entries[11]
    assert created["details"] == {"name": "erp", "scopes": "billing:read"}
    secrets = [token.split()[-1], hook.strip().splitlines()[-1]]
    assert all(len(secret) > 20 and secret not in json.dumps(entries) for secret in secrets)


def test_contacts_exported_or_erased_are_audited_by_id_only(tmp_path: Path) -> None:
    ok("company", "list")  # creates and migrates the database
    url = f"sqlite:///{tmp_path / 'test.db'}"
    contact_id = asyncio.run(_a_contact(url))
    ok("contact", "export", str(contact_id), "--output", str(tmp_path / "ana.json"))
    ok("contact", "erase", str(contact_id), "--yes")
    entries = exported()
    assert actions(entries) == ["contact.exported", "contact.erased"]
    assert [(e["target_kind"], e["target_id"]) for e in entries] == [
        ("contact", str(contact_id))
    ] * 2
    assert "Ana" not in json.dumps(entries)


def test_the_export_is_csv_by_default_and_starts_on_the_day_asked() -> None:
    ok("api-token", "create", "--name", "erp", "--scopes", "billing:read")
    rows = list(csv.DictReader(io.StringIO(ok("audit", "export"))))
    assert [row["action"] for row in rows] == ["api_token.created"]
    assert json.loads(rows[0]["details"]) == {"name": "erp", "scopes": "billing:read"}
    assert exported("--since", "01/01/2999") == []
    assert len(exported("--since", "01/01/2000")) == 1


def test_a_bad_date_or_format_is_refused_in_the_operator_language() -> None:
    result = run("audit", "export", "--since", "31/02/2026")
    assert result.exit_code == 2 and "dd/mm/aaaa" in result.stderr
    result = run("audit", "export", "--format", "xml")
    assert result.exit_code == 2 and "csv ou json" in result.stderr
    assert "Traceback" not in result.output

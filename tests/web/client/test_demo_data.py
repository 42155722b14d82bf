"""``consultoria demo-data``: a company to try the chat with, a consultant and a manager who can
sign in; a second run changes nothing and says what exists."""

from __future__ import annotations

import asyncio
import os
import re

from typer.testing import CliRunner

from bot.cli import app
from core.db import Database
from core.web_accounts import roles_of, verify_login

runner = CliRunner()


def _signs_in(login: str, password: str) -> frozenset[str] | None:
    async def check() -> frozenset[str] | None:
        db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
        try:
            async with db.uow() as uow:
                account = await verify_login(uow, login, password)
                return None if account is None else await roles_of(uow, account.staff_key)
        finally:
            await db.dispose()

    return asyncio.run(check())


def test_demo_data_creates_what_the_demo_needs_once() -> None:
    first = runner.invoke(app, ["demo-data"])
    assert first.exit_code == 0, first.output
    code = re.search(r"código de acesso: (\w+)", first.stdout)
    assert code is not None, first.stdout
    assert f"http://127.0.0.1:8080/chat?code={code.group(1)}" in first.stdout
    assert f"Empresa: Empresa Demonstração Ltda (criada) — código de acesso: {code.group(1)}" in (
        first.stdout
    )
    assert "criado" not in first.stdout, "a empresa e a conta são femininas"
    assert first.stdout.count("criada") == 3
    passwords = dict(re.findall(r"Conta (\w+) \(.*\) — senha: (\S+)", first.stdout))
    assert set(passwords) == {"consultora", "gerente"}
    assert "consultant" in (_signs_in("consultora", passwords["consultora"]) or ())
    assert {"admin", "manager", "secretary"} <= (
        _signs_in("gerente", passwords["gerente"]) or set()
    )

    again = runner.invoke(app, ["demo-data"])
    assert again.exit_code == 0, again.output
    assert f"código de acesso: {code.group(1)}" in again.stdout
    assert again.stdout.count("já existia") == 3
    assert passwords["gerente"] not in again.stdout, "passwords are kept, not shown again"
    assert _signs_in("gerente", passwords["gerente"])


def test_demo_data_takes_a_chosen_password() -> None:
    result = runner.invoke(app, ["demo-data", "--password", "demo-senha-123"])
    assert result.exit_code == 0, result.output
    assert _signs_in("consultora", "demo-senha-123")
    short = runner.invoke(app, ["demo-data", "--password", "curta"])
    assert short.exit_code == 2 and "Traceback" not in short.output

"""``consultoria staff add --login`` / ``passwd`` / ``disable``: web accounts from the CLI."""

from __future__ import annotations

import asyncio
import os
import re

from typer.testing import CliRunner, Result

from bot.cli import app
from core.db import Database
from core.web_accounts import roles_of, verify_login

runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> Result:
    """Invoke ``consultoria ARGS`` with ``stdin``."""
    return runner.invoke(app, list(args), input=stdin)


def refused(*args: str, stdin: str | None = None) -> str:
    """Expect exit status 2, nothing on stdout, no trace; the message."""
    result = run(*args, stdin=stdin)
    assert result.exit_code == 2, result.output
    assert result.stdout == "" or "Senha" in result.stdout
    assert "Traceback" not in result.output
    return result.stderr


def _signs_in(login: str, password: str) -> bool:
    return asyncio.run(_check_sign_in(login, password))


async def _check_sign_in(login: str, password: str) -> bool:
    db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
    try:
        async with db.uow() as uow:
            return await verify_login(uow, login, password) is not None
    finally:
        await db.dispose()


def _roles(key: str) -> frozenset[str]:
    return asyncio.run(_read_roles(key))


async def _read_roles(key: str) -> frozenset[str]:
    db = Database(os.environ["CONSULTORIA_DATABASE_URL"])
    try:
        async with db.uow() as uow:
            return await roles_of(uow, key)
    finally:
        await db.dispose()


def test_staff_add_creates_a_web_account_with_a_generated_key() -> None:
    result = run(
        "staff",
        "add",
        "--login",
        "Sara",
        "--name",
        "Sara Lima",
        "--role",
        "secretary",
        "--password-stdin",
        stdin="senha-forte-1\n",
    )
    assert result.exit_code == 0, result.output
    key = re.search(r"Chave de equipe gerada: (W[A-Z0-9]{10})", result.stdout)
    assert key is not None, result.stdout
    assert "agora tem o papel secretary" in result.stdout
    assert _signs_in("sara", "senha-forte-1")
    assert not _signs_in("sara", "senha-errada-1")
    assert _roles(key.group(1)) == {"secretary"}
    listing = run("staff", "list").stdout
    assert "sara" in listing and key.group(1) in listing


def test_an_interactive_password_is_asked_twice() -> None:
    result = run("staff", "add", "--login", "bia", stdin="senha-forte-1\nsenha-forte-1\n")
    assert result.exit_code == 0, result.output
    assert _signs_in("bia", "senha-forte-1")
    message = refused("staff", "add", "--login", "caio", stdin="senha-forte-1\noutra-senha-2\n")
    assert "não conferem" in message
    assert not _signs_in("caio", "senha-forte-1")


def test_bad_input_is_refused_and_nothing_is_written() -> None:
    assert "Login inválido" in refused(
        "staff", "add", "--login", "a b", "--password-stdin", stdin="senha-forte-1\n"
    )
    assert "Senha curta demais" in refused(
        "staff", "add", "--login", "dani", "--password-stdin", stdin="curta\n"
    )
    assert "Idioma desconhecido" in refused(
        "staff",
        "add",
        "--login",
        "dani",
        "--language",
        "fr",
        "--password-stdin",
        stdin="senha-forte-1\n",
    )
    assert "Papel desconhecido" in refused(
        "staff",
        "add",
        "--login",
        "dani",
        "--role",
        "chefe",
        "--password-stdin",
        stdin="senha-forte-1\n",
    )
    assert "Informe --role, --login" in refused("staff", "add")
    assert not _signs_in("dani", "senha-forte-1")
    assert "Nenhum papel atribuído." in run("staff", "list").stdout
    assert "dani" not in run("staff", "list").stdout


def test_passwd_and_disable() -> None:
    run("staff", "add", "--login", "edu", "--password-stdin", stdin="senha-forte-1\n")
    result = run("staff", "passwd", "edu", "--password-stdin", stdin="senha-nova-22\n")
    assert result.exit_code == 0 and "alterada" in result.stdout
    assert _signs_in("edu", "senha-nova-22")
    assert not _signs_in("edu", "senha-forte-1")
    assert "Não há conta web" in refused(
        "staff", "passwd", "ninguem", "--password-stdin", stdin="senha-nova-22\n"
    )
    assert run("staff", "disable", "edu").exit_code == 0
    assert not _signs_in("edu", "senha-nova-22")
    assert "Não há conta web" in refused("staff", "disable", "ninguem")


def test_a_manager_role_can_be_granted() -> None:
    result = run("staff", "add", "--slack-user", "U0GERENTE", "--role", "manager")
    assert result.exit_code == 0, result.output
    assert _roles("U0GERENTE") == {"manager"}


def test_staff_add_never_re_enables_a_disabled_account_staff_enable_does() -> None:
    run("staff", "add", "--login", "fabi", "--password-stdin", stdin="senha-forte-1\n")
    assert run("staff", "disable", "fabi").exit_code == 0
    result = run(
        "staff",
        "add",
        "--login",
        "fabi",
        "--name",
        "Fabiana Reis",
        "--password-stdin",
        stdin="senha-nova-22\n",
    )
    assert result.exit_code == 0, result.output
    assert "continua assim" in result.stdout
    assert "consultoria staff enable fabi" in result.stdout
    assert not _signs_in("fabi", "senha-nova-22")  # the new password is set, the account is off
    listing = run("staff", "list").stdout
    assert re.search(r"fabi\s.*Fabiana Reis\s+não", listing), listing
    result = run("staff", "enable", "fabi")
    assert result.exit_code == 0, result.output
    assert "reativada" in result.stdout
    assert _signs_in("fabi", "senha-nova-22")
    again = run("staff", "add", "--login", "fabi", "--name", "Fabiana R.")
    assert again.exit_code == 0 and "desativada" not in again.stdout
    assert "Não há conta web" in refused("staff", "enable", "ninguem")

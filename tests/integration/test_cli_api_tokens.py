"""``consultoria api-token``: create (shown once), list (never the token), revoke; bad input."""

from __future__ import annotations

import re

from typer.testing import CliRunner, Result

from bot.cli import app

runner = CliRunner()


def run(*args: str) -> Result:
    """Invoke ``consultoria ARGS``."""
    return runner.invoke(app, list(args))


def test_a_token_is_shown_once_listed_without_it_and_revoked() -> None:
    created = run("api-token", "create", "--name", "erp", "--scopes", "billing:read,bookings:write")
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"cso_[A-Za-z0-9_-]{43}", secret)
    assert "Token de API nº 1 (erp) criado com os escopos billing:read,bookings:write" in (
        created.stdout
    )
    listing = run("api-token", "list")
    assert "nº 1 · erp · billing:read,bookings:write" in listing.stdout
    assert "ativo" in listing.stdout and secret not in listing.stdout
    revoked = run("api-token", "revoke", "1")
    assert revoked.exit_code == 0 and "revogado" in revoked.stdout
    assert "revogado em" in run("api-token", "list").stdout


def test_an_unknown_scope_is_a_clear_refusal_and_nothing_is_stored() -> None:
    refused = run("api-token", "create", "--name", "erp", "--scopes", "billing:write")
    assert refused.exit_code == 2
    assert "Escopo desconhecido: 'billing:write'" in refused.stderr
    assert "billing:read" in refused.stderr and "Traceback" not in refused.output
    assert "Nenhum token de API." in run("api-token", "list").stdout


def test_bad_names_and_unknown_ids_are_refused() -> None:
    bad = run("api-token", "create", "--name", "erp com espaço", "--scopes", "billing:read")
    assert bad.exit_code == 2 and "Nome de token inválido" in bad.stderr
    missing = run("api-token", "revoke", "7")
    assert missing.exit_code == 2 and "Não há token de API nº 7." in missing.stderr

"""The admin commands: companies, consultants, staff and terms; bad input writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bot.cli import app

runner = CliRunner()


def run(*args: str) -> Result:
    """Invoke ``consultoria ARGS``."""
    return runner.invoke(app, list(args))


def ok(*args: str) -> str:
    """Invoke ``consultoria ARGS``, expect success and return the output."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def refused(*args: str) -> str:
    """Invoke ``consultoria ARGS``, expect exit status 2 and return stderr."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    return result.stderr


def add_company(*extra: str) -> str:
    return ok(
        "company",
        "add",
        "--name",
        "Metalúrgica Exemplo",
        "--product-line",
        "Industrial",
        "--rate",
        "180,00",
        *extra,
    )


def test_adding_a_company_prints_its_id_code_and_web_chat_link() -> None:
    output = add_company("--cnpj", "11222333000181")
    match = re.search(r"Código de acesso: ([A-Z0-9]{8})", output)
    assert match is not None, output
    assert "Empresa 1 cadastrada" in output
    # Only the web channel runs (no tokens): the chat's address, no Telegram link.
    assert f"Chat na web: http://127.0.0.1:8080/chat?code={match.group(1)}" in output
    assert "t.me" not in output
    listing = ok("company", "list")
    assert "11.222.333/0001-81" in listing
    assert "R$\xa0180,00" in listing
    assert match.group(1) in listing
    assert "sim" in listing


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--rate", "-10"], "'-10'"),
        (["--rate", "abc"], "'abc'"),
        (["--rate", "0"], "maior que zero"),
        (["--rate", "180", "--cnpj", "11.222.333/0001-82"], "CNPJ inválido"),
        (["--rate", "180", "--name", "  "], "nome da empresa"),
    ],
)
def test_a_company_with_bad_input_is_refused_and_nothing_is_written(
    args: list[str], shown: str
) -> None:
    base = ["company", "add", "--name", "Alfa", "--product-line", "Industrial"]
    assert shown in refused(*base, *args)
    assert ok("company", "list").strip() == "Nenhuma empresa cadastrada."


def test_updating_a_company_changes_the_rate_and_active_flag() -> None:
    add_company()
    assert "Empresa 1 alterada" in ok(
        "company", "update", "1", "--rate", "R$\xa01.234,56", "--inactive"
    )
    listing = ok("company", "list")
    assert "R$\xa01.234,56" in listing
    assert "não" in listing


def test_updating_an_unknown_company_or_with_a_bad_rate_is_refused() -> None:
    add_company()
    assert "Empresa 7 não encontrada" in refused("company", "update", "7", "--name", "X")
    assert "'-5'" in refused("company", "update", "1", "--rate", "-5")
    assert "Nada para alterar" in refused("company", "update", "1")
    assert "R$\xa0180,00" in ok("company", "list")


def test_a_regenerated_code_replaces_the_listed_one() -> None:
    old = re.findall(r"[A-Z0-9]{8}", add_company())[0]
    output = ok("company", "regenerate-code", "1")
    new = re.findall(r"chat\?code=([A-Z0-9]{8})", output)[0]
    assert new != old
    listing = ok("company", "list")
    assert new in listing
    assert old not in listing
    assert "Empresa 3 não encontrada" in refused("company", "regenerate-code", "3")


def test_with_telegram_the_company_links_say_how_to_form_the_deep_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONSULTORIA_TELEGRAM_TOKEN", "123:abc")
    monkeypatch.setenv("CONSULTORIA_SLACK_BOT_TOKEN", "xoxb-1")
    output = add_company()
    code = re.findall(r"Código de acesso: ([A-Z0-9]{8})", output)[0]
    assert f"Telegram: https://t.me/<usuário do bot>?start={code}" in output
    assert "nome de usuário do bot no Telegram" in output
    assert "/chat?code=" not in output, "with Slack the web channel is off unless turned on"

    monkeypatch.setenv("CONSULTORIA_WEB_ENABLED", "true")
    monkeypatch.setenv("CONSULTORIA_WEB_PUBLIC_URL", "https://chat.example.com.br/")
    output = ok("company", "regenerate-code", "1")
    new = re.findall(r"empresa 1: ([A-Z0-9]{8})", output)[0]
    assert f"Chat na web: https://chat.example.com.br/chat?code={new}" in output
    assert f"https://t.me/<usuário do bot>?start={new}" in output

    monkeypatch.setenv("CONSULTORIA_TELEGRAM_BOT_USERNAME", "@ConsultoriaBot")
    output = ok("company", "regenerate-code", "1")
    new = re.findall(r"empresa 1: ([A-Z0-9]{8})", output)[0]
    assert f"Telegram: https://t.me/ConsultoriaBot?start={new}" in output


def test_without_a_client_channel_the_company_link_says_what_to_configure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CONSULTORIA_WEB_ENABLED", "false")
    output = add_company()
    assert "Nenhum canal de clientes ligado" in output
    assert "http" not in output


def test_consultants_are_added_with_their_configured_areas() -> None:
    output = ok(
        "consultant",
        "add",
        "--slack-user",
        "U012AB3CD",
        "--name",
        "Ana",
        "--areas",
        "manufatura, CUSTOS",
        "--max-sessions",
        "2",
    )
    assert "Consultor 1 cadastrado" in output
    listing = ok("consultant", "list")
    assert "U012AB3CD" in listing
    assert "Custos, Manufatura" in listing
    assert "ausente" in listing
    ok("consultant", "update", "1", "--areas", "Comercial", "--inactive")
    listing = ok("consultant", "list")
    assert "Comercial" in listing
    assert "Manufatura" not in listing


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--slack-user", "U1AB", "--areas", "Vendas"], "Área desconhecida: 'Vendas'"),
        (["--slack-user", "ana", "--areas", "Custos"], "Usuário do Slack inválido"),
        (["--slack-user", "U1AB", "--areas", "Custos", "--max-sessions", "0"], "de 1 a"),
    ],
)
def test_a_consultant_with_bad_input_is_refused_and_nothing_is_written(
    args: list[str], shown: str
) -> None:
    message = refused("consultant", "add", "--name", "Ana", *args)
    assert shown in message
    assert ok("consultant", "list").strip() == "Nenhum consultor cadastrado."


def test_unknown_area_message_names_the_valid_areas() -> None:
    message = refused(
        "consultant", "add", "--name", "Ana", "--slack-user", "U1AB", "--areas", "Vendas"
    )
    assert "Manufatura, Suprimentos, Estoque, Custos, Comercial" in message


def test_a_duplicate_consultant_or_unknown_id_is_refused() -> None:
    ok("consultant", "add", "--slack-user", "U1AB", "--name", "Ana", "--areas", "Custos")
    assert "U1AB" in refused(
        "consultant", "add", "--slack-user", "U1AB", "--name", "Bia", "--areas", "Custos"
    )
    assert "Consultor 5 não encontrado" in refused("consultant", "update", "5", "--name", "X")
    assert "Bia" not in ok("consultant", "list")


def test_staff_roles_are_granted_listed_and_removed() -> None:
    ok("staff", "add", "--slack-user", "U1AB", "--role", "secretary", "--name", "Sara")
    ok("staff", "add", "--slack-user", "U1AB", "--role", "secretary")
    listing = ok("staff", "list")
    assert listing.count("U1AB") == 1
    assert "Sara" in listing
    assert "Papel desconhecido: 'boss'" in refused(
        "staff", "add", "--slack-user", "U2AB", "--role", "boss"
    )
    assert "não tem o papel admin" in refused(
        "staff", "remove", "--slack-user", "U1AB", "--role", "admin"
    )
    ok("staff", "remove", "--slack-user", "U1AB", "--role", "secretary")
    assert ok("staff", "list").strip() == "Nenhum papel atribuído."


def test_publishing_terms_prints_the_new_version_and_keeps_the_old(tmp_path: Path) -> None:
    first = tmp_path / "v1.md"
    first.write_text(
        "Primeira: {taxa_hora} por hora; {periodo_minutos}/{minimo_minutos}.", encoding="utf-8"
    )
    second = tmp_path / "v2.md"
    second.write_text(
        "Segunda: {taxa_hora}; {exemplo_minutos} min = {exemplo_valor}; "
        "{periodo_minutos}/{minimo_minutos}.",
        encoding="utf-8",
    )
    assert "versão 1" in ok("terms", "publish", str(first), "--language", "pt-BR")
    assert "versão 2" in ok("terms", "publish", str(second), "--language", "pt-BR")
    listing = ok("terms", "list")
    assert re.search(r"pt-BR\s+1\s.*não", listing)
    assert re.search(r"pt-BR\s+2\s.*sim", listing)
    assert "Segunda: R$\xa0250,00; 45 min = R$\xa0250,00; 30/30." in ok(
        "terms", "show", "--rate", "250"
    )
    assert "Primeira: R$\xa0180,00 por hora; 30/30." in ok("terms", "show", "--version", "1")
    assert ok("terms", "show", "--version", "1", "--raw").strip() == (
        "Primeira: {taxa_hora} por hora; {periodo_minutos}/{minimo_minutos}."
    )


@pytest.mark.parametrize(
    ("content", "shown"),
    [
        ("", "está vazio"),
        ("  \n\n", "está vazio"),
        ("{taxa_hora} {preco}", "{preco}"),
        ("Sem valor da hora.", "{taxa_hora}"),
        ("{taxa_hora} por hora, sem mínimo: {periodo_minutos} min.", "{minimo_minutos}"),
    ],
)
def test_a_bad_terms_file_is_refused_and_nothing_is_published(
    tmp_path: Path, content: str, shown: str
) -> None:
    file = tmp_path / "termos.md"
    file.write_text(content, encoding="utf-8")
    assert shown in refused("terms", "publish", str(file), "--language", "pt-BR")
    assert "Nenhuma versão" in ok("terms", "list")


def test_a_missing_terms_file_or_unknown_language_is_refused(tmp_path: Path) -> None:
    assert "Arquivo não encontrado" in refused(
        "terms", "publish", str(tmp_path / "no.md"), "--language", "pt-BR"
    )
    file = tmp_path / "t.md"
    file.write_text("{taxa_hora} {periodo_minutos} {minimo_minutos}", encoding="utf-8")
    assert "Idioma desconhecido: 'fr'" in refused("terms", "publish", str(file), "--language", "fr")
    assert "não têm a versão 4" in refused("terms", "show", "--version", "4")
    assert "Nenhuma versão" in ok("terms", "list")


def test_terms_show_without_a_published_version_shows_the_shipped_text() -> None:
    output = ok("terms", "show")
    assert "texto padrão" in output
    assert "R$\xa0180,00 por hora" in output


def test_admin_messages_follow_the_configured_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULTORIA_LANGUAGE", "en")
    assert "Invalid CNPJ" in refused(
        "company", "add", "--name", "A", "--product-line", "P", "--rate", "100", "--cnpj", "123"
    )
    assert ok("company", "list").strip() == "No companies yet."
    assert "Access code:" in add_company()
    assert "R$180.00" in ok("company", "list")


def test_a_company_of_a_line_nobody_configured_is_refused_naming_the_configured_ones() -> None:
    shown = refused(
        "company", "add", "--name", "Loja", "--product-line", "Retail", "--rate", "90,00"
    )
    assert "Linha de produto desconhecida: 'Retail'" in shown
    assert "industrial (Industrial), varejo (Varejo)" in shown
    assert ok("company", "list").strip() == "Nenhuma empresa cadastrada."
    ok("company", "add", "--name", "Loja", "--product-line", "Varejo", "--rate", "90,00")
    assert "varejo" in ok("company", "list")

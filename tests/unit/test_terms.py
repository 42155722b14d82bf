"""The terms template (SPEC 5, step 3): the company's numbers filled in, bad templates refused."""

from __future__ import annotations

import hashlib

import pytest

from core.billing import BillingPolicy
from core.errors import InvalidInput
from core.messages import LANGUAGES
from core.terms import (
    PLACEHOLDERS,
    placeholders_in,
    render_terms,
    shipped_template,
    terms_language,
    terms_text_sha256,
    validate_template,
)

EVERY_PLACEHOLDER = " ".join("{" + name + "}" for name in PLACEHOLDERS)
POLICY = BillingPolicy(period_minutes=30, min_periods=1)


def _render(
    template: str,
    rate_cents: int = 18_000,
    language: str = "pt-BR",
    policy: BillingPolicy = POLICY,
) -> str:
    return render_terms(
        template, rate_cents=rate_cents, policy=policy, language=language, version=3
    )


def test_placeholders_are_filled_with_the_companys_numbers() -> None:
    text = _render(EVERY_PLACEHOLDER)
    assert text == "R$\xa0180,00 R$\xa090,00 30 30 45 2 R$\xa0180,00 15 nada é cobrado 3"


def test_the_terms_state_the_configured_no_show_policy() -> None:
    template = "{tolerancia_minutos} min: {cobranca_ausencia}"
    policy = BillingPolicy(no_show_after_minutes=20, no_show_billing="minimum")
    assert (
        _render(template, policy=policy) == "20 min: é cobrado o mínimo de 30 minutos (R$\xa090,00)"
    )
    english = _render(template, policy=policy, language="en")
    assert english == "20 min: the minimum of 30 minutes (R$90.00) is charged"


def test_45_minutes_are_two_periods_at_one_hours_price() -> None:
    text = _render("{exemplo_minutos} min = {exemplo_periodos} = {exemplo_valor} ({taxa_hora}/h)")
    assert text == "45 min = 2 = R$\xa0180,00 (R$\xa0180,00/h)"


def test_an_odd_rate_rounds_the_period_price_like_the_bill() -> None:
    assert _render("{valor_periodo} {taxa_hora}", rate_cents=12_345) == "R$\xa061,73 R$\xa0123,45"


def test_money_follows_the_language() -> None:
    assert _render("{taxa_hora}", rate_cents=123_456, language="en") == "R$1,234.56"


def test_the_example_follows_the_configured_policy() -> None:
    policy = BillingPolicy(period_minutes=60, min_periods=2)
    text = render_terms(
        "{periodo_minutos} {minimo_minutos} {exemplo_minutos} {exemplo_periodos} {exemplo_valor}",
        rate_cents=10_000,
        policy=policy,
        language="pt-BR",
        version=1,
    )
    assert text == "60 120 90 2 R$\xa0200,00"


def test_double_braces_are_literal_braces() -> None:
    assert _render("{{taxa_hora}} = {taxa_hora}") == "{taxa_hora} = R$\xa0180,00"
    validate_template("{{nao_e_campo}} {taxa_hora} {periodo_minutos} {minimo_minutos}")


def test_placeholders_are_listed_once_in_order_of_use() -> None:
    assert placeholders_in("{versao} {taxa_hora} {versao} {{x}}") == ["versao", "taxa_hora"]


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_an_empty_template_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_template(text)
    assert refused.value.key == "admin.terms.empty"


def test_unknown_placeholders_are_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_template("{taxa_hora} {taxa} {valor}")
    assert refused.value.key == "admin.terms.unknown_placeholders"
    message = refused.value.render("pt-BR")
    assert "{taxa}" in message
    assert "{valor}" in message
    assert "{taxa_hora}" in message  # the valid ones are listed too


@pytest.mark.parametrize(
    ("template", "missing"),
    [
        (
            "Termos versão {versao}: {exemplo_valor} {periodo_minutos} {minimo_minutos}",
            "{taxa_hora}",
        ),
        ("{taxa_hora} por hora, mínimo {minimo_minutos} minutos", "{periodo_minutos}"),
        ("{taxa_hora} por hora, períodos de {periodo_minutos} minutos", "{minimo_minutos}"),
    ],
)
def test_a_template_that_drops_the_rate_the_period_or_the_minimum_is_refused(
    template: str, missing: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_template(template)
    assert refused.value.key == "admin.terms.missing_required"
    assert f"include {missing}." in refused.value.render("en")


def test_sha256_is_of_the_utf8_text() -> None:
    text = "Consultoria é paga"
    assert terms_text_sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert terms_text_sha256(text) != terms_text_sha256(text + " ")


@pytest.mark.parametrize(
    ("typed", "language"), [("pt-BR", "pt-BR"), ("pt_br", "pt-BR"), ("EN", "en")]
)
def test_terms_languages_are_recognised_in_any_case(typed: str, language: str) -> None:
    assert terms_language(typed) == language


def test_an_unknown_terms_language_is_refused() -> None:
    with pytest.raises(InvalidInput):
        terms_language("fr")


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_terms_are_valid_and_state_the_rules(language: str) -> None:
    template = shipped_template(language)
    validate_template(template)
    text = _render(template, language=language)
    assert "{" not in text
    assert "}" not in text
    rate = "R$\xa0180,00" if language == "pt-BR" else "R$180.00"
    assert rate in text
    assert "45" in text
    assert "30" in text


def test_shipped_portuguese_terms_say_what_a_client_must_know() -> None:
    text = _render(shipped_template("pt-BR"))
    for fact in (
        "pago",
        "hora de consultoria contratada",
        "cobrança mínima é de 30 minutos",
        "Todo período iniciado é cobrado por inteiro",
        "45 minutos são 2 períodos, ou seja, R$\xa0180,00",
        "espera na fila nunca é cobrado",
        "suporte técnico continua gratuito",
        "Não aceito",
        "versão destes termos (3)",
    ):
        assert fact in text, fact


def test_the_shipped_terms_state_the_no_show_tolerance_and_its_cost() -> None:
    policy = BillingPolicy(no_show_after_minutes=15, no_show_billing="minimum")
    text = _render(shipped_template("pt-BR"), policy=policy)
    assert (
        "Se você não entrar em até 15 minutos, o atendimento é encerrado como ausência e é "
        "cobrado o mínimo de 30 minutos (R$\xa090,00)." in text
    )
    english = _render(shipped_template("en"), language="en")
    assert (
        "within 15 minutes, the session is closed as a no-show and nothing is charged." in english
    )

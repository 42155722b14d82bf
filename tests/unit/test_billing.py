"""SPEC section 8: periods of 30 minutes, a minimum of one, amounts in integer cents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.billing import (
    BillingPolicy,
    BillingSummary,
    amount_cents,
    billable_minutes,
    billable_periods,
    format_brl,
    parse_money,
    quote,
    summarize,
)
from core.errors import InvalidInput
from core.messages import CATALOGUES
from core.messages import billing as billing_messages

HOUR_RATE = 18_000  # R$ 180,00
START = datetime(2026, 11, 9, 17, 0, tzinfo=UTC)
minutes_st = st.integers(min_value=0, max_value=100_000)
rates_st = st.integers(min_value=1, max_value=10_000_000)


@pytest.mark.parametrize(
    ("minutes", "periods", "amount"),
    [(10, 1, 9000), (30, 1, 9000), (31, 2, 18000), (45, 2, 18000), (60, 2, 18000), (61, 3, 27000)],
)
def test_spec_table_at_180_reais_an_hour(minutes: int, periods: int, amount: int) -> None:
    summary = quote(minutes, HOUR_RATE)
    assert (summary.periods, summary.amount_cents) == (periods, amount)


def test_45_minutes_are_billed_as_two_periods_the_price_of_one_hour() -> None:
    assert quote(45, HOUR_RATE).amount_cents == HOUR_RATE


def test_zero_minutes_still_cost_the_minimum_period() -> None:
    assert billable_periods(0) == 1


def test_policy_from_settings_changes_the_period_and_the_minimum() -> None:
    policy = BillingPolicy(period_minutes=60, min_periods=2)
    assert billable_periods(61, policy) == 2
    assert billable_periods(121, policy) == 3
    assert amount_cents(3, HOUR_RATE, policy) == 3 * HOUR_RATE


def test_impossible_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="policy"):
        BillingPolicy(period_minutes=0)


@given(minutes_st, minutes_st)
def test_periods_never_decrease_as_minutes_grow(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert billable_periods(low) <= billable_periods(high)


@given(minutes_st)
def test_periods_cover_every_minute(minutes: int) -> None:
    assert billable_periods(minutes) * 30 >= minutes


@given(st.integers(min_value=31, max_value=100_000))
def test_no_whole_period_is_charged_beyond_the_minimum_without_use(minutes: int) -> None:
    assert (billable_periods(minutes) - 1) * 30 < minutes


@given(minutes_st, rates_st.map(lambda rate: rate * 2))
def test_amount_is_half_the_rate_per_period_for_even_rates(minutes: int, rate: int) -> None:
    summary = quote(minutes, rate)
    assert summary.amount_cents == summary.periods * rate // 2


@given(st.integers(min_value=0, max_value=1000), rates_st)
def test_amount_is_never_negative(periods: int, rate: int) -> None:
    assert amount_cents(periods, rate) >= 0


def test_a_half_cent_is_rounded_up() -> None:
    assert amount_cents(1, 18_001) == 9001  # 90,005 -> 90,01
    assert amount_cents(2, 18_001) == 18_001
    assert amount_cents(3, 18_001) == 27_002  # 270,015 -> 270,02


def test_amount_refuses_a_rate_that_is_not_positive_and_negative_periods() -> None:
    with pytest.raises(InvalidInput) as refused:
        amount_cents(1, 0)
    assert refused.value.key == "billing.rate_not_positive"
    with pytest.raises(InvalidInput) as refused:
        amount_cents(-1, HOUR_RATE)
    assert refused.value.key == "billing.invalid_periods"


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        billable_periods(-1)
    assert refused.value.key == "billing.invalid_minutes"
    assert refused.value.params == {"value": -1}


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "R$\xa00,00"),
        (5, "R$\xa00,05"),
        (123_456, "R$\xa01.234,56"),
        (100_000_000, "R$\xa01.000.000,00"),
    ],
)
def test_format_brl_in_portuguese_keeps_the_symbol_with_the_amount(cents: int, text: str) -> None:
    assert format_brl(cents) == text


def test_format_brl_in_english() -> None:
    assert format_brl(123_456, "en") == "R$1,234.56"


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("180,00", 18_000),
        ("180", 18_000),
        ("1.234,56", 123_456),
        ("R$ 1.234,56", 123_456),
        ("R$\xa01.234,56", 123_456),
        ("180.50", 18_050),
        ("180.5", 18_050),
        ("1.234", 123_400),
        ("0,05", 5),
        (" 90,5 ", 9_050),
    ],
)
def test_parse_money(text: str, cents: int) -> None:
    assert parse_money(text) == cents


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("-10", "billing.invalid_money"),
        ("R$ -10,00", "billing.invalid_money"),
        ("abc", "billing.invalid_money"),
        ("", "billing.invalid_money"),
        ("R$", "billing.invalid_money"),
        ("180,001", "billing.invalid_money"),
        ("1.2345", "billing.invalid_money"),
        ("1.23.4", "billing.invalid_money"),
        ("1,2,3", "billing.invalid_money"),
        ("1" * 5000, "billing.invalid_money"),
        ("0", "billing.rate_not_positive"),
        ("0,00", "billing.rate_not_positive"),
    ],
)
def test_parse_money_refusals(text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_money(text)
    assert refused.value.key == key
    assert refused.value.params == {"value": text}


@given(rates_st)
def test_parse_money_reads_what_format_brl_writes(cents: int) -> None:
    assert parse_money(format_brl(cents)) == cents


def test_30_minutes_and_1_second_are_31_minutes_and_two_periods() -> None:
    end = START + timedelta(minutes=30, seconds=1)
    assert billable_minutes(START, end) == 31
    assert summarize(START, end, HOUR_RATE).periods == 2


def test_exactly_30_minutes_are_one_period() -> None:
    assert summarize(START, START + timedelta(minutes=30), HOUR_RATE).periods == 1


def test_end_before_start_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        billable_minutes(START, START - timedelta(seconds=1))
    assert refused.value.key == "billing.end_before_start"


def test_summary_json_has_exactly_the_numbers_and_the_display() -> None:
    assert quote(45, HOUR_RATE).as_json() == {
        "minutes": 45,
        "periods": 2,
        "rate_cents": 18_000,
        "amount_cents": 18_000,
        "amount_display": "R$\xa0180,00",
    }


def test_render_in_portuguese_with_times_in_the_local_zone() -> None:
    end = START + timedelta(minutes=65)
    text = summarize(START, end, HOUR_RATE).render("pt-BR", ZoneInfo("America/Sao_Paulo"))
    assert "09/11/2026 14:00" in text
    assert "09/11/2026 15:05" in text
    assert "1 h 05 min" in text
    assert "Valor da hora: R$\xa0180,00" in text
    assert "Total: R$\xa0270,00" in text


def test_render_in_english_without_times() -> None:
    text = BillingSummary(45, 2, HOUR_RATE, HOUR_RATE).render("en")
    assert "45 min" in text
    assert "Billed periods: 2" in text
    assert "R$180.00" in text
    assert "Start" not in text


def test_catalogue_has_the_same_keys_in_both_languages() -> None:
    assert billing_messages.PT_BR.keys() == billing_messages.EN.keys()
    assert billing_messages.PT_BR.keys() <= CATALOGUES["pt-BR"].keys()


@pytest.mark.parametrize("language", ["pt-BR", "en"])
def test_every_refusal_renders_in_both_languages(language: str) -> None:
    for key in ("billing.invalid_money", "billing.rate_not_positive", "billing.invalid_minutes"):
        assert "'x'" in InvalidInput(key, value="x").render(language)
    assert InvalidInput("billing.end_before_start").render(language)

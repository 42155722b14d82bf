"""Billing of Consultoria Online (SPEC section 8): periods, amounts and summaries, in cents."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.numbers import format_currency

from core.errors import InvalidInput
from core.messages import normalise_language, t

logger = logging.getLogger(__name__)

_MICROSECONDS_PER_MINUTE = 60_000_000
_PLAIN = re.compile(r"[0-9]+", re.ASCII)
_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+", re.ASCII)
_DOT_DECIMAL = re.compile(r"([0-9]+)\.([0-9]{1,2})", re.ASCII)
_CURRENCY_PREFIX = re.compile(r"^r\$", re.IGNORECASE)
_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
MAX_CENTS = 2**31 - 1
"""Amounts typed by people are stored in 32-bit columns: R$ 21.474.836,47 at most."""


NO_SHOW_BILLING = ("nothing", "minimum")
"""What a no-show may cost."""


@dataclass(frozen=True)
class BillingPolicy:
    """How a duration becomes periods (the period length, the minimum charge) and what a booked
    client who never came costs (after ``no_show_after_minutes``: ``"nothing"`` or the
    ``"minimum"``). The terms state all of it."""

    period_minutes: int = 30
    min_periods: int = 1
    no_show_after_minutes: int = 15
    no_show_billing: str = "nothing"

    def __post_init__(self) -> None:
        if self.period_minutes < 1 or self.min_periods < 0 or self.no_show_after_minutes < 1:
            raise ValueError(f"impossible billing policy: {self!r}")
        if self.no_show_billing not in NO_SHOW_BILLING:
            raise ValueError(f"impossible no-show billing: {self.no_show_billing!r}")


DEFAULT_POLICY = BillingPolicy()


def _integer_part(text: str) -> str | None:
    """Digits of a whole-reais part written ``1234`` or ``1.234``; None when malformed."""
    if _PLAIN.fullmatch(text):
        return text
    if _GROUPED.fullmatch(text):
        return text.replace(".", "")
    return None


def _split_money(text: str) -> tuple[str, str] | None:
    """(whole reais digits, cents digits) of a cleaned amount; None when malformed."""
    if "," in text:
        whole, _, fraction = text.partition(",")
        if not re.fullmatch(r"[0-9]{1,2}", fraction, re.ASCII):
            return None
        digits = _integer_part(whole)
        return None if digits is None else (digits, fraction)
    dotted = _DOT_DECIMAL.fullmatch(text)
    if dotted:
        return dotted.group(1), dotted.group(2)
    digits = _integer_part(text)
    return None if digits is None else (digits, "")


def parse_money(text: str) -> int:
    """Parse a positive BRL amount (``180``, ``180,00``, ``R$ 1.234,56``, ``180.50``) to cents."""
    cleaned = _CURRENCY_PREFIX.sub("", text.strip()).strip()
    parts = _split_money(cleaned)
    if parts is None:
        raise InvalidInput("billing.invalid_money", value=text)
    whole, fraction = parts
    try:
        cents = int(whole) * 100 + int(fraction.ljust(2, "0"))
    except ValueError as error:  # absurdly long digit strings
        raise InvalidInput("billing.invalid_money", value=text) from error
    if cents == 0:
        raise InvalidInput("billing.rate_not_positive", value=text)
    if cents > MAX_CENTS:  # no column holds it, and babel cannot format it
        raise InvalidInput("billing.invalid_money", value=text)
    return cents


def billable_minutes(started_at: datetime, ended_at: datetime) -> int:
    """Minutes between two instants, every started minute counting in full."""
    elapsed = ended_at - started_at
    if elapsed < timedelta(0):
        raise InvalidInput("billing.end_before_start")
    microseconds = elapsed // timedelta(microseconds=1)
    return -(-microseconds // _MICROSECONDS_PER_MINUTE)


def billable_periods(minutes: int, policy: BillingPolicy = DEFAULT_POLICY) -> int:
    """Periods charged for ``minutes``: every started period, at least the policy minimum."""
    if minutes < 0:
        raise InvalidInput("billing.invalid_minutes", value=minutes)
    return max(policy.min_periods, -(-minutes // policy.period_minutes))


def amount_cents(periods: int, rate_cents: int, policy: BillingPolicy = DEFAULT_POLICY) -> int:
    """Price of ``periods`` at an hourly rate, in cents, a half cent rounded up."""
    if periods < 0:
        raise InvalidInput("billing.invalid_periods", value=periods)
    if rate_cents <= 0:
        raise InvalidInput("billing.rate_not_positive", value=format_brl(rate_cents))
    whole, remainder = divmod(periods * rate_cents * policy.period_minutes, 60)
    return whole + 1 if remainder * 2 >= 60 else whole


def format_brl(cents: int, language: str = "pt-BR") -> str:
    """``R$\xa01.234,56`` in pt-BR, ``R$1,234.56`` in en: the symbol never parted from its
    amount (a no-break space, U+00A0, where the locale puts a space)."""
    locale = "en" if normalise_language(language) == "en" else "pt_BR"
    text: str = format_currency(Decimal(cents).scaleb(-2), "BRL", locale=locale)
    return text.replace("\u202f", "\xa0").replace(" ", "\xa0")


def format_duration(minutes: int, language: str = "pt-BR") -> str:
    """``45 min`` or ``1 h 05 min``."""
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return t("billing.duration.minutes", language, minutes=rest)
    return t("billing.duration.hours", language, hours=hours, minutes=rest)


def _format_instant(instant: datetime, tz: ZoneInfo | None) -> str:
    local = instant.astimezone(tz) if tz is not None else instant
    return local.strftime(_DATETIME_FORMAT)


@dataclass(frozen=True)
class BillingSummary:
    """What a session (or a quoted duration) costs, and why."""

    minutes: int
    periods: int
    rate_cents: int
    amount_cents: int
    started_at: datetime | None = None
    ended_at: datetime | None = None

    def as_json(self) -> dict[str, int | str]:
        """The numbers for machines, plus the pt-BR display of the amount."""
        return {
            "minutes": self.minutes,
            "periods": self.periods,
            "rate_cents": self.rate_cents,
            "amount_cents": self.amount_cents,
            "amount_display": format_brl(self.amount_cents),
        }

    def render(self, language: str, tz: ZoneInfo | None = None) -> str:
        """The summary as lines of text for a person, in ``language`` and time zone ``tz``."""
        lines = [t("billing.summary.title", language)]
        if self.started_at is not None:
            started = _format_instant(self.started_at, tz)
            lines.append(t("billing.summary.started", language, value=started))
        if self.ended_at is not None:
            ended = _format_instant(self.ended_at, tz)
            lines.append(t("billing.summary.ended", language, value=ended))
        duration = format_duration(self.minutes, language)
        lines.append(t("billing.summary.duration", language, value=duration))
        lines.append(t("billing.summary.periods", language, value=self.periods))
        rate = format_brl(self.rate_cents, language)
        lines.append(t("billing.summary.rate", language, value=rate))
        amount = format_brl(self.amount_cents, language)
        lines.append(t("billing.summary.amount", language, value=amount))
        return "\n".join(lines)


def quote(minutes: int, rate_cents: int, policy: BillingPolicy = DEFAULT_POLICY) -> BillingSummary:
    """What ``minutes`` of consulting would cost at ``rate_cents`` per hour."""
    periods = billable_periods(minutes, policy)
    amount = amount_cents(periods, rate_cents, policy)
    return BillingSummary(minutes, periods, rate_cents, amount)


def summarize(
    started_at: datetime,
    ended_at: datetime,
    rate_cents: int,
    policy: BillingPolicy = DEFAULT_POLICY,
) -> BillingSummary:
    """The bill of a session that ran from ``started_at`` to ``ended_at``."""
    minutes = billable_minutes(started_at, ended_at)
    periods = billable_periods(minutes, policy)
    amount = amount_cents(periods, rate_cents, policy)
    return BillingSummary(minutes, periods, rate_cents, amount, started_at, ended_at)

"""Versioned terms of the paid service (SPEC 5, step 3): Markdown templates with placeholders.

A template writes ``{taxa_hora}``, ``{valor_periodo}``... where the company's numbers go;
``{{`` and ``}}`` stand for literal braces. Published versions are never changed: a consent keeps
pointing at the version it was given.
"""

from __future__ import annotations

import hashlib
import logging
import re
from importlib import resources

from sqlalchemy import func
from sqlmodel import col, select

from core.billing import BillingPolicy, amount_cents, billable_periods, format_brl
from core.clock import Clock
from core.db import UnitOfWork
from core.errors import InvalidInput, NotFound
from core.events import Acting
from core.messages import LANGUAGES, t
from core.models import TermsVersion

logger = logging.getLogger(__name__)

PLACEHOLDERS = (
    "taxa_hora",
    "valor_periodo",
    "periodo_minutos",
    "minimo_minutos",
    "exemplo_minutos",
    "exemplo_periodos",
    "exemplo_valor",
    "tolerancia_minutos",
    "cobranca_ausencia",
    "versao",
)
REQUIRED_PLACEHOLDERS = ("taxa_hora", "periodo_minutos", "minimo_minutos")
"""What every published version must state: the hourly rate, the billing period, the minimum."""
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def terms_language(language: str) -> str:
    """``pt-BR`` or ``en`` (any case, ``_`` or ``-``); InvalidInput for anything else."""
    wanted = language.strip().replace("_", "-").casefold()
    for known in LANGUAGES:
        if known.casefold() == wanted:
            return known
    raise InvalidInput("admin.terms.unknown_language", value=language, valid=", ".join(LANGUAGES))


def placeholders_in(template: str) -> list[str]:
    """The placeholder names a template uses, in order of first use."""
    names: list[str] = []
    for match in _TOKEN.finditer(template):
        name = match.group(1)
        if name is not None and name.strip() not in names:
            names.append(name.strip())
    return names


def validate_template(text: str) -> None:
    """Refuse an empty template, unknown placeholders, or one missing a required placeholder."""
    if not text.strip():
        raise InvalidInput("admin.terms.empty")
    used = placeholders_in(text)
    unknown = [name for name in used if name not in PLACEHOLDERS]
    if unknown:
        raise InvalidInput(
            "admin.terms.unknown_placeholders",
            names=", ".join("{" + name + "}" for name in unknown),
            valid=", ".join("{" + name + "}" for name in PLACEHOLDERS),
        )
    missing = [name for name in REQUIRED_PLACEHOLDERS if name not in used]
    if missing:
        raise InvalidInput(
            "admin.terms.missing_required", names=", ".join("{" + m + "}" for m in missing)
        )


def example_minutes(policy: BillingPolicy) -> int:
    """The worked example's duration: one and a half periods (45 minutes for 30-minute periods)."""
    return policy.period_minutes + policy.period_minutes // 2


def terms_values(
    *, rate_cents: int, policy: BillingPolicy, language: str, version: int
) -> dict[str, str]:
    """What each placeholder stands for, with this rate and policy."""
    minutes = example_minutes(policy)
    periods = billable_periods(minutes, policy)
    return {
        "taxa_hora": format_brl(rate_cents, language),
        "valor_periodo": format_brl(amount_cents(1, rate_cents, policy), language),
        "periodo_minutos": str(policy.period_minutes),
        "minimo_minutos": str(policy.min_periods * policy.period_minutes),
        "exemplo_minutos": str(minutes),
        "exemplo_periodos": str(periods),
        "exemplo_valor": format_brl(amount_cents(periods, rate_cents, policy), language),
        "tolerancia_minutos": str(policy.no_show_after_minutes),
        "cobranca_ausencia": t(
            f"terms.no_show.{policy.no_show_billing}",
            language,
            minutes=policy.min_periods * policy.period_minutes,
            amount=format_brl(amount_cents(policy.min_periods, rate_cents, policy), language),
        ),
        "versao": str(version),
    }


def render_terms(
    template: str, *, rate_cents: int, policy: BillingPolicy, language: str, version: int
) -> str:
    """The terms as shown to a client: the template with the company's numbers filled in."""
    values = terms_values(rate_cents=rate_cents, policy=policy, language=language, version=version)

    def _replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1).strip()
        if name not in values:
            raise InvalidInput(
                "admin.terms.unknown_placeholders",
                names=token,
                valid=", ".join("{" + n + "}" for n in PLACEHOLDERS),
            )
        return values[name]

    return _TOKEN.sub(_replace, template)


def terms_text_sha256(text: str) -> str:
    """Hex SHA-256 of a text (UTF-8), as recorded with a consent."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shipped_template(language: str) -> str:
    """The terms template shipped with the bot for ``language``."""
    name = f"terms_{terms_language(language)}.md"
    return resources.files("core").joinpath("data", name).read_text(encoding="utf-8")


async def publish_terms(
    uow: UnitOfWork, clock: Clock, *, language: str, template: str, by: Acting | None = None
) -> TermsVersion:
    """Publish a new version of the terms in ``language``; earlier versions stay as they were.

    ``by``: who publishes them (the act is then audited)."""
    lang = terms_language(language)
    validate_template(template)
    latest = await uow.session.exec(
        select(func.max(TermsVersion.version)).where(TermsVersion.language == lang)
    )
    version = (latest.one() or 0) + 1
    terms = TermsVersion(
        language=lang,
        version=version,
        template=template,
        template_sha256=terms_text_sha256(template),
        published_at=clock.now(),
    )
    uow.session.add(terms)
    await uow.session.flush()
    logger.info("terms %s version %s published", lang, version)
    if by is not None:
        await by.done(
            "terms.published", "terms", f"{lang}/{version}", language=lang, version=version
        )
    return terms


async def current_terms(uow: UnitOfWork, language: str) -> TermsVersion | None:
    """The newest version of the terms in ``language``, or None when none is published."""
    result = await uow.session.exec(
        select(TermsVersion)
        .where(TermsVersion.language == terms_language(language))
        .order_by(col(TermsVersion.version).desc())
        .limit(1)
    )
    return result.first()


async def get_terms(uow: UnitOfWork, language: str, version: int) -> TermsVersion:
    """One published version; NotFound when it does not exist."""
    lang = terms_language(language)
    result = await uow.session.exec(
        select(TermsVersion).where(TermsVersion.language == lang, TermsVersion.version == version)
    )
    terms = result.first()
    if terms is None:
        raise NotFound("admin.terms.not_found", terms_language=lang, version=version)
    return terms


async def list_terms(uow: UnitOfWork) -> list[TermsVersion]:
    """Every published version, by language then version."""
    result = await uow.session.exec(
        select(TermsVersion).order_by(col(TermsVersion.language), col(TermsVersion.version))
    )
    return list(result.all())


async def ensure_default_terms(uow: UnitOfWork, clock: Clock) -> list[TermsVersion]:
    """Publish the shipped terms in each language without a version; return what was added."""
    published: list[TermsVersion] = []
    for language in LANGUAGES:
        if await current_terms(uow, language) is None:
            published.append(
                await publish_terms(
                    uow, clock, language=language, template=shipped_template(language)
                )
            )
    return published

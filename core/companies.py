"""Customer companies (SPEC section 2): CNPJ, product line, hourly rate and the access code."""

from __future__ import annotations

import logging
import re
import secrets

from sqlmodel import col, select
from validate_docbr import CNPJ

from core.billing import format_brl
from core.clock import Clock
from core.db import UnitOfWork
from core.errors import Conflict, InvalidInput, NotFound
from core.events import Acting
from core.mail import optional_email
from core.messages import LANGUAGES
from core.models import Company
from core.product_lines import ProductLines
from core.text import folded

logger = logging.getLogger(__name__)

ACCESS_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Capital letters and digits without the look-alikes 0/O, 1/I/L; safe in a Telegram deep link."""
ACCESS_CODE_LENGTH = 8
_CODE_ATTEMPTS = 20
_CNPJ_PUNCTUATION = re.compile(r"[.\-/\s]")
_CNPJ_CHARS = re.compile(r"[0-9A-Z]{14}", re.ASCII)
_CODE_SEPARATORS = re.compile(r"[\s\-]")
_NAME_MAX = 200
_PRODUCT_LINE_MAX = 100


def normalise_cnpj(text: str) -> str:
    """A CNPJ typed with or without mask -> its 14 characters; check digits validated."""
    key = _CNPJ_PUNCTUATION.sub("", text).upper()
    if not _CNPJ_CHARS.fullmatch(key) or not CNPJ().validate(key):
        raise InvalidInput("admin.company.invalid_cnpj", value=text)
    return key


def format_cnpj(cnpj: str | None) -> str:
    """``00.000.000/0000-00`` (empty when there is none)."""
    if not cnpj:
        return ""
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"


def new_access_code() -> str:
    """A random access code: 8 characters of the unambiguous alphabet."""
    return "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))


def _required_text(value: str, key: str, limit: int) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise InvalidInput(key)
    if len(cleaned) > limit:
        raise InvalidInput("admin.too_long", value=cleaned[:40], limit=limit)
    return cleaned


def _positive_rate(rate_cents: int) -> int:
    if rate_cents <= 0:
        raise InvalidInput("billing.rate_not_positive", value=format_brl(rate_cents))
    return rate_cents


async def _unused_cnpj(uow: UnitOfWork, cnpj: str, company_id: int | None = None) -> None:
    found = (await uow.session.exec(select(Company).where(Company.cnpj == cnpj))).first()
    if found is not None and found.id != company_id:
        raise Conflict("admin.company.cnpj_taken", cnpj=format_cnpj(cnpj), id=found.id)


async def _unique_access_code(uow: UnitOfWork) -> str:
    for _ in range(_CODE_ATTEMPTS):
        code = new_access_code()
        taken = await uow.session.exec(select(Company.id).where(Company.access_code == code))
        if taken.first() is None:
            return code
        logger.info("access code collision, drawing again")
    raise RuntimeError("could not draw an unused access code")


def _configured_line(text: str, lines: ProductLines) -> str:
    """The key of a configured product line; InvalidInput naming the configured ones."""
    _required_text(text, "admin.company.product_line_required", _PRODUCT_LINE_MAX)
    key = lines.key_of(text)
    if key is None:
        raise InvalidInput(
            "admin.company.product_line_unknown", value=text.strip()[:60], known=lines.known()
        )
    return key


async def add_company(
    uow: UnitOfWork,
    clock: Clock,
    *,
    name: str,
    cnpj: str | None,
    product_line: str,
    hourly_rate_cents: int,
    lines: ProductLines,
    active: bool = True,
    by: Acting | None = None,
) -> Company:
    """Register a company with a fresh access code; its line must be one of ``lines``.

    ``by``: who registers it (the act is then audited, with the rate)."""
    key = normalise_cnpj(cnpj) if cnpj and cnpj.strip() else None
    now = clock.now()
    company = Company(
        name=_required_text(name, "admin.company.name_required", _NAME_MAX),
        cnpj=key,
        product_line=_configured_line(product_line, lines),
        hourly_rate_cents=_positive_rate(hourly_rate_cents),
        active=active,
        access_code="",
        created_at=now,
        updated_at=now,
    )
    if key is not None:
        await _unused_cnpj(uow, key)
    company.access_code = await _unique_access_code(uow)
    uow.session.add(company)
    await uow.session.flush()
    logger.info("company %s added", company.id)
    if by is not None:
        await by.done(
            "company.added", "company", company.id, hourly_rate_cents=company.hourly_rate_cents
        )
    return company


async def list_companies(uow: UnitOfWork, *, active_only: bool = False) -> list[Company]:
    """Every company (or the active ones), by id."""
    query = select(Company).order_by(col(Company.id))
    if active_only:
        query = query.where(col(Company.active).is_(True))
    return list((await uow.session.exec(query)).all())


async def get_company(uow: UnitOfWork, company_id: int) -> Company:
    """The company ``company_id``; NotFound when there is none."""
    company = await uow.session.get(Company, company_id)
    if company is None:
        raise NotFound("admin.company.not_found", id=company_id)
    return company


async def find_companies(
    uow: UnitOfWork, text: str, *, limit: int = 20, active_only: bool = False
) -> list[Company]:
    """Companies matching ``text``: its id, its CNPJ (or the start of it), or part of its name."""
    query = text.strip()
    if not query:
        return []
    companies = await list_companies(uow, active_only=active_only)
    cnpj_key = _CNPJ_PUNCTUATION.sub("", query).upper()
    looks_like_cnpj = (
        len(cnpj_key) >= 4 and cnpj_key.isalnum() and any(c.isdigit() for c in cnpj_key)
    )
    needle = folded(query)
    by_id = [c for c in companies if query.isdigit() and c.id == int(query)]
    by_cnpj = [c for c in companies if looks_like_cnpj and (c.cnpj or "").startswith(cnpj_key)]
    by_name = [c for c in companies if needle in folded(c.name)]
    found: dict[int | None, Company] = {}
    for company in (*by_id, *by_cnpj, *by_name):
        found.setdefault(company.id, company)
    return list(found.values())[:limit]


async def update_company(
    uow: UnitOfWork,
    clock: Clock,
    company_id: int,
    *,
    name: str | None = None,
    cnpj: str | None = None,
    product_line: str | None = None,
    hourly_rate_cents: int | None = None,
    active: bool | None = None,
    lines: ProductLines | None = None,
    billing_email: str | None = None,
    language: str | None = None,
    by: Acting | None = None,
) -> Company:
    """Change the given fields of a company (``cnpj=""`` / ``billing_email=""`` remove them).

    ``by``: who changes it (a changed hourly rate is then audited, old and new)."""
    company = await get_company(uow, company_id)
    old_rate = company.hourly_rate_cents
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = _required_text(name, "admin.company.name_required", _NAME_MAX)
    if cnpj is not None:
        key = normalise_cnpj(cnpj) if cnpj.strip() else None
        if key is not None:
            await _unused_cnpj(uow, key, company_id)
        changes["cnpj"] = key
    if product_line is not None:
        if lines is None:
            raise ValueError("changing a product line needs the configured lines")
        changes["product_line"] = _configured_line(product_line, lines)
    if hourly_rate_cents is not None:
        changes["hourly_rate_cents"] = _positive_rate(hourly_rate_cents)
    if active is not None:
        changes["active"] = active
    if billing_email is not None:
        changes["billing_email"] = optional_email(billing_email)
    if language is not None:
        if language not in LANGUAGES:
            raise InvalidInput("admin.company.bad_language", value=language[:20])
        changes["language"] = language
    for field, value in changes.items():
        setattr(company, field, value)
    company.updated_at = clock.now()
    uow.session.add(company)
    await uow.session.flush()
    if by is not None and company.hourly_rate_cents != old_rate:
        await by.done(
            "company.rate_changed",
            "company",
            company_id,
            old_cents=old_rate,
            new_cents=company.hourly_rate_cents,
        )
    return company


async def regenerate_access_code(uow: UnitOfWork, clock: Clock, company_id: int) -> str:
    """Give the company a new access code; the old one stops working."""
    company = await get_company(uow, company_id)
    company.access_code = await _unique_access_code(uow)
    company.updated_at = clock.now()
    uow.session.add(company)
    await uow.session.flush()
    logger.info("access code of company %s regenerated", company_id)
    return company.access_code


async def company_by_access_code(uow: UnitOfWork, code: str) -> Company | None:
    """The active company with this access code (any case, spaces or dashes ignored), or None."""
    key = _CODE_SEPARATORS.sub("", code).upper()
    if len(key) != ACCESS_CODE_LENGTH or any(c not in ACCESS_CODE_ALPHABET for c in key):
        return None
    result = await uow.session.exec(select(Company).where(Company.access_code == key))
    company = result.first()
    return company if company is not None and company.active else None

"""The company and consultant a ``/agendar`` text names: by id, CNPJ, name or Slack mention."""

from __future__ import annotations

from adapters.slack.agendar.words import ConsultantRef, folded
from core.companies import find_companies, format_cnpj
from core.consultants import consultant_by_staff_key, list_consultants
from core.db import UnitOfWork
from core.errors import InvalidInput, NotFound
from core.messages import echo
from core.models import Company, Consultant

_SHOWN = 10


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isalnum()).upper()


def _exact(company: Company, typed: str) -> bool:
    """Whether ``typed`` is the company's whole id, CNPJ or name (not just a part of it)."""
    key = typed.strip().lstrip("#")
    if key.isdigit() and company.id == int(key):
        return True
    if company.cnpj and _digits(typed) == company.cnpj:
        return True
    return folded(company.name) == folded(typed)


def company_label(company: Company) -> str:
    """``Name (#id)``, with the CNPJ when there is one: how a company is shown in lists."""
    cnpj = f", CNPJ {format_cnpj(company.cnpj)}" if company.cnpj else ""
    return f"{company.name} (#{company.id}{cnpj})"


async def resolve_company(uow: UnitOfWork, typed: str) -> Company:
    """The one company ``typed`` names; NotFound when none, InvalidInput listing several."""
    query = typed.strip().lstrip("#").strip()
    found = await find_companies(uow, query, limit=50) if query else []
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound("agendar.unknown_company", value=echo(typed))
    for narrowed in ([c for c in found if _exact(c, typed)], [c for c in found if c.active]):
        if len(narrowed) == 1:
            return narrowed[0]
    raise InvalidInput(
        "agendar.ambiguous_company",
        value=echo(typed),
        count=len(found),
        candidates="; ".join(company_label(c) for c in found[:_SHOWN]),
    )


def _name_matches(consultant: Consultant, name: str) -> bool:
    wanted = folded(name).replace(".", " ").replace("_", " ")
    full = folded(consultant.name)
    return wanted == full or wanted in full.split() or full.startswith(wanted)


async def resolve_consultant(uow: UnitOfWork, ref: ConsultantRef) -> int:
    """The id of the active consultant mentioned (``<@U…>``) or named (``@nome``)."""
    if ref.slack_user_id:
        consultant = await consultant_by_staff_key(uow, ref.slack_user_id)
        if consultant is None or not consultant.active or consultant.id is None:
            raise NotFound("agendar.unknown_consultant", value=ref.shown())
        return consultant.id
    name = ref.name or ""
    active = await list_consultants(uow, active_only=True)
    found = [c for c in active if c.staff_key == name.upper()] or [
        c for c in active if _name_matches(c, name)
    ]
    if not found:
        raise NotFound("agendar.unknown_consultant", value=ref.shown())
    if len(found) > 1:
        raise InvalidInput(
            "agendar.ambiguous_consultant",
            value=ref.shown(),
            count=len(found),
            candidates=", ".join(c.name for c in found[:_SHOWN]),
        )
    assert found[0].id is not None
    return found[0].id

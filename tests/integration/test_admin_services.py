"""Companies, consultants, staff roles and terms versions (SPEC 2, 5) on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from core import companies as companies_module
from core.clock import ManualClock
from core.companies import (
    ACCESS_CODE_ALPHABET,
    add_company,
    company_by_access_code,
    find_companies,
    get_company,
    list_companies,
    regenerate_access_code,
    update_company,
)
from core.consultants import (
    add_consultant,
    consultant_areas,
    list_consultants,
    update_consultant,
)
from core.db import Database
from core.errors import Conflict, InvalidInput, NotFound
from core.models import Channel, Consent, ConsultantStatus, Contact, StaffRole, TermsVersion
from core.product_lines import ProductLines
from core.staff import grant_role, has_role, list_staff, revoke_role
from core.terms import current_terms, ensure_default_terms, publish_terms, shipped_template

AREAS = ["Manufatura", "Suprimentos", "Estoque", "Custos", "Comercial", "Financeiro"]
VALID_CNPJ = "11.222.333/0001-81"
OTHER_CNPJ = "11444777000161"

LINES = ProductLines({"fabril": "Fabril", "industrial": "Industrial"}, {"varejo": "Varejo"})


async def _company(
    db: Database,
    clock: ManualClock,
    *,
    name: str = "Metalúrgica Exemplo",
    cnpj: str | None = None,
    product_line: str = "Fabril",
    hourly_rate_cents: int = 18_000,
) -> int:
    async with db.uow() as uow:
        company = await add_company(
            uow,
            clock,
            name=name,
            cnpj=cnpj,
            product_line=product_line,
            hourly_rate_cents=hourly_rate_cents,
            lines=LINES,
        )
        await uow.commit()
    assert company.id is not None
    return company.id


async def test_a_company_keeps_its_cnpj_as_14_characters_and_gets_an_access_code(
    db: Database, clock: ManualClock
) -> None:
    company_id = await _company(db, clock, cnpj=VALID_CNPJ)
    async with db.uow() as uow:
        company = await get_company(uow, company_id)
    assert company.cnpj == "11222333000181"
    assert company.hourly_rate_cents == 18_000
    assert company.active
    assert re.fullmatch(f"[{ACCESS_CODE_ALPHABET}]{{8}}", company.access_code)
    assert not set("0O1IL") & set(company.access_code)
    assert company.created_at == clock.now()


async def test_the_new_alphanumeric_cnpj_is_accepted(db: Database, clock: ManualClock) -> None:
    company_id = await _company(db, clock, cnpj="12.ABC.345/01DE-35")
    async with db.uow() as uow:
        assert (await get_company(uow, company_id)).cnpj == "12ABC34501DE35"


@pytest.mark.parametrize("cnpj", ["11.222.333/0001-82", "1122233300018", "11111111111111", "abc"])
async def test_a_cnpj_with_wrong_check_digits_is_refused(
    db: Database, clock: ManualClock, cnpj: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        await _company(db, clock, cnpj=cnpj)
    assert refused.value.key == "admin.company.invalid_cnpj"


async def test_two_companies_cannot_share_a_cnpj(db: Database, clock: ManualClock) -> None:
    first = await _company(db, clock, cnpj=VALID_CNPJ)
    with pytest.raises(Conflict):
        await _company(db, clock, name="Outra", cnpj="11222333000181")
    second = await _company(db, clock, name="Outra", cnpj=OTHER_CNPJ)
    async with db.uow() as uow:
        with pytest.raises(Conflict):
            await update_company(uow, clock, second, cnpj=VALID_CNPJ, lines=LINES)
        await update_company(
            uow, clock, first, cnpj=VALID_CNPJ, lines=LINES
        )  # its own CNPJ is fine


@pytest.mark.parametrize(
    ("name", "product_line", "rate"),
    [("Alfa", "Fabril", 0), ("Alfa", "Fabril", -100), ("  ", "Fabril", 100), ("Alfa", "", 100)],
)
async def test_a_company_without_a_positive_rate_name_or_product_line_is_refused(
    db: Database, clock: ManualClock, name: str, product_line: str, rate: int
) -> None:
    with pytest.raises(InvalidInput):
        await _company(db, clock, name=name, product_line=product_line, hourly_rate_cents=rate)
    async with db.uow() as uow:
        assert await list_companies(uow) == []


async def test_access_codes_are_unique_even_when_the_draw_collides(
    db: Database, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws = iter(["AAAA2222", "AAAA2222", "AAAA2222", "BBBB3333"])
    monkeypatch.setattr(companies_module, "new_access_code", lambda: next(draws))
    first = await _company(db, clock)
    second = await _company(db, clock, name="Outra")
    async with db.uow() as uow:
        assert (await get_company(uow, first)).access_code == "AAAA2222"
        assert (await get_company(uow, second)).access_code == "BBBB3333"


async def test_an_access_code_finds_its_active_company_in_any_case(
    db: Database, clock: ManualClock
) -> None:
    company_id = await _company(db, clock)
    async with db.uow() as uow:
        code = (await get_company(uow, company_id)).access_code
        found = await company_by_access_code(uow, f" {code.lower()[:4]}-{code.lower()[4:]} ")
        assert found is not None and found.id == company_id
        assert await company_by_access_code(uow, "ZZZZZZZZ") is None
        assert await company_by_access_code(uow, "") is None
        await update_company(uow, clock, company_id, active=False, lines=LINES)
        assert await company_by_access_code(uow, code) is None


async def test_a_regenerated_code_replaces_the_old_one(db: Database, clock: ManualClock) -> None:
    company_id = await _company(db, clock)
    async with db.uow() as uow:
        old = (await get_company(uow, company_id)).access_code
        new = await regenerate_access_code(uow, clock, company_id)
        await uow.commit()
    assert new != old
    async with db.uow() as uow:
        assert await company_by_access_code(uow, old) is None
        assert (await company_by_access_code(uow, new)) is not None


async def test_companies_are_found_by_id_cnpj_or_part_of_the_name(
    db: Database, clock: ManualClock
) -> None:
    alfa = await _company(db, clock, name="Indústria Alfa", cnpj=VALID_CNPJ)
    beta = await _company(db, clock, name="Comércio Beta", cnpj=OTHER_CNPJ)
    async with db.uow() as uow:
        assert [c.id for c in await find_companies(uow, str(beta))] == [beta]
        assert [c.id for c in await find_companies(uow, "11.222.333")] == [alfa]
        assert [c.id for c in await find_companies(uow, "11444777000161")] == [beta]
        assert [c.id for c in await find_companies(uow, "INDUSTRIA")] == [alfa]
        assert [c.id for c in await find_companies(uow, "comércio")] == [beta]
        assert {c.id for c in await find_companies(uow, "a")} == {alfa, beta}
        assert await find_companies(uow, "  ") == []
        assert await find_companies(uow, "Gama") == []


async def test_a_company_update_changes_only_what_is_given(
    db: Database, clock: ManualClock
) -> None:
    company_id = await _company(db, clock, cnpj=VALID_CNPJ)
    async with db.uow() as uow:
        await update_company(
            uow, clock, company_id, hourly_rate_cents=20_050, name=" Nova  Razão ", lines=LINES
        )
        await uow.commit()
    async with db.uow() as uow:
        company = await get_company(uow, company_id)
        assert (company.name, company.hourly_rate_cents) == ("Nova Razão", 20_050)
        assert (company.cnpj, company.product_line, company.active) == (
            "11222333000181",
            "fabril",
            True,
        )
        await update_company(uow, clock, company_id, cnpj="", lines=LINES)
        assert (await get_company(uow, company_id)).cnpj is None


async def test_an_unknown_company_is_not_found(db: Database, clock: ManualClock) -> None:
    async with db.uow() as uow:
        with pytest.raises(NotFound):
            await get_company(uow, 999)
        with pytest.raises(NotFound):
            await update_company(uow, clock, 999, name="x", lines=LINES)
        with pytest.raises(NotFound):
            await regenerate_access_code(uow, clock, 999)


async def test_consultant_areas_keep_the_configured_spelling(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        consultant = await add_consultant(
            uow,
            clock,
            staff_key="u012ab3cd",
            name="Ana",
            areas=["manufatura", " CUSTOS", "custos"],
            known_areas=AREAS,
        )
        await uow.commit()
    assert consultant.id is not None
    async with db.uow() as uow:
        assert await consultant_areas(uow, consultant.id) == ["Custos", "Manufatura"]
        (stored,) = await list_consultants(uow)
    assert stored.staff_key == "U012AB3CD"
    assert stored.status == ConsultantStatus.AWAY
    assert stored.max_sessions == 1


async def test_an_unknown_area_is_refused_naming_the_valid_ones(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        with pytest.raises(InvalidInput) as refused:
            await add_consultant(
                uow, clock, staff_key="U1AB", name="Ana", areas=["Vendas"], known_areas=AREAS
            )
        with pytest.raises(InvalidInput):
            await add_consultant(
                uow, clock, staff_key="U1AB", name="Ana", areas=[], known_areas=AREAS
            )
        assert await list_consultants(uow) == []
    message = refused.value.render("pt-BR")
    assert "Vendas" in message
    assert "Manufatura, Suprimentos" in message


@pytest.mark.parametrize("slack_user", ["", "X123", "U", "U12-3", "@ana", "U 123"])
async def test_a_malformed_slack_user_is_refused(
    db: Database, clock: ManualClock, slack_user: str
) -> None:
    async with db.uow() as uow:
        with pytest.raises(InvalidInput):
            await add_consultant(
                uow,
                clock,
                staff_key=slack_user,
                name="Ana",
                areas=["Custos"],
                known_areas=AREAS,
            )


async def test_a_slack_user_is_one_consultant_only(db: Database, clock: ManualClock) -> None:
    async with db.uow() as uow:
        await add_consultant(
            uow, clock, staff_key="U1AB", name="Ana", areas=["Custos"], known_areas=AREAS
        )
        with pytest.raises(Conflict):
            await add_consultant(
                uow, clock, staff_key="u1ab", name="Outra", areas=["Custos"], known_areas=AREAS
            )


async def test_updating_a_consultant_replaces_areas_and_deactivating_makes_them_away(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        consultant = await add_consultant(
            uow, clock, staff_key="U1AB", name="Ana", areas=["Custos"], known_areas=AREAS
        )
        assert consultant.id is not None
        consultant.status = ConsultantStatus.AVAILABLE
        await update_consultant(
            uow,
            clock,
            consultant.id,
            areas=["comercial", "Estoque"],
            known_areas=AREAS,
            max_sessions=2,
            active=False,
        )
        await uow.commit()
    async with db.uow() as uow:
        assert await consultant_areas(uow, consultant.id) == ["Comercial", "Estoque"]
        (stored,) = await list_consultants(uow)
        assert (stored.max_sessions, stored.active, stored.status) == (2, False, "ausente")
        with pytest.raises(InvalidInput):
            await update_consultant(uow, clock, consultant.id, max_sessions=0)
        with pytest.raises(NotFound):
            await update_consultant(uow, clock, 999, name="x")


async def test_granting_a_role_twice_keeps_one_row(db: Database, clock: ManualClock) -> None:
    async with db.uow() as uow:
        await grant_role(uow, clock, "U1AB", "secretary")
        await grant_role(uow, clock, "u1ab", StaffRole.SECRETARY, name="Sara")
        await uow.commit()
    async with db.uow() as uow:
        staff = await list_staff(uow)
    assert [(m.staff_key, m.role, m.name) for m in staff] == [("U1AB", "secretary", "Sara")]


async def test_an_admin_holds_every_role(db: Database, clock: ManualClock) -> None:
    async with db.uow() as uow:
        await grant_role(uow, clock, "U1AB", "secretary")
        await grant_role(uow, clock, "U2AD", "admin")
        assert await has_role(uow, "U1AB", StaffRole.SECRETARY)
        assert not await has_role(uow, "U1AB", StaffRole.SUPPORT)
        assert not await has_role(uow, "U1AB", StaffRole.ADMIN)
        for role in StaffRole:
            assert await has_role(uow, "U2AD", role)
        assert not await has_role(uow, "U9NO", StaffRole.SUPPORT)


async def test_revoking_a_role(db: Database, clock: ManualClock) -> None:
    async with db.uow() as uow:
        await grant_role(uow, clock, "U1AB", "support")
        assert not await revoke_role(uow, "U1AB", "admin")
        assert await revoke_role(uow, "U1AB", "support")
        assert not await has_role(uow, "U1AB", "support")
        with pytest.raises(InvalidInput):
            await grant_role(uow, clock, "U1AB", "boss")


async def test_terms_versions_are_numbered_per_language(db: Database, clock: ManualClock) -> None:
    async with db.uow() as uow:
        first = await publish_terms(
            uow,
            clock,
            language="pt-BR",
            template="v {taxa_hora} {periodo_minutos} {minimo_minutos}",
        )
        english = await publish_terms(
            uow, clock, language="en", template="e {taxa_hora} {periodo_minutos} {minimo_minutos}"
        )
        second = await publish_terms(
            uow,
            clock,
            language="pt_br",
            template="w {taxa_hora} {periodo_minutos} {minimo_minutos}",
        )
        await uow.commit()
    assert (first.version, english.version, second.version) == (1, 1, 2)
    async with db.uow() as uow:
        current = await current_terms(uow, "pt-BR")
        assert (
            current is not None
            and current.template == "w {taxa_hora} {periodo_minutos} {minimo_minutos}"
        )
        with pytest.raises(InvalidInput):
            await publish_terms(uow, clock, language="pt-BR", template="sem taxa")


async def test_a_second_terms_version_leaves_the_first_and_its_consents_intact(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        v1 = await publish_terms(
            uow,
            clock,
            language="pt-BR",
            template="Primeira {taxa_hora} {periodo_minutos} {minimo_minutos}",
        )
        company_id = (
            await add_company(
                uow,
                clock,
                name="Alfa",
                cnpj=None,
                product_line="Fabril",
                hourly_rate_cents=18_000,
                lines=LINES,
            )
        ).id
        contact = Contact(
            company_id=company_id,
            channel=Channel.TELEGRAM,
            external_id="42",
            created_at=clock.now(),
        )
        uow.session.add(contact)
        await uow.session.flush()
        assert contact.id is not None and company_id is not None and v1.id is not None
        uow.session.add(
            Consent(
                contact_id=contact.id,
                company_id=company_id,
                terms_version_id=v1.id,
                text_sha256="0" * 64,
                rate_cents_shown=18_000,
                channel=Channel.TELEGRAM,
                accepted=True,
                created_at=clock.now(),
            )
        )
        await uow.commit()
    async with db.uow() as uow:
        await publish_terms(
            uow,
            clock,
            language="pt-BR",
            template="Segunda {taxa_hora} {periodo_minutos} {minimo_minutos}",
        )
        await uow.commit()
    async with db.uow() as uow:
        consent = (await uow.session.exec(select(Consent))).one()
        shown = await uow.session.get(TermsVersion, consent.terms_version_id)
        assert shown is not None
        assert (shown.version, shown.template) == (
            1,
            "Primeira {taxa_hora} {periodo_minutos} {minimo_minutos}",
        )
        assert shown.template_sha256 == v1.template_sha256
        current = await current_terms(uow, "pt-BR")
        assert current is not None and current.version == 2


async def test_the_shipped_terms_are_published_once_per_language_without_a_version(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        await publish_terms(
            uow, clock, language="en", template="Own {taxa_hora} {periodo_minutos} {minimo_minutos}"
        )
        added = await ensure_default_terms(uow, clock)
        assert [(t.language, t.version) for t in added] == [("pt-BR", 1)]
        assert added[0].template == shipped_template("pt-BR")
        assert await ensure_default_terms(uow, clock) == []
        english = await current_terms(uow, "en")
        assert (
            english is not None
            and english.template == "Own {taxa_hora} {periodo_minutos} {minimo_minutos}"
        )


async def test_a_company_line_must_be_a_configured_one_and_is_stored_as_its_key(
    db: Database, clock: ManualClock
) -> None:
    async with db.uow() as uow:
        with pytest.raises(InvalidInput) as unknown:
            await add_company(
                uow,
                clock,
                name="Beta",
                cnpj=None,
                product_line="Retail",
                hourly_rate_cents=18_000,
                lines=LINES,
            )
        assert "Linha de produto desconhecida: 'Retail'" in unknown.value.render("pt-BR")
        assert "varejo (Varejo)" in unknown.value.render("pt-BR")
        shop = await add_company(
            uow,
            clock,
            name="Loja",
            cnpj=None,
            product_line=" VARÉJO ",
            hourly_rate_cents=9_000,
            lines=LINES,
        )
        assert shop.product_line == "varejo"
        await uow.commit()
    assert not LINES.is_served(shop.product_line)
    assert LINES.display(shop.product_line) == "Varejo"
    assert not LINES.is_served("Retail"), "a line in neither list is not served"

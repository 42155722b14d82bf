"""Migrations from empty and the append-only consent rule, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, inspect, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from bot import schema
from core.db import Database
from core.models import Channel, Company, Consent, Contact, TermsVersion, metadata

NOW = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)


async def test_migrations_build_every_table_from_an_empty_database(empty_db: Database) -> None:
    assert await schema.current_revision(empty_db) is None
    revision = await schema.upgrade(empty_db)
    assert revision == schema.head_revision()
    async with empty_db.engine.connect() as connection:
        tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert set(metadata.tables) <= tables
    assert await schema.upgrade(empty_db) == revision, "a second upgrade is a no-op"


async def test_migrated_schema_matches_the_models(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    async with db.engine.connect() as connection:
        diff = await connection.run_sync(
            lambda c: compare_metadata(MigrationContext.configure(c), metadata)
        )
    assert diff == []


async def _consent(db: Database) -> int:
    async with db.uow() as uow:
        company = Company(
            name="Metalúrgica Exemplo",
            product_line="industrial",
            hourly_rate_cents=18000,
            access_code="ABC123",
            created_at=NOW,
            updated_at=NOW,
        )
        uow.session.add(company)
        await uow.session.flush()
        contact = Contact(
            company_id=company.id,
            channel=Channel.TELEGRAM,
            external_id="42",
            name="Ana",
            created_at=NOW,
        )
        terms = TermsVersion(
            language="pt-BR", version=1, template="x", template_sha256="0" * 64, published_at=NOW
        )
        uow.session.add_all([contact, terms])
        await uow.session.flush()
        assert contact.id and terms.id and company.id
        consent = Consent(
            contact_id=contact.id,
            company_id=company.id,
            terms_version_id=terms.id,
            text_sha256="a" * 64,
            rate_cents_shown=18000,
            channel=Channel.TELEGRAM,
            message_ref="42:7",
            accepted=True,
            created_at=NOW,
        )
        uow.session.add(consent)
        await uow.session.flush()
        assert consent.id
        consent_id = consent.id
        await uow.commit()
    return consent_id


async def test_a_consent_row_cannot_be_changed(db: Database) -> None:
    consent_id = await _consent(db)
    async with db.uow() as uow:
        with pytest.raises((IntegrityError, DBAPIError), match="append-only"):
            await uow.session.execute(
                update(Consent).where(Consent.id == consent_id).values(accepted=False)  # type: ignore[arg-type]
            )
    async with db.uow() as uow:
        stored = await uow.session.get(Consent, consent_id)
        assert stored is not None and stored.accepted is True


async def test_a_consent_row_cannot_be_deleted(db: Database) -> None:
    consent_id = await _consent(db)
    async with db.uow() as uow:
        with pytest.raises((IntegrityError, DBAPIError), match="append-only"):
            await uow.session.execute(delete(Consent).where(Consent.id == consent_id))  # type: ignore[arg-type]
    async with db.uow() as uow:
        assert await uow.session.get(Consent, consent_id) is not None


async def test_consents_cannot_be_emptied_in_bulk(db: Database) -> None:
    await _consent(db)
    statement = "DELETE FROM consent" if db.dialect == "sqlite" else "TRUNCATE consent CASCADE"
    async with db.uow() as uow:
        with pytest.raises((IntegrityError, DBAPIError), match="append-only"):
            await uow.session.execute(text(statement))
    async with db.uow() as uow:
        count = (await uow.session.execute(text("SELECT count(*) FROM consent"))).scalar_one()
    assert count == 1


async def test_a_contact_with_consents_cannot_be_deleted_only_anonymised(db: Database) -> None:
    await _consent(db)
    async with db.uow() as uow:
        with pytest.raises(IntegrityError):
            await uow.session.execute(text("DELETE FROM contact"))
    async with db.uow() as uow:
        await uow.session.execute(
            update(Contact).values(name=None, external_id="erased-1", erased_at=NOW)
        )
        await uow.commit()
    async with db.uow() as uow:
        consent = (await uow.session.execute(text("SELECT accepted FROM consent"))).scalar_one()
    assert consent in (True, 1)


async def test_a_unit_of_work_left_without_commit_writes_nothing(db: Database) -> None:
    async with db.uow() as uow:
        uow.session.add(
            Company(
                name="Rascunho",
                product_line="industrial",
                hourly_rate_cents=100,
                access_code="ZZZ",
                created_at=NOW,
                updated_at=NOW,
            )
        )
        await uow.session.flush()
    async with db.uow() as uow:
        assert (await uow.session.execute(text("SELECT count(*) FROM company"))).scalar_one() == 0

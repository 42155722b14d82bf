"""Upgrading a database that holds data: every row survives, on SQLite and PostgreSQL.

The database is built at the release's revision (0003) and a row is written into every table
with the columns as that revision named them; after the upgrade each row reads back through
the models: renamed columns keep their values and status columns come back as their enums.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import JSON, Boolean, DateTime, Integer, MetaData, Table, insert, select, text
from sqlalchemy.engine import Connection

from bot import schema
from core.billing import DEFAULT_POLICY
from core.billing_records import billed_sessions, write_export_csv
from core.db import Database, StrEnumColumn
from core.models import metadata
from core.privacy import export_contact
from core.terms import render_terms, shipped_template, terms_text_sha256

RELEASED = "0003"
AT = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)
# (table, name at the release, name now)
RENAMED = {
    ("consultant", "slack_user_id"): "staff_key",
    ("staff_role", "slack_user_id"): "staff_key",
    ("session_participant", "slack_user_id"): "staff_key",
    ("consulting_session", "attendant_slack_id"): "attendant_key",
    ("session_note", "author_slack_id"): "author_key",
}
# Tables created after the release: a row written into each once upgraded (ids 1 exist then).
ADDED_TABLES: dict[str, dict[str, Any]] = {
    "session_medium_change": {
        "id": 1,
        "session_id": 1,
        "medium": "Telefone",
        "connection_detail": "+5511987654321",
        "changed_by": "U0CONSULT",
        "changed_at": AT,
    },
    "session_invitation": {
        "id": 1,
        "session_id": 1,
        "invited_by_id": 1,
        "code_sha256": "0" * 64,
        "created_at": AT,
        "expires_at": AT,
        "used_at": AT,
        "used_by_id": 1,
    },
    "session_guest": {
        "id": 1,
        "session_id": 1,
        "contact_id": 1,
        "invitation_id": 1,
        "joined_at": AT,
        "left_at": None,
    },
    "rate_event": {"id": 1, "key": "login:sara", "at": AT},
    "calendar_feed": {
        "id": 1,
        "consultant_id": 1,
        "token_sha256": "f" * 64,
        "created_at": AT,
        "revoked_at": None,
    },
    "offline_message": {
        "id": 1,
        "company_id": 1,
        "contact_id": 1,
        "request_id": 1,
        "area": "Custos",
        "text": "Preciso de ajuda com o fechamento do mês.",
        "status": "assigned",
        "assigned_to": "U0CONSULT",
        "assigned_at": AT,
        "resolved_by": None,
        "resolved_at": None,
        "created_at": AT,
    },
    "consultant_status_change": {
        "id": 1,
        "consultant_id": 1,
        "status": "disponivel",
        "changed_at": AT,
    },
    "webhook_endpoint": {
        "id": 1,
        "url": "https://erp.example.com/hooks/consultoria",
        "events": ["session.ended", "billing.recorded"],
        "secret": "whsec_" + "0" * 43,
        "previous_secret": None,
        "previous_secret_expires_at": None,
        "active": True,
        "created_at": AT,
        "secret_rotated_at": None,
    },
    "api_token": {
        "id": 1,
        "name": "erp",
        "token_sha256": "0" * 64,
        "prefix": "cso_",
        "scopes": "billing:read,bookings:write",
        "created_at": AT,
        "last_used_at": None,
        "revoked_at": None,
    },
    "saved_reply": {
        "id": 1,
        "title": "Boas-vindas",
        "text": "Olá, {primeiro_nome}! Aqui é {consultor}.",
        "language": "pt-BR",
        "active": True,
        "created_by": "web:gerente",
        "created_at": AT,
        "updated_by": "web:gerente",
        "updated_at": AT,
    },
    "api_idempotency_key": {
        "id": 1,
        "token_id": 1,
        "key": "erp-pedido-4711",
        "request_sha256": "0" * 64,
        "booking_id": 1,
        "created_at": AT,
    },
    "session_recap": {
        "id": 1,
        "session_id": 1,
        "contact_id": 1,
        "requested_at": AT,
        "channel": "telegram",
        "language": "pt-BR",
        "content": {"header": {"company": "Metalúrgica Exemplo"}, "lines": []},
    },
    "whatsapp_throttle": {"id": 1, "kind": "position", "key": "0" * 24, "last_at": AT},
    "bot_setting": {
        "key": "telegram_bot_username",
        "value": "consultoria_bot",
        "updated_at": AT,
    },
    "audit_entry": {
        "id": 1,
        "at": AT,
        "actor_kind": "cli",
        "actor_ref": "admin",
        "actor_name": "admin",
        "action": "terms.published",
        "target_kind": "terms",
        "target_id": "pt-BR/2",
        "details": {"language": "pt-BR", "version": 2},
    },
}
# Columns added after the release, and what the old rows hold in them.
ADDED_DEFAULTS = {
    ("consulting_session", "medium"): "Chat",
    ("billing_record", "medium"): "Chat",
    ("consulting_session", "connection_detail"): None,
    ("booking", "connection_detail"): None,
    ("contact", "email"): None,
    ("company", "billing_email"): None,
    ("company", "language"): None,
    ("booking", "calendar_sequence"): 0,
}


def _enum_of(table: str, column: str) -> type[StrEnum] | None:
    now = RENAMED.get((table, column), column)
    model_column = metadata.tables[table].columns.get(now)
    if model_column is not None and isinstance(model_column.type, StrEnumColumn):
        enum: type[StrEnum] = model_column.type.enum
        return enum
    return None


def _value(table: Table, name: str, dialect: str) -> Any:
    column = table.columns[name]
    if (column.primary_key and isinstance(column.type, Integer)) or column.foreign_keys:
        return 1
    enum = _enum_of(table.name, name)
    if enum is not None:
        return next(iter(enum)).value
    if isinstance(column.type, DateTime):
        return AT.replace(tzinfo=None) if dialect == "sqlite" else AT
    if isinstance(column.type, Boolean):
        return False
    if isinstance(column.type, Integer):
        return 7
    if isinstance(column.type, JSON):
        return {"kept": True}
    length = getattr(column.type, "length", None) or 40
    return f"{table.name[:4]}-{name}"[:length]


def _fill_every_table(connection: Connection) -> dict[str, dict[str, Any]]:
    released = MetaData()
    released.reflect(connection)
    written: dict[str, dict[str, Any]] = {}
    for table in released.sorted_tables:
        if table.name == "alembic_version":
            continue
        dialect = connection.dialect.name
        row = {name: _value(table, name, dialect) for name in [c.name for c in table.columns]}
        connection.execute(insert(table).values(**row))
        written[table.name] = row
    return written


async def test_upgrading_a_database_with_rows_in_every_table_keeps_them(
    empty_db: Database,
) -> None:
    assert await schema.upgrade(empty_db, RELEASED) == RELEASED
    async with empty_db.engine.begin() as connection:
        written = await connection.run_sync(_fill_every_table)
    assert set(written) | set(ADDED_TABLES) == set(metadata.tables), "a row in every table"

    assert await schema.upgrade(empty_db) == schema.head_revision()
    async with empty_db.engine.begin() as connection:
        for name, row in ADDED_TABLES.items():
            await connection.execute(insert(metadata.tables[name]).values(**row))
    written.update(ADDED_TABLES)

    async with empty_db.engine.connect() as connection:
        for name, model_table in metadata.tables.items():
            rows = (await connection.execute(select(model_table))).mappings().all()
            assert len(rows) == 1, name
            for old, value in written[name].items():
                now = RENAMED.get((name, old), old)
                stored = rows[0][now]
                if isinstance(value, datetime):
                    assert stored == AT, (name, now)
                else:
                    assert stored == value, (name, now)
                if _enum_of(name, old) is not None:
                    assert isinstance(stored, StrEnum), (name, now)
            for (table, column), default in ADDED_DEFAULTS.items():
                if table == name:
                    assert rows[0][column] == default, (name, column)


async def test_the_staff_key_revision_can_be_undone_keeping_the_rows(empty_db: Database) -> None:
    await schema.upgrade(empty_db, RELEASED)
    async with empty_db.engine.begin() as connection:
        written = await connection.run_sync(_fill_every_table)
    await schema.upgrade(empty_db)
    await schema.downgrade(empty_db, RELEASED)
    assert await schema.current_revision(empty_db) == RELEASED
    async with empty_db.engine.connect() as connection:
        keys = (await connection.execute(text("SELECT slack_user_id FROM consultant"))).all()
        notes = (await connection.execute(text("SELECT author_slack_id FROM session_note"))).all()
    assert [k for (k,) in keys] == [written["consultant"]["slack_user_id"]]
    assert [a for (a,) in notes] == [written["session_note"]["author_slack_id"]]


# --- A release's database with real clients: what they agreed to, were billed and booked -------

SAO_PAULO = ZoneInfo("America/Sao_Paulo")
STARTED = datetime(2026, 11, 27, 17, 5, tzinfo=UTC)  # 27/11/2026 14:05 in São Paulo
ENDED = STARTED + timedelta(minutes=47)
BOOKED_FOR = datetime(2026, 12, 3, 13, 0, tzinfo=UTC)
TEMPLATE = shipped_template("pt-BR")
SHOWN = render_terms(TEMPLATE, rate_cents=18000, policy=DEFAULT_POLICY, language="pt-BR", version=1)


def _clients_rows() -> dict[str, list[dict[str, Any]]]:
    """Rows as the release's bot wrote them for one client's story (columns of the release)."""
    return {
        "terms_version": [
            {
                "id": 1,
                "language": "pt-BR",
                "version": 1,
                "template": TEMPLATE,
                "template_sha256": terms_text_sha256(TEMPLATE),
                "published_at": STARTED - timedelta(days=30),
            }
        ],
        "company": [
            {
                "id": 1,
                "name": "Metalúrgica Exemplo Ltda",
                "cnpj": "11222333000181",
                "hourly_rate_cents": 18000,
                "active": True,
                "access_code": "METAL7Q2K",
            }
        ],
        "consultant": [
            {"id": 1, "slack_user_id": "U0CONSULT", "name": "Ana Ribeiro", "status": "disponivel"}
        ],
        "staff_role": [
            {"id": 1, "slack_user_id": "U0SECRET", "role": "secretary", "name": "Bruno Lima"}
        ],
        "contact": [
            {
                "id": 1,
                "company_id": 1,
                "channel": "telegram",
                "external_id": "5512345678",
                "chat_id": "5512345678",
                "name": "Maria Souza",
                "phone": "+5511987654321",
                "language": "pt-BR",
                "unreachable_since": None,
                "erased_at": None,
            }
        ],
        "request": [
            {
                "id": 1,
                "kind": "consulting",
                "status": "done",
                "contact_id": 1,
                "company_id": 1,
                "area": "Custos",
                "description": "O fechamento do mês não bate com o estoque.",
                "taken_by_id": 1,
                "terms_version_id": 1,
                "terms_rate_cents": 18000,
                "terms_sha256": terms_text_sha256(SHOWN),
            }
        ],
        "consent": [
            {  # a first time she refused the terms, then accepted them for the request
                "id": 1,
                "contact_id": 1,
                "company_id": 1,
                "request_id": None,
                "terms_version_id": 1,
                "text_sha256": terms_text_sha256(SHOWN),
                "rate_cents_shown": 18000,
                "channel": "telegram",
                "message_ref": "5512345678:40",
                "accepted": False,
                "created_at": STARTED - timedelta(days=2),
            },
            {
                "id": 2,
                "contact_id": 1,
                "company_id": 1,
                "request_id": 1,
                "terms_version_id": 1,
                "text_sha256": terms_text_sha256(SHOWN),
                "rate_cents_shown": 18000,
                "channel": "telegram",
                "message_ref": "5512345678:42",
                "accepted": True,
                "created_at": STARTED - timedelta(minutes=3),
            },
        ],
        "consulting_session": [
            {
                "id": 1,
                "request_id": 1,
                "kind": "consulting",
                "status": "ended",
                "contact_id": 1,
                "company_id": 1,
                "consultant_id": 1,
                "attendant_slack_id": "U0CONSULT",
                "booking_id": None,
                "started_at": STARTED,
                "billing_started_at": STARTED,
                "ended_at": ENDED,
                "ended_by": "U0CONSULT",
                "onsite_recommended_at": None,
                "rating": 5,
            }
        ],
        "billing_record": [
            {
                "id": 1,
                "session_id": 1,
                "request_id": 1,
                "consent_id": 2,
                "company_id": 1,
                "contact_id": 1,
                "consultant_id": 1,
                "attended_by": "U0CONSULT",
                "started_at": STARTED,
                "ended_at": ENDED,
                "minutes": 47,
                "periods": 4,
                "rate_cents": 18000,
                "amount_cents": 18000,
            }
        ],
        "session_note": [
            {
                "id": 1,
                "session_id": 1,
                "author_slack_id": "U0CONSULT",
                "text": "Rever o custo médio do aço.",
            }
        ],
        "booking": [
            {
                "id": 1,
                "status": "scheduled",
                "company_id": 1,
                "contact_id": 1,
                "consultant_id": 1,
                "request_id": None,
                "area": "Custos",
                "starts_at": BOOKED_FOR,
                "ends_at": BOOKED_FOR + timedelta(minutes=30),
                "medium": "Google Meet",
                "notes": "Trazer o balancete de novembro.",
                "alternative_hours": False,
                "created_by_kind": "client",
                "created_by_ref": "5512345678",
                "cancelled_at": None,
            }
        ],
    }


def _write_clients(connection: Connection) -> None:
    released = MetaData()
    released.reflect(connection)
    dialect = connection.dialect.name
    for name, rows in _clients_rows().items():
        table = released.tables[name]
        for given in rows:
            row = {c.name: _value(table, c.name, dialect) for c in table.columns}
            for column, value in given.items():
                if isinstance(value, datetime) and dialect == "sqlite":
                    value = value.astimezone(UTC).replace(tzinfo=None)
                row[column] = value
            connection.execute(insert(table).values(**row))


@pytest.mark.parametrize("release", ["0001", RELEASED])
async def test_a_clients_consents_billing_and_bookings_read_back_after_the_upgrade(
    empty_db: Database, release: str
) -> None:
    assert await schema.upgrade(empty_db, release) == release
    async with empty_db.engine.begin() as connection:
        await connection.run_sync(_write_clients)

    assert await schema.upgrade(empty_db) == schema.head_revision()
    async with empty_db.uow() as uow:
        held = await export_contact(uow, 1)
        billed = await billed_sessions(uow, year=2026, month=11, tz=SAO_PAULO)

    contact = held["contact"]
    assert (contact["name"], contact["phone"], contact["channel"]) == (
        "Maria Souza",
        "+5511987654321",
        "telegram",
    )
    assert (held["company"]["name"], held["company"]["cnpj"]) == (
        "Metalúrgica Exemplo Ltda",
        "11222333000181",
    )
    refused, accepted = held["consents"]
    assert (refused["accepted"], accepted["accepted"]) == (False, True)
    assert accepted["request_id"] == 1 and accepted["rate_cents_shown"] == 18000
    assert accepted["terms"]["text_shown"] == SHOWN
    assert accepted["terms"]["text_matches_sha256"], "the consent still proves what was shown"
    (session,) = held["sessions"]
    assert (session["attendant_key"], session["rating"]) == ("U0CONSULT", 5)
    (note,) = held["session_notes"]
    assert (note["author_key"], note["text"]) == ("U0CONSULT", "Rever o custo médio do aço.")
    (record,) = held["billing_records"]
    assert (record["minutes"], record["amount_cents"], record["consent_id"]) == (47, 18000, 2)
    (booking,) = held["bookings"]
    assert (booking["status"], booking["medium"], booking["notes"]) == (
        "scheduled",
        "Google Meet",
        "Trazer o balancete de novembro.",
    )
    assert datetime.fromisoformat(booking["starts_at"]) == BOOKED_FOR

    out = io.StringIO()
    assert write_export_csv(billed, out, tz=SAO_PAULO, language="pt-BR") == 18000
    row, total = csv.DictReader(out.getvalue().splitlines())
    assert (row["company"], row["consultant"], row["started_at"]) == (
        "Metalúrgica Exemplo Ltda",
        "Ana Ribeiro",
        "27/11/2026 14:05",
    )
    assert (row["amount"], row["medium"]) == ("R$\xa0180,00", "Chat")  # R$ 180,00
    assert total["amount"] == "R$\xa0180,00"

"""Bulk set-up of a deep queue: the rows the real flow would have written, inserted in bulk.

For each waiting request: its contact, the request (``queued``, with the position it was told),
the accepted consent, and the two cards already delivered (request card in Slack, queue card in
Telegram). Only the SET-UP is bulk; every measured operation is a real core function.
(Not inserted: the ``request.unanswered`` timers and the offers of the original joins.) Then
``ANALYZE`` (PostgreSQL: ``VACUUM ANALYZE``), as autovacuum would have done on a live database.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import insert, select
from sqlmodel import col

from bench.cast import AREAS
from bench.common import REQUESTS_CHANNEL
from core.cards import QUEUE_CARD, REQUEST_CARD
from core.context import Core
from core.models import Company, Consent, Contact, Outbound, Request, TermsVersion

_CHUNK = 2000


def _area(n: int) -> str | None:
    """Every 10th client does not know the area; the rest cycle through the areas."""
    return None if n % 10 == 9 else AREAS[n % len(AREAS)]


async def fill_queue(core: Core, company: Company, count: int, first_chat: int = 500000) -> None:
    """``count`` waiting requests, oldest first, joined one second apart before now.

    Each is told its position as the positions' rule gives it (the queue holds nothing else).
    """
    now = core.clock.now()
    start = now - timedelta(seconds=count + 120)
    ahead: Counter[str | None] = Counter()
    async with core.db.uow() as uow:
        terms_id = (await uow.session.execute(select(col(TermsVersion.id)).limit(1))).scalar_one()
        for offset in range(0, count, _CHUNK):
            numbers = range(offset, min(count, offset + _CHUNK))
            contacts = [
                {
                    "company_id": company.id,
                    "channel": "telegram",
                    "external_id": str(first_chat + n),
                    "chat_id": str(first_chat + n),
                    "name": f"Cliente {n}",
                    "language": "pt-BR",
                    "created_at": start,
                }
                for n in numbers
            ]
            result = await uow.session.execute(insert(Contact).returning(col(Contact.id)), contacts)
            contact_ids = list(result.scalars())
            requests = []
            for n, contact_id in zip(numbers, contact_ids, strict=True):
                area = _area(n)
                queued_at = start + timedelta(seconds=n)
                requests.append(
                    {
                        "kind": "consulting",
                        "status": "queued",
                        "contact_id": contact_id,
                        "company_id": company.id,
                        "area": area,
                        "description": "Como fechar o custo?",
                        "queued_at": queued_at,
                        "notified_position": _position(ahead, n, area),
                        "notified_at": queued_at,
                        "created_at": queued_at,
                        "updated_at": queued_at,
                    }
                )
                ahead[area] += 1
            result = await uow.session.execute(insert(Request).returning(col(Request.id)), requests)
            request_ids = list(result.scalars())
            await uow.session.execute(
                insert(Consent),
                [
                    {
                        "contact_id": c,
                        "company_id": company.id,
                        "request_id": r,
                        "terms_version_id": terms_id,
                        "text_sha256": "0" * 64,
                        "rate_cents_shown": 18000,
                        "channel": "telegram",
                        "accepted": True,
                        "created_at": start,
                    }
                    for c, r in zip(contact_ids, request_ids, strict=True)
                ],
            )
            cards = []
            for n, r in zip(numbers, request_ids, strict=True):
                base = {
                    "payload": {"text": "card"},
                    "subject_id": r,
                    "status": "sent",
                    "attempts": 1,
                    "next_attempt_at": start,
                    "sent_at": start,
                    "created_at": start,
                }
                cards.append(
                    base
                    | {
                        "channel": "slack",
                        "address": REQUESTS_CHANNEL,
                        "purpose": REQUEST_CARD,
                        "platform_ref": f"1700000000.{r:06d}",
                    }
                )
                cards.append(
                    base
                    | {
                        "channel": "telegram",
                        "address": str(first_chat + n),
                        "purpose": QUEUE_CARD,
                        "platform_ref": str(r),
                    }
                )
            await uow.session.execute(insert(Outbound), cards)
        await uow.commit()
    await analyze(core)


def _position(ahead: Counter[str | None], total: int, area: str | None) -> int:
    """What the client joining after ``total`` others was told: all of them when the area is
    unknown, else those of the same area and those of no area."""
    return 1 + (total if area is None else ahead[area] + ahead[None])


async def analyze(core: Core) -> None:
    """Planner statistics (and PostgreSQL's visibility map) as a live database would have them.

    A bulk load measured at once has neither: autovacuum would come later and at a random moment
    of the measurement.
    """
    async with core.db.engine.connect() as connection:
        if core.db.dialect == "postgresql":
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("VACUUM ANALYZE")
        else:
            await connection.exec_driver_sql("ANALYZE")
            await connection.commit()

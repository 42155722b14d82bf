"""The terms card and the consent it produces, shared by the intake, support and booking flows.

What the client is shown (terms version, SHA-256 of the exact text, the rate) is kept on the
request while the card awaits an answer, and copied into the append-only consent on the answer,
so a rate changed in between does not change what the client agreed to.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Table, insert

from core.contacts import contact_address, contact_language
from core.context import Core
from core.db import UnitOfWork
from core.messages import normalise_language, t
from core.models import Company, Consent, Contact, Outbound, Request
from core.outbox import Choice, OutboundMessage, Post, latest_outbound, send, send_all
from core.terms import current_terms, render_terms, terms_text_sha256
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)


_CONSENTS: Table = Consent.__table__  # type: ignore[attr-defined]
_INSERT_CONSENT = insert(_CONSENTS).returning(_CONSENTS.c.id)
"""Built once, on the table: a consent is appended, never changed (its id for the events)."""


@dataclass(frozen=True)
class TermsCard:
    """How one flow's terms card looks: its outbox purpose, action ids and catalogue keys."""

    purpose: str  # outbox purpose (subject: the request id)
    accept_action: str  # action id prefix, e.g. "terms_ok"
    refuse_action: str
    texts: str  # catalogue prefix with .accept, .refuse, .answered_yes, .answered_no


async def send_terms(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    company: Company,
    request: Request,
    card: TermsCard,
) -> bool:
    """Render the current terms with the company's rate, remember what was shown, send the card.

    False when no terms are published (nothing is sent then).
    """
    language = normalise_language(contact_language(contact, core.config))
    terms = await current_terms(uow, language) or await current_terms(uow, core.config.language)
    if terms is None or terms.id is None:
        logger.warning("no terms published: request %s gets no terms card", request.id)
        return False
    rate = company.hourly_rate_cents
    text = render_terms(
        terms.template,
        rate_cents=rate,
        policy=core.config.policy,
        language=terms.language,
        version=terms.version,
    )
    digest = terms_text_sha256(text)
    request.terms_version_id, request.terms_rate_cents, request.terms_sha256 = (
        terms.id,
        rate,
        digest,
    )
    request.updated_at = core.clock.now()
    uow.session.add(request)
    await uow.session.flush()
    message = OutboundMessage(
        text,
        choices=(
            Choice(
                f"{card.accept_action}:{request.id}", t(f"{card.texts}.accept", language), "primary"
            ),
            Choice(
                f"{card.refuse_action}:{request.id}", t(f"{card.texts}.refuse", language), "danger"
            ),
        ),
        extra={"terms_version_id": terms.id, "text_sha256": digest, "rate_cents": rate},
    )
    await send(
        uow,
        core.clock,
        contact_address(contact),
        message,
        purpose=card.purpose,
        subject_id=request.id,
    )
    return True


async def record_consent(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    request: Request,
    card: TermsCard,
    *,
    accepted: bool,
    message_ref: str | None,
) -> int:
    """Append the consent (accepted or refused) with what was shown; the card shows the answer.
    Its id."""
    assert request.id is not None
    shown = await latest_outbound(uow, card.purpose, request.id)
    posts: list[Post] = []
    consent_id = await consent_answered(
        uow, core, contact, request, card, shown, posts, accepted=accepted, message_ref=message_ref
    )
    await send_all(uow, core.clock, posts)
    return consent_id


async def consent_answered(
    uow: UnitOfWork,
    core: Core,
    contact: Contact,
    request: Request,
    card: TermsCard,
    shown: Outbound | None,
    posts: list[Post],
    *,
    accepted: bool,
    message_ref: str | None,
) -> int:
    """``record_consent`` for a caller that read the card ``shown`` (the newest terms card); the
    consent's id.

    The card's edit showing the answer is appended to ``posts``: the caller writes it. The
    consent is one ``INSERT ... RETURNING id`` on the table (no ORM object, no flush).
    """
    assert contact.id is not None and request.id is not None
    assert request.terms_version_id is not None and request.terms_sha256 is not None
    assert request.terms_rate_cents is not None
    if message_ref is None and shown is not None and shown.platform_ref is not None:
        message_ref = f"{shown.address}:{shown.platform_ref}"
    now = core.clock.now()
    values = {
        "contact_id": contact.id,
        "company_id": request.company_id,
        "request_id": request.id,
        "terms_version_id": request.terms_version_id,
        "text_sha256": request.terms_sha256,
        "rate_cents_shown": request.terms_rate_cents,
        "channel": contact.channel,
        "message_ref": message_ref[:128] if message_ref else None,
        "accepted": accepted,
        "created_at": now,
    }
    consent_id = int((await uow.execute(_INSERT_CONSENT, values)).scalar_one())
    # Used up: flushed with the caller's next write of the request (one UPDATE with it).
    request.terms_version_id = request.terms_rate_cents = request.terms_sha256 = None
    request.updated_at = now
    uow.session.add(request)
    if shown is not None:
        language = contact_language(contact, core.config)
        key = f"{card.texts}.answered_yes" if accepted else f"{card.texts}.answered_no"
        answered = t(key, language, when=format_datetime(now, core.config.timezone))
        edited = OutboundMessage(f"{shown.payload['text']}\n\n{answered}")
        posts.append(Post(contact_address(contact), edited, edit_of=shown.id))
    logger.info("consent %s (accepted=%s) for request %s", consent_id, accepted, request.id)
    return consent_id

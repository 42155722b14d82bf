"""Recommending an on-site visit (SPEC 6): recorded, a visit request to the on-site team.

The client is told that a visit is recommended and the team will contact them; the session stays
open (and billed) until it is ended.
"""

from __future__ import annotations

import logging

from core.contacts import contact_language
from core.context import Core, entry
from core.errors import Conflict, InvalidInput
from core.messages import t
from core.outbox import Field, OutboundMessage, send
from core.sessions.common import (
    ONSITE_CARD,
    contact_label,
    normalised_staff_key,
    party_of,
    staff_name,
    staff_text,
    tell_client,
    thread_post,
)
from core.sessions.team import session_fields, session_for_team_change, thread_extra
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)

_REASON_MAX = 1000


@entry
async def recommend_onsite(
    core: Core,
    session_id: int,
    *,
    by_staff_key: str,
    reason: str,
    inbound: tuple[str, str] | None = None,
) -> None:
    """Record an on-site recommendation, send the on-site team a visit request, tell the client."""
    async with core.transaction(inbound) as uow:
        by = normalised_staff_key(by_staff_key)
        session = await session_for_team_change(uow, core, session_id, by)
        cleaned = " ".join((reason or "").split())[:_REASON_MAX]
        if not cleaned:
            raise InvalidInput("sessions.onsite.reason_required")
        if session.onsite_recommended_at is not None:
            when = format_datetime(session.onsite_recommended_at, core.config.timezone)
            raise Conflict("sessions.onsite.already", when=when)
        session.onsite_recommended_at, session.onsite_reason = core.clock.now(), cleaned
        uow.session.add(session)
        await uow.session.flush()
        party = await party_of(uow, session)
        by_name = await staff_name(uow, by)
        lang = core.config.language
        contact = contact_label(party.contact)
        if party.contact.phone:
            contact = f"{contact} — {party.contact.phone}"
        fields = (
            Field(t("sessions.field.company", lang), party.company.name),
            Field(t("sessions.field.contact", lang), contact),
            Field(t("sessions.field.consultant", lang), by_name),
            Field(t("sessions.field.reason", lang), cleaned),
            Field(t("sessions.field.session", lang), f"#{session.id}"),
            *session_fields(core, party, session)[2:4],
        )
        card = OutboundMessage(
            t("sessions.onsite.card_text", lang, consultant=by_name, company=party.company.name),
            title=t("sessions.onsite.card_title", lang),
            fields=fields,
            extra=thread_extra(session),
        )
        await send(
            uow,
            core.clock,
            core.config.staff.onsite,
            card,
            purpose=ONSITE_CARD,
            subject_id=session.id,
        )
        note = staff_text(core, "sessions.onsite.thread", by=by, reason=cleaned)
        await thread_post(uow, core, session, OutboundMessage(note))
        client_lang = contact_language(party.contact, core.config)
        told = t("sessions.onsite.client", client_lang, name=by_name, reason=cleaned)
        await tell_client(uow, core, party.contact, OutboundMessage(told))
        logger.info("session %s: on-site visit recommended by %s", session.id, by)

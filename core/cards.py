"""The queue's messages: the request card, the consultant's offer, the client's queue card.

Outbox purposes: ``request_card`` (subject: request; its Slack ts becomes the session thread),
``queue_card`` (subject: request; the client's card, edited in place), ``request_offer``
(subject: request; a consultant's direct message, edited once the request is gone).
Action ids: ``claim:<request>`` (*Aceitar*), ``leave:<request>`` (*Sair da fila*),
``tobook:<request>`` (*Agendar horário*).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from core.billing import format_duration
from core.contacts import contact_language, display_name
from core.context import Core, CoreConfig
from core.db import UnitOfWork
from core.messages import lookup, normalise_language, t
from core.models import Company, Contact, Outbound, Request
from core.outbox import QUEUE_CARD as QUEUE_CARD  # re-exported: the cards' purposes are here
from core.outbox import REQUEST_CARD as REQUEST_CARD
from core.outbox import (
    Address,
    Choice,
    Field,
    OutboundMessage,
    latest_outbound,
    send,
)
from core.timefmt import format_date, format_time, weekday_name

REQUEST_OFFER = "request_offer"
UNANSWERED = "request.unanswered"
"""Timer kind: nobody took the request within ``config.unanswered_after`` (subject: request)."""
POSITION_REFRESH = "queue.position_refresh"
"""Timer kind: a throttled position update of the client's queue card (subject: request)."""
QUEUE_MOVED = "queue.moved"
"""Timer kind: a claim moved the queue; the whole queue's positions are refreshed in bulk."""


def local_time(core: Core, instant: datetime) -> str:
    """``HH:MM`` of ``instant`` in the service's time zone."""
    return format_time(instant.astimezone(core.config.timezone))


async def client_language(uow: UnitOfWork, core: Core, request: Request) -> str:
    """The language of the request's client."""
    contact = await uow.session.get(Contact, request.contact_id)
    return contact_language(contact, core.config) if contact else core.config.language


def area_label(area: str | None, language: str, config: CoreConfig | None = None) -> str:
    """The area in ``language`` (configured name, else the catalogue's, else as configured),
    or *Não sei* when the client did not know."""
    if not area:
        return t("queue.card.area_unknown", language)
    language = normalise_language(language)
    if config is not None:
        named = config.area_names.get(language, {}).get(area)
        if named:
            return named
    return lookup(f"area.{area}", language) or area


def claim_choice(request_id: int, language: str) -> Choice:
    """The *Aceitar* button of a request."""
    return Choice(f"claim:{request_id}", t("queue.card.accept", language), "primary")


def request_card(
    core: Core, request: Request, company: Company, contact: Contact, position: int
) -> OutboundMessage:
    """The card in the requests channel: who, what, since when, position, *Aceitar*."""
    language = core.config.language
    assert request.id is not None and request.queued_at is not None
    fields = (
        Field(t("queue.card.company", language), company.name),
        Field(t("queue.card.contact", language), display_name(contact)),
        Field(t("queue.card.area", language), area_label(request.area, language, core.config)),
        Field(t("queue.card.description", language), request.description or "-"),
        Field(t("queue.card.waiting_since", language), local_time(core, request.queued_at)),
        Field(t("queue.card.position", language), str(position)),
    )
    return OutboundMessage(
        t("queue.card.text", language, company=company.name, contact=display_name(contact)),
        title=t("queue.card.title", language, id=request.id),
        fields=fields,
        choices=(claim_choice(request.id, language),),
    )


def offer_message(
    core: Core, request: Request, company: Company, contact: Contact
) -> OutboundMessage:
    """A direct message offering a waiting request to one consultant, with *Aceitar*."""
    language = core.config.language
    assert request.id is not None and request.queued_at is not None
    lines = [
        t(
            "queue.offer.text",
            language,
            id=request.id,
            area=area_label(request.area, language, core.config),
            company=company.name,
            contact=display_name(contact),
        )
    ]
    if request.description and request.description.strip():
        lines.append(t("queue.offer.description", language, description=request.description))
    lines.append(t("queue.offer.since", language, time=local_time(core, request.queued_at)))
    text = "\n".join(lines)
    return OutboundMessage(text, choices=(claim_choice(request.id, language),))


def opening_params(core: Core, language: str) -> dict[str, str]:
    """The next opening as message parameters: ``weekday`` and ``when`` (``dd/mm/aaaa às
    HH:MM``): "Abrimos quarta-feira, 02/12/2026 às 08:00"."""
    tz = core.config.timezone
    opening = core.config.hours.next_opening(core.clock.now()).astimezone(tz)
    day, at = format_date(opening.date()), format_time(opening)
    when = t("hours.opening_at", language, date=day, time=at)
    return {"weekday": weekday_name(opening.date(), language), "when": when}


def wait_text(core: Core, wait_minutes: int, language: str) -> str:
    """The estimated wait as the client reads it, closed time left out.

    Within the current open interval: "cerca de 40 min"; across lunch or closing: when service
    is expected to reach them ("a partir de 13:30", "a partir de 08:00 de amanhã", or a date).
    """
    now = core.clock.now()
    hours, tz = core.config.hours, core.config.timezone
    if not hours.is_open(now):
        expected = hours.next_opening(now)
    else:
        expected = hours.after_open_time(now, wait_minutes)
        if expected - now <= timedelta(minutes=wait_minutes):
            return t(
                "queue.client.wait_about", language, wait=format_duration(wait_minutes, language)
            )
    local, today = expected.astimezone(tz), now.astimezone(tz).date()
    if local.date() == today:
        return t("queue.client.wait_from_today", language, time=format_time(local))
    if local.date() == today + timedelta(days=1):
        return t("queue.client.wait_from_tomorrow", language, time=format_time(local))
    return t(
        "queue.client.wait_from_day",
        language,
        weekday=weekday_name(local.date(), language),
        date=format_date(local.date()),
        time=format_time(local),
    )


def queue_card(
    core: Core, request_id: int, position: int, wait_minutes: int, language: str
) -> OutboundMessage:
    """The client's queue card: position, estimated wait, *Sair da fila*, *Agendar horário*."""
    text = t(
        "queue.client.card",
        language,
        position=position,
        wait=wait_text(core, wait_minutes, language),
    )
    return OutboundMessage(
        text,
        choices=(
            Choice(f"leave:{request_id}", t("queue.client.leave", language), "danger"),
            Choice(f"tobook:{request_id}", t("queue.client.to_booking", language)),
        ),
        extra={"position": position, "wait_minutes": wait_minutes},
    )


def card_address(row: Outbound) -> Address:
    """Where an outbox row was sent (its channel, address and thread)."""
    return Address(row.channel, row.address, row.thread)


def closed_version(card: Outbound, text: str) -> OutboundMessage:
    """The card sent as ``card`` with ``text`` instead, its fields kept and no buttons."""
    return replace(OutboundMessage.from_payload(card.payload), text=text, choices=(), extra={})


async def close_card(
    uow: UnitOfWork, core: Core, purpose: str, request_id: int, text: str
) -> Outbound | None:
    """Edit the card of ``purpose`` for the request in place: ``text``, fields kept, no buttons."""
    card = await latest_outbound(uow, purpose, request_id)
    if card is None:
        return None
    message = closed_version(card, text)
    await send(
        uow,
        core.clock,
        card_address(card),
        message,
        purpose=purpose,
        subject_id=request_id,
        edit_of=card.id,
    )
    return card

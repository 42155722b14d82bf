"""The ``/agendar`` modal's submission -> ``core.booking.book``; refusals inside the modal."""

from __future__ import annotations

import logging
from datetime import timedelta

from slack_bolt.async_app import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.agendar.form import channel_of, read_form
from adapters.slack.agendar.modal import field_for
from adapters.slack.agendar.run import booked_text, starts_at
from adapters.slack.blocks import escape
from adapters.slack.context import Body, acting_user, render_error, tell_privately, view_key
from core.booking import Actor, BookingOrder, book
from core.context import Core
from core.errors import BusinessError

logger = logging.getLogger(__name__)


async def on_booking_form(core: Core, ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
    """Book; a refusal goes back on its field, a booking closes the modal and is confirmed."""
    view, user = body["view"], acting_user(body)
    try:
        form = read_form(view)
        booking_id = await book(
            core,
            BookingOrder(
                company_id=form.company_id,
                contact_id=form.contact_id,
                area=form.area,
                consultant_id=form.consultant_id,
                starts_at=starts_at(core, form.day, form.at),
                duration=timedelta(minutes=form.minutes),
                medium=form.medium,
                connection_detail=form.connection_detail,
                notes=form.notes,
                alternative_hours=form.alternative,
            ),
            by=Actor.staff(user),
            inbound=view_key(body),
        )
    except BusinessError as error:
        logger.info("booking modal refused for %s: %s", user, error.key)
        errors = {field_for(error.key): render_error(core, error)}
        await ack(response_action="errors", errors=errors)
        return
    await ack()
    text = await booked_text(core, booking_id, alternative_asked=form.alternative)
    await tell_privately(client, channel_of(view), user, escape(text))

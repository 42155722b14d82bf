"""The webhooks' delivery log in the dashboard over real HTTP: managers only, the failures with
their reasons, a status filter, and a CSRF-checked redelivery that keeps the event id."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest

from adapters.webhooks import WebhookSender
from core.outbox import OutboxDispatcher
from core.webhooks import add_endpoint, send_test_event
from tests.fakes.webhook_receiver import Answer, WebhookReceiver
from tests.web.conftest import WebWorld
from tests.web.dashboard.helpers import get, post_form, signed_in

PAGE = "/dashboard/webhooks"


@pytest.fixture
async def receiver() -> AsyncIterator[WebhookReceiver]:
    """A receiver listening on loopback for the test."""
    server = WebhookReceiver()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def _deliver(web: WebWorld) -> None:
    sender = WebhookSender(web.core.db, web.clock, timeout=5.0)
    dispatcher = OutboxDispatcher(web.core.db, web.clock, {"webhook": sender})
    try:
        while await dispatcher.run_once():
            pass
    finally:
        await sender.close()


async def _pings(web: WebWorld, receiver: WebhookReceiver) -> tuple[int, int]:
    """One endpoint, two pings: the first refused for good (410), the second delivered."""
    async with web.core.db.uow() as uow:
        endpoint = (await add_endpoint(uow, web.clock, receiver.url, ["session.ended"])).endpoint_id
        gone = await send_test_event(uow, web.clock, endpoint)
        fine = await send_test_event(uow, web.clock, endpoint)
        await uow.commit()
    receiver.answer(Answer(410))
    await _deliver(web)
    assert gone.id is not None and fine.id is not None
    return gone.id, fine.id


def _row(html: str, delivery_id: int) -> str:
    found = re.search(rf'data-delivery="{delivery_id}">(.*?)</tr>', html, re.S)
    assert found is not None, html
    return found.group(1)


async def test_a_manager_sees_each_delivery_and_why_it_failed_and_filters_by_status(
    web: WebWorld, receiver: WebhookReceiver
) -> None:
    gone, fine = await _pings(web, receiver)
    manager = await signed_in(web, "gerente", roles=("manager",))

    status, html, _ = await get(manager, PAGE)
    assert status == 200
    assert receiver.url in html and "whsec_" not in html  # never the secret
    assert 'href="/dashboard/webhooks"' in html
    assert "failed" in _row(html, gone) and "HTTP 410" in _row(html, gone)
    assert "sent (200)" in _row(html, fine) and "ping" in _row(html, fine)

    _, failed_only, _ = await get(manager, PAGE + "?status=failed")
    assert f'data-delivery="{gone}"' in failed_only
    assert f'data-delivery="{fine}"' not in failed_only
    _, forged, _ = await get(manager, PAGE + "?status=<script>")
    assert f'data-delivery="{fine}"' in forged and "<script>" not in forged


async def test_a_redelivery_needs_a_manager_and_the_csrf_token_and_keeps_the_event_id(
    web: WebWorld, receiver: WebhookReceiver
) -> None:
    gone, _ = await _pings(web, receiver)
    consultant = await signed_in(web, "bruno", staff_key="U0BRUNO")
    manager = await signed_in(web, "gerente", roles=("manager",))
    action = f"{PAGE}/deliveries/{gone}/redeliver"

    status, _, _ = await get(consultant, PAGE)
    assert status == 403
    await consultant.open("/console")
    status, _, _ = await post_form(consultant, action, {"csrf_token": consultant.csrf})
    assert status == 403
    await manager.open(PAGE)
    status, _, _ = await post_form(manager, action, {"csrf_token": "forged"})
    assert status == 403
    status, _, _ = await post_form(
        manager, f"{PAGE}/deliveries/999/redeliver", {"csrf_token": manager.csrf}
    )
    assert status == 404
    await _deliver(web)
    assert len(receiver.requests) == 2  # nothing was queued by the refused attempts

    status, _, location = await post_form(manager, action, {"csrf_token": manager.csrf})
    assert status == 303
    await _deliver(web)
    first, _, again = receiver.requests
    assert again.status == 200
    assert again.headers["X-Consultoria-Event-Id"] == first.headers["X-Consultoria-Event-Id"]
    assert again.body == first.body
    _, html, _ = await get(manager, location)
    assert first.headers["X-Consultoria-Event-Id"] in html
    assert "posto de novo na fila" in html

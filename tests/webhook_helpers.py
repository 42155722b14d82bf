"""Helpers of the webhook tests: endpoints added through the core, deliveries by the real
dispatcher and sender to a receiver on loopback, and the README's verification snippet."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from adapters.webhooks import WebhookSender
from bot.bootstrap import unreachable_hook
from core.models import Channel, Outbound
from core.outbox import OutboxDispatcher
from core.webhooks import add_endpoint, disable_endpoint
from tests.fakes.webhook_receiver import Received, WebhookReceiver
from tests.scenario import World

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_verifier() -> Callable[..., bool]:
    """``verify_consultoria_signature`` as the README documents it (its code block, executed)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("#### Verifying a signature", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert found is not None
    namespace: dict[str, Any] = {}
    exec(compile(found.group(1), "README.md", "exec"), namespace)
    verifier: Callable[..., bool] = namespace["verify_consultoria_signature"]
    return verifier


@dataclass
class Hooks:
    """A world whose outbox also delivers the webhook channel to ``receiver``."""

    world: World
    receiver: WebhookReceiver
    sender: WebhookSender

    @classmethod
    def build(cls, world: World, receiver: WebhookReceiver, *, timeout: float = 5.0) -> Hooks:
        """The world, the receiver and a sender with ``timeout``."""
        return cls(world, receiver, WebhookSender(world.core.db, world.clock, timeout=timeout))

    def dispatcher(self) -> OutboxDispatcher:
        """The real dispatcher with the recording chat senders and the real webhook sender."""
        senders = {"telegram": self.world.telegram, "slack": self.world.slack}
        return OutboxDispatcher(
            self.world.core.db,
            self.world.clock,
            {**senders, "webhook": self.sender},
            on_unreachable=unreachable_hook(self.world.core),
        )

    async def deliver(self) -> int:
        """Run the dispatcher until nothing is due now; how many rows it handled."""
        dispatcher, total = self.dispatcher(), 0
        while processed := await dispatcher.run_once():
            total += processed
        return total

    async def add(self, events: list[str], *, url: str | None = None) -> tuple[int, str]:
        """An endpoint for ``events`` (at the receiver unless ``url``): its id and secret."""
        async with self.world.core.db.uow() as uow:
            added = await add_endpoint(uow, self.world.clock, url or self.receiver.url, events)
            await uow.commit()
        return added.endpoint_id, added.secret

    async def disable(self, endpoint_id: int) -> None:
        """``webhook remove``."""
        async with self.world.core.db.uow() as uow:
            await disable_endpoint(uow, endpoint_id)
            await uow.commit()

    async def rows(self, endpoint_id: int | None = None) -> list[Outbound]:
        """The webhook channel's outbox rows, oldest first (optionally of one endpoint)."""
        async with self.world.core.db.uow() as uow:
            statement = select(Outbound).where(col(Outbound.channel) == Channel.WEBHOOK)
            if endpoint_id is not None:
                statement = statement.where(col(Outbound.address) == str(endpoint_id))
            return list((await uow.session.exec(statement.order_by(col(Outbound.id)))).all())


def event_of(received: Received) -> dict[str, Any]:
    """The JSON body of a received request."""
    body: dict[str, Any] = json.loads(received.body)
    return body


def types_of(received: list[Received]) -> list[str]:
    """The event types of received requests, in order."""
    return [event_of(r)["type"] for r in received]

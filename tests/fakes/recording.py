"""A recording outbound sender: remembers every delivery, can fail on demand."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from core.outbox import Address, Delivery, PermanentDeliveryError, TransientDeliveryError


@dataclass
class RecordingSender:
    """Records deliveries; ``fail_next`` holds errors to raise on the next calls, in order."""

    channel: str
    delivered: list[Delivery] = field(default_factory=list)
    fail_next: list[TransientDeliveryError | PermanentDeliveryError] = field(default_factory=list)
    calls: int = 0
    _refs: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))

    async def deliver(self, delivery: Delivery) -> str | None:
        """Record ``delivery`` and return a new platform reference (or the edited one)."""
        self.calls += 1
        if self.fail_next:
            raise self.fail_next.pop(0)
        self.delivered.append(delivery)
        if delivery.edit_ref is not None:
            return delivery.edit_ref
        return f"{self.channel}-{next(self._refs)}"

    def to(self, address: Address) -> list[Delivery]:
        """Deliveries to ``address`` (matching channel, id and thread), oldest first."""
        return [d for d in self.delivered if d.to == address]

    def texts_to(self, address: Address) -> list[str]:
        """The texts delivered to ``address``."""
        return [d.message.text for d in self.to(address)]

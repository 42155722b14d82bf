"""The fakes with faults: ~10% of delivery calls answer 429 (retry after 1 s), ~5% a 5xx, a few
hang until the client gives up; Telegram serves some updates again. Seeded, so a run repeats.

Only the calls the outbox senders make are faulted (``sendMessage``, ``chat.postMessage``, the
file upload steps ...): those are the ones the outbox retries. The calls a handler makes while a
person waits (``answerCallbackQuery``, ``views.open``, ``chat.postEphemeral``, bolt's ``auth.test``)
are the platforms' interactive answers, which neither Telegram nor Slack retries for us.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.slack_server import FakeSlack, Fault
from tests.fakes.telegram_server import Failure, FakeTelegram

TELEGRAM_FAULTED = {
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "editMessageText",
    "editMessageReplyMarkup",
    "getFile",
}
SLACK_FAULTED = {
    "chat.postMessage",
    "chat.update",
    "conversations.open",
    "files.getUploadURLExternal",
    "files.completeUploadExternal",
}


@dataclass
class FaultPlan:
    """How often each fault happens; ``hangs`` caps the hangs (each costs a client timeout)."""

    seed: int = 6
    rate_limited: float = 0.10
    server_error: float = 0.05
    hang: float = 0.03
    hangs: int = 3
    repeat_update: float = 0.15
    injected: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.random = random.Random(self.seed)
        self.on = True

    def pick(self) -> str | None:
        """The fault for the next call, or None."""
        if not self.on:
            return None
        roll = self.random.random()
        if roll < self.hang and self.injected["hang"] < self.hangs:
            kind = "hang"
        elif roll < self.hang + self.rate_limited:
            kind = "429"
        elif roll < self.hang + self.rate_limited + self.server_error:
            kind = "5xx"
        else:
            return None
        self.injected[kind] += 1
        return kind


class FaultyTelegram(FakeTelegram):
    """The fake Bot API, faulting delivery calls and repeating some updates."""

    def __init__(self, plan: FaultPlan) -> None:
        super().__init__()
        self.plan = plan
        self.served: list[dict[str, Any]] = []
        self.repeated: list[int] = []

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        kind = self.plan.pick() if method in TELEGRAM_FAULTED else None
        if kind is not None:
            failure = {
                "429": Failure(429, "Too Many Requests: retry after 1", retry_after=1),
                "5xx": Failure(502, "Bad Gateway"),
                "hang": Failure(500, "Internal Server Error", hang=True),
            }[kind]
            self.failures.setdefault(method, []).insert(0, failure)
        return await super()._api(request)

    async def _m_get_updates(self, params: dict[str, Any], files: dict[str, bytes]) -> web.Response:
        response = await super()._m_get_updates(params, files)
        fresh = list(self.updates[: int(params.get("limit") or 100)])
        offset = int(params.get("offset") or 0)
        fresh = [u for u in fresh if u["update_id"] >= offset]
        if not fresh:
            return response
        batch = list(fresh)
        old = [u for u in self.served if u["update_id"] < fresh[0]["update_id"]]
        if old and self.plan.on and self.plan.random.random() < self.plan.repeat_update:
            again = self.plan.random.choice(old)
            batch.insert(0, again)  # served again although confirmed: the bot must act once
            self.repeated.append(int(again["update_id"]))
        known = {u["update_id"] for u in self.served}
        self.served.extend(u for u in fresh if u["update_id"] not in known)
        return self.ok(batch)


class FaultySlack(FakeSlack):
    """The fake Web API, faulting delivery calls."""

    def __init__(self, plan: FaultPlan) -> None:
        super().__init__()
        self.plan = plan

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        kind = self.plan.pick() if method in SLACK_FAULTED else None
        if kind is not None:
            self.faults.setdefault(method, []).insert(0, Fault(kind, retry_after=1, status=503))
        return await super()._api(request)

"""A real HTTP receiver of webhooks on 127.0.0.1 for the tests (aiohttp), recording every request.

``plan`` queues answers for the next requests (a status, optional headers, an optional delay before
answering: longer than the sender's timeout is a timeout); with none queued a request is answered
``200``. ``stop``/``start`` take the receiver down and up again on the same port (refused
connections meanwhile).
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field

from aiohttp import web


@dataclass(frozen=True)
class Answer:
    """What the receiver answers to one request."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Received:
    """One request as it came: its path, headers and exact body, and the status answered."""

    path: str
    headers: dict[str, str]
    body: bytes
    status: int


def free_port() -> int:
    """A port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class WebhookReceiver:
    """The receiver (see the module docstring); ``url`` is where it listens."""

    def __init__(self, path: str = "/hooks/consultoria") -> None:
        self.path = path
        self.port = free_port()
        self.requests: list[Received] = []
        self.plan: list[Answer] = []
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        """The receiver's URL."""
        return self.url_at(self.path)

    def url_at(self, path: str) -> str:
        """Another path of the receiver (every path is received)."""
        return f"http://127.0.0.1:{self.port}{path}"

    def at(self, path: str) -> list[Received]:
        """The requests accepted at ``path``."""
        return [r for r in self.accepted() if r.path == path]

    def answer(self, *answers: Answer) -> None:
        """Queue ``answers`` for the next requests."""
        self.plan.extend(answers)

    def accepted(self) -> list[Received]:
        """The requests answered with a 2xx."""
        return [r for r in self.requests if 200 <= r.status < 300]

    async def _handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        answer = self.plan.pop(0) if self.plan else Answer()
        self.requests.append(Received(request.path, dict(request.headers), body, answer.status))
        if answer.delay:
            await asyncio.sleep(answer.delay)
        return web.Response(status=answer.status, headers=answer.headers, text="ok")

    async def start(self) -> None:
        """Listen (again) on the receiver's port."""
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
        await site.start()

    async def stop(self) -> None:
        """Stop listening: connections are refused until ``start``."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

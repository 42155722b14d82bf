"""Fixtures of the REST API tests: the bot's HTTP server (``bot.web.WebServer``) on a free port.

``api``: a World (Core on the ``db`` fixture, both engines; the manual clock at Monday
23/11/2026 10:00 in São Paulo) with a company, three consultants and a secretary, served by the
runtime's web server; ``api.token(scopes)`` creates a token as the CLI does and ``api.call``
speaks HTTP to the server.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from multidict import CIMultiDict
from sqlmodel import select

from bot.metrics import Metrics
from bot.web import WebServer
from core.api_tokens import SCOPES, create_token
from core.clock import ManualClock
from core.db import Database
from core.models import Booking
from tests.scenario import World
from tests.scenarios.sessions_helpers import Cast, given_cast


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, headers and the body (parsed JSON when it is JSON)."""

    status: int
    headers: CIMultiDict[str]
    text: str

    @property
    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.text)


@dataclass
class ApiWorld:
    """The served API, its world and an HTTP client."""

    world: World
    cast: Cast
    base_url: str
    http: aiohttp.ClientSession

    async def token(self, scopes: tuple[str, ...] = SCOPES, name: str = "erp") -> str:
        """A new token with ``scopes`` (all by default)."""
        async with self.world.core.db.uow() as uow:
            made = await create_token(uow, self.world.clock, name, ",".join(scopes))
            await uow.commit()
        return made.secret

    async def call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        body: Any = None,
        headers: dict[str, str] | None = None,
        data: bytes | None = None,
    ) -> Reply:
        """One request; ``token`` as a bearer token."""
        sent = dict(headers or {})
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        if body is not None:
            data = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        async with self.http.request(
            method, self.base_url + path, data=data, headers=sent, allow_redirects=False
        ) as response:
            return Reply(response.status, CIMultiDict(response.headers), await response.text())


@pytest.fixture
async def api(db: Database, clock: ManualClock) -> AsyncIterator[ApiWorld]:
    """The runtime's web server with the API, on a free port (see the module docstring)."""
    world = World.build(db, clock)
    cast = await given_cast(world)
    server = WebServer(db, Metrics(db, clock), host="127.0.0.1", port=0, core=world.core)
    await server.start()
    http = aiohttp.ClientSession()
    try:
        yield ApiWorld(world, cast, f"http://127.0.0.1:{server.port}", http)
    finally:
        await http.close()
        await server.stop()


def booking_order(api: ApiWorld, **changes: Any) -> dict[str, Any]:
    """A valid ``POST /api/v1/bookings`` body (Tuesday 14:00, an hour, Custos), with ``changes``."""
    order: dict[str, Any] = {
        "company_id": api.cast.company_id,
        "starts_at": "2026-11-24T14:00:00-03:00",
        "duration_minutes": 60,
        "medium": "Outro",
        "area": "Custos",
    }
    order.update(changes)
    return order


async def stored_bookings(api: ApiWorld) -> list[Booking]:
    """Every booking stored."""
    async with api.world.core.db.uow() as uow:
        return list((await uow.session.exec(select(Booking))).all())

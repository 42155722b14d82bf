"""Soak: a whole bot under steady load on each engine, for ``CONSULTORIA_SOAK_SECONDS`` (20).

One Runtime (web channel with the staff console, Telegram polling a fake server, the outbox
dispatcher and the timer loop) serves, at once: 50 staff event streams of every kind (session
pages, the queue, the support, links, on-site and billing rooms, the dashboard's live panel),
50 web chat clients each holding its own stream and chatting (10 of them in sessions with three
consultants who answer from the console), Telegram users writing, managers opening pages, a
staff member signing in again and again, and the clock moving on (sign-ins slide, timers fire).

Asserted: no ERROR log record; no HTTP request (nor a stream's answer) stuck longer than
:data:`SLOW` (a lock-up, not a speed target); every answer as expected; the Telegram users
answered; and at the end, with every stream still open, the outbox drained, no pooled
connection checked out and (PostgreSQL) no connection of the bot's database ``idle in
transaction`` (issue 13: open session pages held connections in open transactions until the bot
locked up).

The duration is read when the module is imported: ``CONSULTORIA_SOAK_SECONDS=300
.venv/bin/pytest tests/soak -s`` soaks for five minutes per engine and prints the figures.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import random
import secrets
import statistics
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import aiohttp
import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from adapters.web.client.identity import CLIENT_COOKIE, WebClient
from adapters.web.hub import Hub
from bot.notify import asyncpg_dsn
from bot.runtime import Runtime
from core import intake
from core.clock import ManualClock
from core.consultants import add_consultant
from core.db import Database
from core.models import WebMessage
from core.outbox import Address, OutboxDispatcher
from core.queue import set_status
from tests.fakes.telegram_server import FakeTelegram
from tests.runtime.conftest import command_update, settings_for, unfinished
from tests.web.conftest import Browser, WebWorld
from tests.web.console.helpers import StaffBrowser
from tests.web.helpers import PASSWORD, given_account, given_company

SECONDS = float(os.environ.get("CONSULTORIA_SOAK_SECONDS") or 20)
"""How long the load runs (read at import: the tests' fixtures clear ``CONSULTORIA_*``)."""
SLOW = float(os.environ.get("CONSULTORIA_SOAK_MAX_SECONDS") or 10)
"""No request may take longer (seconds, measured by the client around the whole exchange).

In the suite this catches a lock-up (the bot froze for 30 s at a time), not speed: speed is
measured on an idle machine (``CONSULTORIA_SOAK_MAX_SECONDS=1`` with ``-s`` prints the figures),
never asserted where other work shares the CPU."""
STAFF_STREAMS = 50
CLIENTS = 50
SESSIONS = 10
CONSULTANTS = 3
TELEGRAM_USERS = 20
ADMINS = 6
CLIENT_PAUSE = (5.0, 15.0)
"""Seconds between a web client's messages (about 5 a second from the 50)."""
CONSULTANT_PAUSE = (1.0, 3.0)
"""Seconds between a consultant's answers (three consultants, ten sessions)."""
TELEGRAM_PAUSE = (0.2, 0.8)
"""Seconds between two Telegram updates (from any of the users)."""
STUCK = 1.0
"""Seconds idle in a transaction that no connection may reach, at any time (PostgreSQL)."""
OPENING = 0.02
"""Seconds between two pages opening their streams."""
CLOCK_STEP = timedelta(seconds=5)
"""Fake time added every real second (sign-ins slide each minute, timers come due)."""
CLOCK_LIMIT = timedelta(minutes=100)
"""The clock stops moving before lunch (12:00) closes the opening hours."""


@dataclass
class Load:
    """What the load saw: every exchange's duration, unexpected answers, stream events."""

    durations: dict[str, list[float]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    events: Counter[str] = field(default_factory=Counter)
    telegram_replies: list[float] = field(default_factory=list)
    loop_lag: list[float] = field(default_factory=list)
    idle_in_transaction: list[int] = field(default_factory=list)
    stuck_in_transaction: list[int] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)

    def took(self, what: str, seconds: float) -> None:
        """Record one exchange."""
        self.durations.setdefault(what, []).append(seconds)

    async def timed(self, what: str, call: Awaitable[Any]) -> Any:
        """Await ``call``, recording how long it took."""
        started = time.monotonic()
        try:
            return await call
        finally:
            self.took(what, time.monotonic() - started)

    def expect(self, what: str, status: int, wanted: int | tuple[int, ...]) -> None:
        """Note an unexpected status."""
        if status not in (wanted if isinstance(wanted, tuple) else (wanted,)):
            self.problems.append(f"{what}: status {status}")

    def slow(self) -> list[str]:
        """The exchanges over :data:`SLOW`."""
        return [
            f"{what}: {seconds:.3f} s"
            for what, all_of in self.durations.items()
            for seconds in all_of
            if seconds > SLOW
        ]

    def summary(self) -> str:
        """Counts, medians and worst durations per kind, and the streams' events."""
        lines = []
        for what, all_of in sorted(self.durations.items()):
            ordered = sorted(all_of)
            p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
            lines.append(
                f"  {what}: {len(all_of)} × median {statistics.median(all_of) * 1000:.0f} ms,"
                f" p99 {p99 * 1000:.0f} ms, worst {ordered[-1] * 1000:.0f} ms"
            )
        replies = self.telegram_replies
        if replies:
            lines.append(
                f"  telegram reply: {len(replies)} × median {statistics.median(replies) * 1000:.0f}"
                f" ms, worst {max(replies) * 1000:.0f} ms"
            )
        if self.loop_lag:
            lines.append(
                f"  event loop lag: median {statistics.median(self.loop_lag) * 1000:.0f} ms,"
                f" worst {max(self.loop_lag) * 1000:.0f} ms"
            )
        lines.append(f"  stream events: {dict(sorted(self.events.items()))}")
        if self.idle_in_transaction:
            sampled, stuck = self.idle_in_transaction, self.stuck_in_transaction
            lines.append(
                f"  idle in transaction, sampled every 0.5 s: median {statistics.median(sampled)},"
                f" max {max(sampled)} (between the statements of units of work in flight);"
                f" for over {STUCK:.0f} s: max {max(stuck)}"
            )
        return "\n".join(lines)


async def test_fifty_streams_fifty_clients_and_telegram_leave_no_connection_behind(
    db: Database, clock: ManualClock, fake_telegram: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    settings = settings_for(fake_telegram, None, db.url)
    runtime = Runtime(settings, clock=clock)
    await runtime.start()
    load = Load()
    tasks: list[asyncio.Task[None]] = []
    browsers: list[aiohttp.ClientSession] = []
    try:
        base = f"http://127.0.0.1:{runtime.http_port}"
        world = _world(runtime, clock, base)
        company = await given_company(world)
        clients = [await _client(world, browsers) for _ in range(CLIENTS)]
        for number, client in enumerate(clients):
            status, _ = await client.post(
                "/chat/start", {"code": company.access_code, "name": f"Cliente {number}"}
            )
            assert status == 200
        consultants = [
            await _staff(world, browsers, f"consultor{n}", consultant=True)
            for n in range(CONSULTANTS)
        ]
        sessions = await _sessions(world, clients[:SESSIONS], consultants)
        admins = [await _staff(world, browsers, f"gerente{n}") for n in range(ADMINS)]

        streams = _stream_plan(sessions, consultants, admins)
        assert len(streams) == STAFF_STREAMS
        pages = [(who.http, path) for who, path in streams]
        pages += [(client.http, "/chat/events") for client in clients]
        for http, path in pages:  # pages open one after another, as people open them
            tasks.append(_task(_hold(load, http, base, path)))
            await asyncio.sleep(OPENING)
        tasks += [_task(_chatting(load, c, n)) for n, c in enumerate(clients)]
        for number, (browser, mine) in enumerate(zip(consultants, sessions, strict=True)):
            tasks.append(_task(_answering(load, browser, mine, number)))
        every = sorted(s for mine in sessions for s in mine)
        tasks += [_task(_browsing(load, admin, every)) for admin in admins]
        tasks.append(_task(_signing_in(load, world, browsers)))
        tasks.append(_task(_telegram(load, fake_telegram, company.access_code)))
        tasks.append(_task(_clock(load, runtime, clock)))
        tasks.append(_task(_lag(load)))
        if runtime.db.dialect == "postgresql":
            tasks.append(_task(_sample_transactions(load, runtime.db)))

        await asyncio.sleep(SECONDS)
        load.stop.set()
        await asyncio.sleep(1.5)  # exchanges in hand finish; the streams stay open

        await _until(lambda: _drained(runtime.db), "the outbox drained", 15)
        await _until(lambda: _pools_idle(runtime.db), "every pooled connection returned", 5)
        left = await _in_transaction(runtime.db)
        streams_open = sum(not task.done() for task in tasks[: STAFF_STREAMS + CLIENTS])
    finally:
        load.stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for http in browsers:
            await http.close()
        await runtime.stop(flush_timeout=5)

    print(f"\nsoak {runtime.db.dialect}, {SECONDS:.0f} s:\n{load.summary()}")
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors
    assert not load.slow(), load.slow()
    assert not load.problems, load.problems
    assert streams_open == STAFF_STREAMS + CLIENTS, "a stream ended while the page was open"
    assert left == 0, f"{left} connections left idle in transaction"
    assert not any(load.stuck_in_transaction), "a connection sat idle in a transaction for 1 s"
    assert load.telegram_replies, "no Telegram user was answered"
    assert load.events["session"] > 0 and load.events["chat"] > 0, load.events


def _task(work: Awaitable[None]) -> asyncio.Task[None]:
    return asyncio.ensure_future(work)


def _world(runtime: Runtime, clock: ManualClock, base: str) -> WebWorld:
    """The web tests' world on the runtime (its helpers make companies and accounts)."""
    dispatcher: OutboxDispatcher = runtime.dispatcher
    hub: Hub = runtime.hub
    return WebWorld(runtime.core, clock, hub, dispatcher, base)


async def _client(world: WebWorld, browsers: list[aiohttp.ClientSession]) -> Browser:
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    browsers.append(http)
    client = Browser(http, world.base_url)
    status, _ = await client.open("/chat")
    assert status == 200
    return client


def _address(client: Browser) -> Address:
    """The client's chat address (the core's name for this browser)."""
    secret = next(c.value for c in client.http.cookie_jar if c.key == CLIENT_COOKIE)
    return WebClient(secret).address


async def _staff(
    world: WebWorld, browsers: list[aiohttp.ClientSession], login: str, *, consultant: bool = False
) -> StaffBrowser:
    if consultant:
        key = await given_account(world, login, name=login.title())
        async with world.core.db.uow() as uow:
            await add_consultant(
                uow,
                world.clock,
                staff_key=key,
                name=login.title(),
                areas=list(world.core.config.areas),
                known_areas=list(world.core.config.areas),
                max_sessions=SESSIONS,
            )
            await uow.commit()
        await set_status(world.core, key, "disponivel")
    else:
        await given_account(world, login, roles=("admin",))
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    browsers.append(http)
    staff = StaffBrowser(http, world.base_url)
    assert await staff.sign_in(login) == 200
    return staff


async def _sessions(
    world: WebWorld, clients: list[Browser], consultants: list[StaffBrowser]
) -> list[list[int]]:
    """Each client asks for consulting; the consultants accept in turn: each one's sessions."""
    core = world.core
    mine: list[list[int]] = [[] for _ in consultants]
    for number, client in enumerate(clients):
        address = _address(client)
        await intake.begin_consulting(core, address)
        request_id = await _until_value(functools.partial(_area_question, world, address), "areas")
        await intake.choose_area(core, address, request_id, 3)
        await intake.handle_text(core, address, f"Fechamento do mês {number}")
        await intake.accept_terms(core, address, request_id)
        consultant = consultants[number % len(consultants)]
        await consultant.get("/console")
        status, page = await consultant.post("/console/action", {"action": f"claim:{request_id}"})
        assert status == 200, page
        session_id = int(consultant.last_url.rsplit("/", 1)[1])
        mine[number % len(consultants)].append(session_id)
    return mine


async def _area_question(world: WebWorld, address: Address) -> int | None:
    async with world.core.db.read() as uow:
        rows = await uow.session.exec(
            select(WebMessage)
            .where(WebMessage.address == address.id)
            .order_by(col(WebMessage.id).desc())
        )
        for row in rows.all():
            for choice in row.payload.get("choices", ()):
                if str(choice.get("action", "")).startswith("area:"):
                    return int(str(choice["action"]).split(":")[1])
    return None


def _stream_plan(
    sessions: list[list[int]], consultants: list[StaffBrowser], admins: list[StaffBrowser]
) -> list[tuple[StaffBrowser, str]]:
    """50 staff streams: each consultant's queue and session pages; the managers' every kind."""
    plan: list[tuple[StaffBrowser, str]] = []
    for consultant, mine in zip(consultants, sessions, strict=True):
        plan.append((consultant, "/console/events"))
        plan += [(consultant, f"/console/session/{s}/events") for s in mine]
    rooms = [
        "/console/events",
        "/console/support/events",
        "/console/links/events",
        "/console/onsite/events",
        "/console/billing/events",
        "/dashboard/live",
    ]
    pages = [f"/console/session/{s}/events" for mine in sessions for s in mine] + rooms
    per_admin = -(-(STAFF_STREAMS - len(plan)) // len(admins))
    for index in range(STAFF_STREAMS - len(plan)):
        plan.append((admins[index // per_admin], pages[index % len(pages)]))
    return plan


def _kind(path: str) -> str:
    if path.startswith("/console/session/"):
        return "session"
    if path == "/chat/events":
        return "chat"
    return path.removesuffix("/events").rsplit("/", 1)[-1]


async def _hold(load: Load, http: aiohttp.ClientSession, base: str, path: str) -> None:
    """Hold a page's event stream open, counting its events, until cancelled."""
    started = time.monotonic()
    headers = {"Accept": "text/event-stream"}
    async with http.get(base + path, headers=headers) as response:
        load.took(f"GET {_kind(path)} stream (answer)", time.monotonic() - started)
        load.expect(path, response.status, 200)
        while True:
            line = await response.content.readline()
            if not line:
                if not load.stop.is_set():
                    load.problems.append(f"{path}: the stream ended")
                return
            if line.startswith(b"data: "):
                load.events[_kind(path)] += 1


async def _pause(load: Load, low: float, high: float) -> bool:
    """Sleep a random while; False once the load stops."""
    try:
        await asyncio.wait_for(load.stop.wait(), random.uniform(low, high))
    except TimeoutError:
        return True
    return False


async def _chatting(load: Load, client: Browser, number: int) -> None:
    """A client writes now and then and reloads the history."""
    sent = 0
    while await _pause(load, *CLIENT_PAUSE):
        sent += 1
        body = {"text": f"Mensagem {sent} do cliente {number}", "message_id": secrets.token_hex(8)}
        status, _ = await load.timed("POST /chat/send", client.post("/chat/send", body))
        load.expect("POST /chat/send", status, 200)
        if sent % 3 == 0:
            await load.timed("GET /chat/history", client.history())


async def _answering(load: Load, consultant: StaffBrowser, mine: list[int], number: int) -> None:
    """A consultant answers in their sessions and reloads the conversation, like the page."""
    sent = 0
    while await _pause(load, *CONSULTANT_PAUSE):
        sent += 1
        session_id = mine[sent % len(mine)]
        form = {
            "text": f"Resposta {sent} do consultor {number}",
            "csrf_token": consultant.csrf,
            "nonce": secrets.token_urlsafe(12),
        }
        url = f"{consultant.base_url}/console/session/{session_id}/send"
        status = await load.timed(
            "POST /console/session/send", _post_status(consultant.http, url, form)
        )
        load.expect("POST /console/session/send", status, 303)
        status, _ = await load.timed(
            "GET /console/session (part)", consultant.get(f"/console/session/{session_id}?part=1")
        )
        load.expect("GET /console/session (part)", status, 200)


async def _post_status(http: aiohttp.ClientSession, url: str, form: dict[str, str]) -> int:
    async with http.post(url, data=form, allow_redirects=False) as response:
        await response.read()
        return response.status


async def _browsing(load: Load, admin: StaffBrowser, session_ids: list[int]) -> None:
    """A manager opens the console's and dashboard's pages."""
    pages = [
        "/dashboard",
        "/console",
        "/console/support?part=1",
        "/console/links?part=1",
        "/console/billing?part=1",
        *(f"/console/session/{s}?part=1" for s in session_ids),
    ]
    while await _pause(load, 1.0, 3.0):
        page = random.choice(pages)
        what = "GET " + page.split("?")[0].rstrip("0123456789/")
        status, _ = await load.timed(what, admin.get(page))
        load.expect(page, status, 200)


async def _signing_in(load: Load, world: WebWorld, browsers: list[aiohttp.ClientSession]) -> None:
    """A staff member signs in on a new browser every few seconds."""
    await given_account(world, "recepcao", roles=("secretary",))
    while await _pause(load, 2.0, 4.0):
        http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        browsers.append(http)
        staff = StaffBrowser(http, world.base_url)
        status, _ = await load.timed("GET /login", staff.get("/login"))
        load.expect("GET /login", status, 200)
        form = {"login": "recepcao", "password": PASSWORD, "csrf_token": staff.csrf}
        status = await load.timed(
            "POST /login", _post_status(http, f"{world.base_url}/login", form)
        )
        load.expect("POST /login", status, 303)


async def _telegram(load: Load, telegram: FakeTelegram, code: str) -> None:
    """Telegram users link with the access code, then write; each answer's delay is kept."""
    chats = [7_000_000 + n for n in range(TELEGRAM_USERS)]
    for chat in chats:
        await _telegram_say(load, telegram, chat, f"/start {code}", command=True)
    while await _pause(load, *TELEGRAM_PAUSE):
        chat = random.choice(chats)
        line = random.choice(["/ajuda", "/menu", "Bom dia, tudo bem?"])
        await _telegram_say(load, telegram, chat, line, command=line.startswith("/"))


async def _telegram_say(
    load: Load, telegram: FakeTelegram, chat: int, line: str, *, command: bool
) -> None:
    before = len(telegram.sent_to(chat, "sendMessage", "editMessageText"))
    update = command_update(chat, line)
    if not command:
        del update["message"]["entities"]
    started = time.monotonic()
    telegram.queue_update(update)
    while len(telegram.sent_to(chat, "sendMessage", "editMessageText")) == before:
        if time.monotonic() - started > 10:
            load.problems.append(f"telegram {chat}: {line!r} not answered in 10 s")
            return
        await asyncio.sleep(0.01)
    load.telegram_replies.append(time.monotonic() - started)


async def _clock(load: Load, runtime: Runtime, clock: ManualClock) -> None:
    """Fake time moves on: sign-ins slide, queue updates and reminders come due."""
    moved = timedelta()
    while await _pause(load, 1.0, 1.0) and moved < CLOCK_LIMIT:
        clock.advance(CLOCK_STEP)
        moved += CLOCK_STEP
        runtime.wake()


async def _lag(load: Load) -> None:
    """How late the event loop wakes a sleeper (the process is the bot and all its visitors)."""
    while not load.stop.is_set():
        started = time.monotonic()
        await asyncio.sleep(0.1)
        load.loop_lag.append(time.monotonic() - started - 0.1)


async def _sample_transactions(load: Load, db: Database) -> None:
    while await _pause(load, 0.5, 0.5):
        load.idle_in_transaction.append(await _in_transaction(db))
        load.stuck_in_transaction.append(await _in_transaction(db, STUCK))


async def _in_transaction(db: Database, longer_than: float = 0.0) -> int:
    """Connections of the bot's PostgreSQL database idle in a transaction for longer than
    ``longer_than`` seconds (0 on SQLite)."""
    if db.dialect != "postgresql":
        return 0
    connection = await asyncpg.connect(asyncpg_dsn(db.url))
    try:
        return int(
            await connection.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
                " AND state_change < clock_timestamp() - make_interval(secs => $1)",
                longer_than,
            )
        )
    finally:
        await connection.close()


async def _drained(db: Database) -> bool:
    return await unfinished(db) == 0


async def _pools_idle(db: Database) -> bool:
    engines: list[AsyncEngine] = [db.engine]
    if db.read_engine is not None:
        engines.append(db.read_engine)
    return all(engine.sync_engine.pool.checkedout() == 0 for engine in engines)  # type: ignore[attr-defined]


async def _until(condition: Callable[[], Awaitable[bool]], what: str, seconds: float) -> None:
    started = time.monotonic()
    while not await condition():
        assert time.monotonic() - started < seconds, f"timed out waiting for: {what}"
        await asyncio.sleep(0.05)


async def _until_value(
    value: Callable[[], Awaitable[int | None]], what: str, seconds: float = 10
) -> int:
    started = time.monotonic()
    while (found := await value()) is None:
        assert time.monotonic() - started < seconds, f"timed out waiting for: {what}"
        await asyncio.sleep(0.05)
    return found

"""SIGKILL mid-run, then started again: nothing lost; doubles only inside the at-least-once window.

Slow (about 10-20 s each): real bot processes (``tests.e2e.bot_process``: the Runtime as
``consultoria run`` builds it) in HTTP mode (Telegram webhook, Slack events) against the fakes
in this test. Two sessions; clients and consultants exchange marked messages; mid-run one
process is killed with SIGKILL and started again. On SQLite one process (the traffic during
the outage is redelivered, as the platforms do); on PostgreSQL two processes share the traffic
and one of them is killed.

At-least-once, honestly: an outbox row the killed process had claimed (status ``sending``) may
have reached the platform before the kill without its result being recorded; it is sent again
once its lease (3 s here) expires. So: no marker may be missing, and the markers received twice
must be at most the rows that were in flight at the kill (counted in the database right after).
One loss is known and reported as xfail (see ``KNOWN_LOSS``): Slack events acknowledged before
their listener ran.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

import aiohttp
import pytest
from sqlmodel import col, select

from core.clock import ManualClock
from core.db import Database
from core.models import BillingRecord, Outbound
from tests.e2e.harness import CHANNELS, SECRET, settings_values
from tests.e2e.processes import WEBHOOK_SECRET, Balancer, BotProcess, process_env
from tests.fakes import slack_signing as signing
from tests.fakes.slack_server import FakeSlack
from tests.fakes.telegram_server import FakeTelegram
from tests.scenario import World
from tests.scenarios.sessions_helpers import ANA, BETO, BRUNO, CARLA, claimed, given_cast, queued

pytestmark = pytest.mark.slow
MESSAGES = 25
KILL_AT = 10
KNOWN_LOSS = (
    "Known defect: in HTTP mode bolt acknowledges an event (200) before its listener runs "
    "(adapters/slack/app.py: process_before_response=False), so an event acknowledged just "
    "before a SIGKILL is never relayed and Slack does not retry it."
)


def _update(chat: str, number: int, text: str) -> dict[str, object]:
    person = {"id": int(chat), "is_bot": False, "first_name": "Cliente", "language_code": "pt-br"}
    message = {
        "message_id": number,
        "date": int(time.time()),
        "chat": {"id": int(chat), "type": "private", "first_name": "Cliente"},
        "from": person,
        "text": text,
    }
    return {"update_id": 10_000 + int(chat) * 100 + number, "message": message}


def _reply(user: str, text: str, thread: str, n: int) -> dict[str, object]:
    ts = f"1700001000.{n:06d}"
    return {
        "type": "message",
        "channel": CHANNELS["requests"],
        "channel_type": "channel",
        "user": user,
        "text": text,
        "ts": ts,
        "thread_ts": thread,
        "event_ts": ts,
    }


async def _threads(db: Database, sessions: list[int], limit: float = 20.0) -> list[str]:
    """The sessions' Slack threads, once a process has delivered the request cards."""
    from core.models import ConsultingSession

    deadline = time.monotonic() + limit
    while True:
        async with db.uow() as uow:
            found = {
                s.id: s.thread_ref
                for s in (await uow.session.exec(select(ConsultingSession))).all()
            }
        if all(found.get(s) for s in sessions):
            return [str(found[s]) for s in sessions]
        assert time.monotonic() < deadline, "request cards never delivered"
        await asyncio.sleep(0.1)


async def _in_flight(db: Database, worker: str) -> int:
    async with db.uow() as uow:
        statement = select(Outbound.id).where(
            col(Outbound.status) == "sending", col(Outbound.claimed_by) == worker
        )
        return len((await uow.session.exec(statement)).all())


async def _unfinished(db: Database) -> int:
    async with db.uow() as uow:
        statement = select(Outbound.id).where(col(Outbound.status).in_(("pending", "sending")))
        return len((await uow.session.exec(statement)).all())


async def test_sigkill_mid_run_and_restart(
    db: Database, clock: ManualClock, tmp_path: Path
) -> None:
    started = time.monotonic()
    world = World.build(db, clock)
    cast = await given_cast(world)
    pairs = [(ANA.id, BRUNO, "Custos"), (BETO.id, CARLA, "Estoque")]
    sessions = []
    for (_chat, user, area), address in zip(pairs, (ANA, BETO), strict=True):
        sessions.append(await claimed(world, await queued(world, cast, address, area), user))

    telegram, slack = FakeTelegram(), FakeSlack()
    await telegram.start()
    await slack.start()
    count = 2 if db.dialect == "postgresql" else 1
    offset = clock.now().timestamp() - time.time()
    processes = []
    for index in range(count):
        values = settings_values(telegram, slack, db.url)
        values.update(
            telegram_mode="webhook",
            telegram_webhook_url="https://bot.example.com/telegram/webhook",
            telegram_webhook_secret=WEBHOOK_SECRET,
            telegram_chat_interval_seconds=0,
            worker_name=f"e2e-proc-{index}",
            log_level="WARNING",
        )
        env = process_env(values, E2E_CLOCK_OFFSET=str(offset), E2E_LEASE="3")
        processes.append(BotProcess(f"bot{index}", env, tmp_path))
    try:
        await asyncio.gather(*(p.start() for p in processes))
        threads = await _threads(db, sessions)
        async with aiohttp.ClientSession() as http:
            balancer = Balancer(processes, http)
            in_flight = 0
            for n in range(1, MESSAGES + 1):
                if n == KILL_AT:
                    victim = processes[0]
                    victim.kill()
                    await victim.process.wait()  # type: ignore[union-attr]
                    in_flight = await _in_flight(db, "e2e-proc-0")
                    if count == 1:  # the outage: what arrives now fails and is redelivered
                        for (chat, user, _), thread in zip(pairs, threads, strict=True):
                            await balancer.update(_update(chat, 90, f"[c{chat}-down]"))
                            await balancer.event(
                                SECRET, _reply(user, f"[s{chat}-down]", thread, 90), f"Ev{chat}down"
                            )
                    await victim.start()
                    await balancer.redeliver()
                for (chat, user, _), thread in zip(pairs, threads, strict=True):
                    await balancer.update(_update(chat, n, f"[c{chat}-{n:02d}]"))
                    await balancer.event(
                        SECRET, _reply(user, f"[s{chat}-{n:02d}]", thread, n), f"Ev{chat}{n:03d}"
                    )
            for _ in range(20):
                if not balancer.failed:
                    break
                await asyncio.sleep(0.2)
                await balancer.redeliver()
            assert not balancer.failed

            deadline = time.monotonic() + 45
            while await _unfinished(db):
                assert time.monotonic() < deadline, "outbox never emptied"
                await asyncio.sleep(0.1)

            markers = Counter[str]()
            for (chat, _, _), thread in zip(pairs, threads, strict=True):
                for text in (str(m.get("text", "")) for m in telegram.chat_log(chat)):
                    markers.update(w for w in text.split() if w.startswith("[s"))
                for call in slack.posted(CHANNELS["requests"], thread):
                    if call.result.get("ok"):
                        markers.update(
                            w for w in str(call.args.get("text")).split() if w.startswith("[c")
                        )
            expected = {
                f"[{side}{chat}-{n:02d}]"
                for chat, _, _ in pairs
                for side in "cs"
                for n in range(1, MESSAGES + 1)
            }
            if count == 1:
                expected |= {f"[{side}{chat}-down]" for chat, _, _ in pairs for side in "cs"}
            missing = expected - set(markers)
            doubled = {m: c for m, c in markers.items() if c > 1}
            assert not {m for m in missing if m.startswith("[c")}, f"lost: {sorted(missing)}"
            lost_events = sorted(missing)  # consultant replies only: see KNOWN_LOSS
            assert sum(c - 1 for c in doubled.values()) <= in_flight, (doubled, in_flight)

            for (_chat, user, _), thread, session_id in zip(pairs, threads, sessions, strict=True):
                payload = signing.block_action(
                    f"end:{session_id}",
                    user_id=user,
                    channel_id=CHANNELS["requests"],
                    message_ts=thread,
                    thread_ts=thread,
                    action_ts=f"1700002000.{session_id:06d}",
                )
                assert await balancer.interactive(SECRET, payload)
            deadline = time.monotonic() + 30
            while await _unfinished(db) or len(slack.posted(CHANNELS["billing"])) < len(pairs):
                assert time.monotonic() < deadline, "billing never finished"
                await asyncio.sleep(0.1)
            async with db.uow() as uow:
                records = (await uow.session.exec(select(BillingRecord))).all()
            assert Counter(r.session_id for r in records) == Counter(sessions)
            assert len(slack.posted(CHANNELS["billing"])) == len(pairs)
            for chat, _, _ in pairs:
                summaries = [
                    m for m in telegram.chat_log(chat) if "Resumo da cobrança" in str(m.get("text"))
                ]
                assert len(summaries) == 1
        statuses = [await p.terminate() for p in processes]
        assert statuses == [0] * count
        figures = {
            "processes": count,
            "seconds": round(time.monotonic() - started, 1),
            "relays": len(expected),
            "in_flight_at_kill": in_flight,
            "doubled": sum(c - 1 for c in doubled.values()),
            "lost_slack_events": lost_events,
            "refused_deliveries": balancer.refused,
        }
        print("sigkill figures:", figures)
        if lost_events:
            pytest.xfail(f"{KNOWN_LOSS} Lost here: {lost_events}")
    finally:
        for process in processes:
            if process.alive:
                process.kill()
        await telegram.stop()
        await slack.close()

"""The README's first run, timed: from a fresh clone to a client's message relayed into Slack.

    python scripts/walkthrough.py [--repo PATH] [--keep]

Clones the repository (default: the one holding this script; a clean clone of its HEAD, so
uncommitted changes are not part of the run) into a temporary directory, starts the project's
own fake Telegram Bot API and fake Slack (``tests/fakes`` of the clone) on 127.0.0.1, and follows
"First run in 15 minutes" as a new operator would, timing each step with ``time.monotonic()``:
``./run.sh`` once (creates ``.venv`` from the lock: the long part) and Ctrl-C, ``cp .env.example
.env``, ``consultoria setup telegram --token-file``, ``consultoria setup slack`` (the printed
manifest is "installed" in the fake Slack: its scopes become the token's), the tokens and channel
ids in ``.env``, ``setup slack`` again, ``doctor``, ``company add`` (its ``t.me`` link must name
the bot ``getMe`` returned), ``consultant add``, then ``./run.sh`` in the background. A client
on the fake Telegram sends ``/start CODE``, picks an area, describes the need, accepts the terms
and waits in the queue; the consultant clicks *Aceitar* on the request card (a Socket Mode
envelope from the fake Slack); the client's next message must appear in the session's Slack
thread. Then it prints the steps with their seconds and the total, stops the bot (SIGTERM) and
removes the clone unless ``--keep``. Exit status 0 only when the message was relayed.

What a real operator does differently: the tokens are the fakes' ones, the API base URLs in
``.env`` point at the fakes, the first ``./run.sh`` serves the web chat on a free port instead of
8080 (the machine may be shared), and the opening hours cover the whole week with no holidays, so
the client reaches the queue at any hour. ``--keep`` keeps the clone and ``walkthrough.log``
(every command's output, the bot's log, what the client's chat and the Slack thread show).

Needs aiohttp in the Python running it (the fakes); without it, the repository's ``.venv`` is
used when there is one.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import importlib.util
import itertools
import json
import os
import re
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar
from urllib.parse import unquote

HERE = Path(__file__).resolve().parent.parent
TOKEN = "7000000001:AAWalkthrough-fake-token-0123456789abc"  # noqa: S105 - the fake's token
SLACK_BOT_TOKEN = "xoxb-walkthrough"  # noqa: S105 - the fake's token
SLACK_APP_TOKEN = "xapp-walkthrough"  # noqa: S105 - the fake's token
CHANNELS = {
    "REQUESTS": "C0WALKREQ",
    "SUPPORT": "C0WALKSUP",
    "BILLING": "C0WALKBIL",
    "ONSITE": "C0WALKONS",
    "LINKS": "C0WALKLNK",
}
CONSULTANT = "U0WALK001"
CONSULTANT_NAME = "Ana Walkthrough"
CHAT = "770001"
RELAYED = "Bom dia, o custo do mês não fecha com o estoque."
INSTALL_LIMIT = 1800.0
STEP_LIMIT = 180.0
T = TypeVar("T")


class WalkError(Exception):
    """A step did not do what the README says it does."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_environment() -> dict[str, str]:
    """This shell's environment without our settings or the running Python's venv."""
    venv = os.environ.get("VIRTUAL_ENV", "")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("CONSULTORIA_") and key not in ("VIRTUAL_ENV", "PYTHONPATH")
    }
    if venv:
        paths = env.get("PATH", "").split(os.pathsep)
        env["PATH"] = os.pathsep.join(p for p in paths if p != str(Path(venv) / "bin"))
    return env


def set_values(path: Path, values: dict[str, str]) -> None:
    """Set ``KEY=value`` lines of an env file in place (appended when the key is missing)."""
    lines: list[str] = []
    done: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        key = line.split("=", 1)[0].strip()
        if key in values and not line.lstrip().startswith("#"):
            done.add(key)
            lines.append(f"{key}={values[key]}")
        else:
            lines.append(line)
    lines += [f"{key}={value}" for key, value in values.items() if key not in done]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class Walk:
    """One walkthrough: the clone, the fakes, the bot process, the timings."""

    root: Path
    repo: Path
    env: dict[str, str] = field(default_factory=clean_environment)
    timings: list[tuple[str, float, bool]] = field(default_factory=list)
    telegram: Any = None
    slack: Any = None
    keep: bool = False
    signing: Any = None
    bot_username: str = ""
    bot: asyncio.subprocess.Process | None = None
    drains: list[asyncio.Task[None]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def clone(self) -> Path:
        """The fresh clone."""
        return self.root / "consultoria"

    @property
    def log(self) -> Path:
        """Everything the commands printed."""
        return self.root / "walkthrough.log"

    def note(self, text: str) -> None:
        """Append to the log."""
        with self.log.open("a", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")

    async def step(self, name: str, work: Callable[[], Awaitable[T]]) -> T:
        """Run one timed step."""
        print(f"-> {name}", flush=True)
        self.note(f"\n===== {name}")
        start, ok = time.monotonic(), False
        try:
            result = await work()
            ok = True
            return result
        finally:
            self.timings.append((name, time.monotonic() - start, ok))

    # -- commands ----------------------------------------------------------------------------

    async def run(
        self, *argv: str, limit: float = STEP_LIMIT, cwd: Path | None = None
    ) -> tuple[str, str]:
        """Run a command in the clone; its stdout and stderr (a non-zero exit is an error)."""
        self.note("$ " + " ".join(argv))
        try:
            process = await asyncio.create_subprocess_exec(
                *argv,
                cwd=cwd or self.clone,
                env=self.env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
        except OSError as error:
            raise WalkError(f"{' '.join(argv)}: {error}") from None
        try:
            out, err = await asyncio.wait_for(process.communicate(), limit)
        except TimeoutError:
            process.kill()
            await process.wait()
            raise WalkError(f"{' '.join(argv)}: no answer in {limit:.0f} s") from None
        stdout, stderr = out.decode(errors="replace"), err.decode(errors="replace")
        self.note(stdout + stderr)
        if process.returncode != 0:
            raise WalkError(f"{' '.join(argv)} exited {process.returncode}:\n{stdout}{stderr}")
        return stdout, stderr

    async def consultoria(self, *args: str) -> tuple[str, str]:
        """``.venv/bin/consultoria ARGS`` in the clone."""
        return await self.run(str(self.clone / ".venv" / "bin" / "consultoria"), *args)

    async def start(self, extra_env: dict[str, str]) -> asyncio.subprocess.Process:
        """``./run.sh`` in its own process group (as a terminal's foreground job)."""
        self.note("$ ./run.sh")
        return await asyncio.create_subprocess_exec(
            "./run.sh",
            cwd=self.clone,
            env=self.env | extra_env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )

    async def until_line(self, process: asyncio.subprocess.Process, marker: str) -> str:
        """Read the process's output into the log until a line holds ``marker``."""
        assert process.stdout is not None
        tail: list[str] = []
        while True:
            raw = await process.stdout.readline()
            if not raw:
                await process.wait()
                shown = "".join(tail[-30:])
                raise WalkError(f"./run.sh exited {process.returncode} first:\n{shown}")
            line = raw.decode(errors="replace")
            self.note(line)
            tail.append(line)
            if marker in line:
                return line

    def drain(self, process: asyncio.subprocess.Process) -> None:
        """Keep copying the process's output into the log."""

        async def copy() -> None:
            assert process.stdout is not None
            async for raw in process.stdout:
                self.note(raw.decode(errors="replace"))

        self.drains.append(asyncio.create_task(copy()))

    async def stop(self, process: asyncio.subprocess.Process, number: signal.Signals) -> int:
        """Signal the process group and wait for the exit (killed after 60 s)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, number)
        try:
            return await asyncio.wait_for(process.wait(), 60)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
            raise WalkError(f"./run.sh did not stop on {number.name} within 60 s") from None

    async def until(self, condition: Callable[[], bool], what: str) -> None:
        """Wait until ``condition`` holds (the bot still running); fail naming ``what``."""
        deadline = time.monotonic() + STEP_LIMIT
        while not condition():
            if self.bot is not None and self.bot.returncode is not None:
                raise WalkError(f"the bot exited ({self.bot.returncode}) before: {what}")
            if time.monotonic() > deadline:
                raise WalkError(f"timed out waiting for: {what}")
            await asyncio.sleep(0.05)

    # -- the client on Telegram, the consultant on Slack --------------------------------------

    def update(self, **content: Any) -> None:
        """The client's message (text, command...) queued at the fake for the bot's polling."""
        person = {
            "id": int(CHAT),
            "is_bot": False,
            "first_name": "Carlos",
            "language_code": "pt-br",
        }
        message = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": {"id": int(CHAT), "type": "private", "first_name": "Carlos"},
            "from": person,
            **content,
        }
        self.telegram.queue_update({"message": message})

    def command(self, line: str) -> None:
        """The client sends a command such as ``/start CODE``."""
        entity = {"type": "bot_command", "offset": 0, "length": len(line.split()[0])}
        self.update(text=line, entities=[entity])

    def buttons(self) -> list[tuple[str, str, dict[str, Any]]]:
        """(label, data, message) of every button in the client's chat, oldest message first."""
        return [
            (str(button.get("text", "")), str(button.get("callback_data", "")), message)
            for message in self.telegram.chat_log(CHAT)
            for row in message.get("reply_markup", {}).get("inline_keyboard", [])
            for button in row
        ]

    def button(self, prefix: str, label: str = "") -> tuple[str, dict[str, Any]] | None:
        """The newest button whose data starts with ``prefix`` (and whose label is ``label``)."""
        found = [
            (data, message)
            for text, data, message in self.buttons()
            if data.startswith(prefix) and (not label or text == label)
        ]
        return found[-1] if found else None

    def texts(self) -> list[str]:
        """The texts the client's chat shows."""
        return [str(m.get("text", "")) for m in self.telegram.chat_log(CHAT)]

    async def press(self, prefix: str, what: str, label: str = "") -> str:
        """Wait for a button, press it, wait until the bot answered the press: its data."""
        await self.until(lambda: self.button(prefix, label) is not None, what)
        found = self.button(prefix, label)
        assert found is not None
        data, shown = found
        query_id = f"cq{next(self._ids)}"
        query = {
            "id": query_id,
            "from": {"id": int(CHAT), "is_bot": False, "first_name": "Carlos"},
            "chat_instance": f"ci{CHAT}",
            "data": data,
            "message": {
                "message_id": shown["message_id"],
                "date": shown["date"],
                "chat": {"id": int(CHAT), "type": "private"},
                "from": shown["from"],
                "text": shown.get("text", ""),
            },
        }
        self.telegram.queue_update({"callback_query": query})
        await self.until(
            lambda: any(
                call.params.get("callback_query_id") == query_id
                for call in self.telegram.calls_of("answerCallbackQuery")
            ),
            f"the bot's answer to the button {data}",
        )
        return data

    def cards(self) -> list[Any]:
        """Request cards posted (successfully) to the requests channel, outside threads."""
        return [
            call
            for call in self.slack.posted(CHANNELS["REQUESTS"])
            if call.result.get("ok") and not call.args.get("thread_ts")
        ]

    def in_thread(self, thread: str) -> list[str]:
        """Texts posted (successfully) in the session's thread."""
        return [
            str(call.args.get("text", ""))
            for call in self.slack.posted(CHANNELS["REQUESTS"], thread)
            if call.result.get("ok")
        ]


# -- the steps ---------------------------------------------------------------------------------


async def clone_repository(walk: Walk) -> None:
    """``git clone`` of the repository's HEAD."""
    head, _ = await walk.run("git", "rev-parse", "HEAD", cwd=walk.repo)
    await walk.run("git", "clone", "--quiet", str(walk.repo), str(walk.clone), cwd=walk.root)
    await walk.run("git", "checkout", "--quiet", "--detach", head.strip())


def load_fake(walk: Walk, name: str) -> ModuleType:
    """A module of the clone's ``tests/fakes``."""
    if str(walk.clone) not in sys.path:
        sys.path.insert(0, str(walk.clone))
    return importlib.import_module(f"tests.fakes.{name}")


async def start_fakes(walk: Walk) -> None:
    """The fake Telegram Bot API and the fake Slack, on 127.0.0.1."""
    telegram = load_fake(walk, "telegram_server")
    walk.telegram = telegram.FakeTelegram(token=TOKEN)
    walk.bot_username = str(telegram.BOT_USER["username"])
    walk.slack = load_fake(walk, "slack_server").FakeSlack(
        token=SLACK_BOT_TOKEN, app_token=SLACK_APP_TOKEN
    )
    walk.signing = load_fake(walk, "slack_signing")
    await walk.telegram.start()
    await walk.slack.start()


async def first_run(walk: Walk) -> None:
    """``./run.sh`` once: .venv from the lock, the database; Ctrl-C once it serves."""
    process = await walk.start({"CONSULTORIA_HTTP_PORT": str(free_port())})
    try:
        line = await asyncio.wait_for(
            walk.until_line(process, "Consultoria Online: http"), INSTALL_LIMIT
        )
    except TimeoutError:
        await walk.stop(process, signal.SIGKILL)
        raise WalkError(f"./run.sh did not serve within {INSTALL_LIMIT:.0f} s") from None
    walk.note(f"(seen: {line.strip()}; Ctrl-C)")
    walk.drain(process)
    code = await walk.stop(process, signal.SIGINT)
    if code != 0:
        raise WalkError(f"./run.sh exited {code} after Ctrl-C")
    for needed in (".venv/bin/consultoria", "data/consultoria.db"):
        if not (walk.clone / needed).exists():
            raise WalkError(f"the first ./run.sh did not create {needed}")


async def copy_env(walk: Walk) -> None:
    """``cp .env.example .env``, pointed at the fakes (what a real operator does not do)."""
    shutil.copyfile(walk.clone / ".env.example", walk.clone / ".env")
    set_values(
        walk.clone / ".env",
        {
            "CONSULTORIA_TELEGRAM_API_BASE_URL": walk.telegram.base_url,
            "CONSULTORIA_TELEGRAM_FILE_BASE_URL": walk.telegram.base_file_url,
            "CONSULTORIA_SLACK_API_BASE_URL": walk.slack.base_url,
            "CONSULTORIA_OPENING_HOURS": "mon-sun 00:00-23:59",
            "CONSULTORIA_HOLIDAY_COUNTRY": "",
        },
    )


async def setup_telegram(walk: Walk) -> None:
    """``setup telegram --token-file``: getMe, the username stored; the token put in .env."""
    token_file = walk.root / "telegram-token.txt"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    out, _ = await walk.consultoria("setup", "telegram", "--token-file", str(token_file))
    username = walk.bot_username
    if not walk.telegram.calls_of("getMe") or username not in out:
        raise WalkError(f"setup telegram did not report the bot's username:\n{out}")
    if not walk.telegram.calls_of("setMyCommands"):
        raise WalkError("setup telegram did not register the menu commands")
    set_values(walk.clone / ".env", {"CONSULTORIA_TELEGRAM_TOKEN": TOKEN})


async def setup_slack_manifest(walk: Walk) -> None:
    """``setup slack``: the manifest, "installed" (its bot scopes are the token's); tokens and
    channel ids in .env."""
    out, _ = await walk.consultoria("setup", "slack")
    manifest = json.loads(out)
    walk.slack.scopes = list(manifest["oauth_config"]["scopes"]["bot"])
    values = {
        "CONSULTORIA_SLACK_BOT_TOKEN": SLACK_BOT_TOKEN,
        "CONSULTORIA_SLACK_APP_TOKEN": SLACK_APP_TOKEN,
    }
    values |= {f"CONSULTORIA_SLACK_{name}_CHANNEL": id_ for name, id_ in CHANNELS.items()}
    set_values(walk.clone / ".env", values)


async def setup_slack_check(walk: Walk) -> None:
    """``setup slack`` again: the token, its scopes and each channel checked (exit 0)."""
    await walk.consultoria("setup", "slack")
    if not walk.slack.calls_to("conversations.info"):
        raise WalkError("setup slack did not check the channels")


async def doctor(walk: Walk) -> None:
    """``doctor``: every line ok (exit 0)."""
    await walk.consultoria("doctor")


async def company_add(walk: Walk) -> str:
    """``company add``: the access code, from the printed t.me link of the fake's bot."""
    out, _ = await walk.consultoria(
        "company", "add", "--name", "Metalúrgica Walkthrough",
        "--product-line", "industrial", "--rate", "180,00",
    )  # fmt: skip
    found = re.search(r"https://t\.me/(\w+)\?start=(\S+)", out)
    if found is None or found.group(1) != walk.bot_username:
        raise WalkError(f"company add printed no t.me link of the bot:\n{out}")
    return unquote(found.group(2))


async def consultant_add(walk: Walk) -> None:
    """``consultant add`` for the consultant's Slack user."""
    await walk.consultoria(
        "consultant", "add", "--slack-user", CONSULTANT, "--name", CONSULTANT_NAME,
        "--areas", "Custos,Estoque",
    )  # fmt: skip


async def start_bot(walk: Walk) -> None:
    """``./run.sh`` in the background: up once Slack's socket is open and Telegram is polled."""
    polled = len(walk.telegram.calls_of("getUpdates"))
    walk.bot = await walk.start({})
    walk.drain(walk.bot)
    await walk.until(
        lambda: bool(walk.slack.sockets) and len(walk.telegram.calls_of("getUpdates")) > polled,
        "the bot connected to Slack (Socket Mode) and polling Telegram",
    )


async def client_queues(walk: Walk, code: str) -> int:
    """/start CODE, *Consultoria*, an area, the need, the terms accepted: in the queue."""
    walk.command(f"/start {code}")
    await walk.press("menu:consult", "the menu after /start CODE")
    area = await walk.press("area:", "the areas", label="Custos")
    request_id = int(area.split(":")[1])
    walk.update(text="Preciso fechar o custo do mês.")
    await walk.press(f"terms_ok:{request_id}", "the terms")
    await walk.until(lambda: walk.button("leave:") is not None, "the queue position")
    return request_id


async def consultant_accepts(walk: Walk, request_id: int) -> str:
    """*Aceitar* on the request card (a Socket Mode envelope): the session thread's ts."""
    await walk.until(lambda: bool(walk.cards()), "the request card in Slack")
    card_ts = str(walk.cards()[-1].result["ts"])
    payload = walk.signing.block_action(
        f"claim:{request_id}",
        user_id=CONSULTANT,
        channel_id=CHANNELS["REQUESTS"],
        message_ts=card_ts,
        action_ts=f"{time.time():.6f}",
        trigger_id="trigger.walkthrough",
    )
    envelope = {"envelope_id": "walk-claim", "type": "interactive", "payload": payload}
    await walk.slack.push(envelope)
    await walk.slack.wait_ack("walk-claim", limit=STEP_LIMIT)
    await walk.until(
        lambda: any(CONSULTANT_NAME in text for text in walk.texts()),
        "the client told the consultant's name",
    )
    return card_ts


async def message_relayed(walk: Walk, thread: str) -> None:
    """The client's next message, in the session's Slack thread."""
    walk.update(text=RELAYED)
    await walk.until(
        lambda: any(RELAYED in text for text in walk.in_thread(thread)),
        "the client's message in the Slack thread",
    )


# -- the run -----------------------------------------------------------------------------------


async def walkthrough(walk: Walk) -> bool:
    """Every step; whether the message was relayed."""
    try:
        await walk.step("git clone (HEAD)", lambda: clone_repository(walk))
        await walk.step("fake Telegram + Slack up", lambda: start_fakes(walk))
        await walk.step("./run.sh first run (.venv from the lock), Ctrl-C", lambda: first_run(walk))
        await walk.step("cp .env.example .env (API URLs -> fakes)", lambda: copy_env(walk))
        await walk.step("consultoria setup telegram --token-file", lambda: setup_telegram(walk))
        await walk.step("consultoria setup slack (manifest; tokens, channels)",
                        lambda: setup_slack_manifest(walk))  # fmt: skip
        await walk.step("consultoria setup slack (checks)", lambda: setup_slack_check(walk))
        await walk.step("consultoria doctor", lambda: doctor(walk))
        code = await walk.step("consultoria company add (t.me link)", lambda: company_add(walk))
        await walk.step("consultoria consultant add", lambda: consultant_add(walk))
        await walk.step("./run.sh (bot up: Socket Mode + polling)", lambda: start_bot(walk))
        request_id = await walk.step(
            "client: /start CODE, area, need, terms -> queue", lambda: client_queues(walk, code)
        )
        thread = await walk.step(
            "consultant: Aceitar in Slack", lambda: consultant_accepts(walk, request_id)
        )
        await walk.step(
            "client's message in the Slack thread", lambda: message_relayed(walk, thread)
        )
    except WalkError as error:
        log = f"everything printed: {walk.log}" if walk.keep else "--keep keeps the full log"
        print(f"\nFAILED: {error}\n({log})", file=sys.stderr)
        return False
    return True


async def shut_down(walk: Walk) -> None:
    """Stop the bot (SIGTERM, waited for) and the fakes."""
    if walk.bot is not None and walk.bot.returncode is None:
        start = time.monotonic()
        code = await walk.stop(walk.bot, signal.SIGTERM)
        print(f"bot stopped (SIGTERM): exit {code} in {time.monotonic() - start:.1f} s")
    for task in walk.drains:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(task, 5)
    if walk.telegram is not None and walk.slack is not None:
        walk.note("\n===== the client's Telegram chat\n" + "\n---\n".join(walk.texts()))
        posted = [str(call.args.get("text", "")) for call in walk.slack.posted()]
        walk.note("\n===== posted in Slack\n" + "\n---\n".join(posted))
    if walk.telegram is not None:
        await walk.telegram.stop()
    if walk.slack is not None:
        await walk.slack.close()


def table(timings: list[tuple[str, float, bool]], relayed: bool) -> str:
    """The steps, their seconds and the total."""
    width = max([len(name) for name, _, _ in timings] + [40])
    rows = [f"{'step':<{width + 4}} {'seconds':>8}"]
    for number, (name, seconds, ok) in enumerate(timings, 1):
        mark = "" if ok else "  FAILED"
        rows.append(f"{number:>2}. {name:<{width}} {seconds:>8.1f}{mark}")
    total = sum(seconds for _, seconds, _ in timings)
    label = "total: clone -> message relayed" if relayed else "total (not relayed)"
    rows.append(f"{label:<{width + 4}} {total:>8.1f}")
    return "\n".join(rows)


async def main(repo: Path, keep: bool) -> int:
    """Walk, report, clean up; 0 when the message was relayed."""
    root = Path(tempfile.mkdtemp(prefix="walkthrough-"))
    walk = Walk(root=root, repo=repo, keep=keep)
    relayed = False
    try:
        relayed = await walkthrough(walk)
    finally:
        await shut_down(walk)
        print()
        print(table(walk.timings, relayed))
        if keep:
            print(f"\nkept: {walk.clone} (log: {walk.log})")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0 if relayed else 1


def ensure_aiohttp() -> None:
    """Re-run under the repository's .venv when this Python lacks aiohttp (the fakes need it)."""
    if importlib.util.find_spec("aiohttp") is not None:
        return
    python = HERE / ".venv" / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != (HERE / ".venv").resolve():
        os.execv(python, [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])  # noqa: S606
    sys.exit("walkthrough.py needs aiohttp (the fakes): run it with the project's .venv/bin/python")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=HERE, help="repository to clone (this one)")
    parser.add_argument("--keep", action="store_true", help="keep the clone and the log")
    arguments = parser.parse_args()
    if not (arguments.repo / ".git").exists():
        parser.error(f"--repo {arguments.repo}: not a git repository")
    ensure_aiohttp()
    sys.exit(asyncio.run(main(arguments.repo.resolve(), arguments.keep)))

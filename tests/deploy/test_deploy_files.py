"""deploy/: the systemd units and the reverse-proxy examples say what the bot really serves.

The units are read as systemd reads them (sections and keys; ``systemd-analyze verify`` where the
machine has it) and must run the console script the bootstrap installs. The nginx example is
parsed with nginx's own grammar (crossplane), and every path of the real HTTP server (its aiohttp
routes, the webhook paths of the settings) is resolved the way nginx picks a location: each must
reach the bot, the live pages' event streams unbuffered with a long read timeout, uploads with a
body limit that fits the bot's.
"""

from __future__ import annotations

import configparser
import json
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import crossplane  # type: ignore[import-untyped]
import pytest
from aiohttp import web

from adapters.api import OPENAPI_PATH
from adapters.slack.channel import EVENTS_PATH
from adapters.web.app import CLIENT_MAX_SIZE, build_web_app
from adapters.web.context import WebContext
from adapters.web.files import MAX_UPLOAD_BYTES
from adapters.web.stream import KEEPALIVE
from adapters.whatsapp.webhook import MAX_BODY as WHATSAPP_MAX_BODY
from bot.cli import app as cli_app
from bot.cli.run import BAD_SETTING_EXIT, MISSING_CHANNELS_EXIT
from bot.metrics import Metrics
from bot.settings import Settings
from bot.web import WebServer
from core.clock import ManualClock
from core.db import Database
from tests.scenario import World

ROOT = Path(__file__).parents[2]
DEPLOY = ROOT / "deploy"
UNITS = [DEPLOY / "systemd" / "consultoria.service", DEPLOY / "systemd" / "consultoria@.service"]
NGINX = DEPLOY / "nginx" / "consultoria.conf"
CADDY = DEPLOY / "caddy" / "Caddyfile"
UPSTREAM = "http://consultoria"
UPLOAD_FIELDS = 4 * 64 * 1024  # the console's upload form: the file plus a few small fields
HARDENING = {
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "PrivateTmp": "yes",
    "ProtectHome": "yes",
}


# --- systemd -------------------------------------------------------------------------------


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    return parser


def _exec_start(unit: configparser.ConfigParser) -> tuple[Path, list[str]]:
    """The program ExecStart runs and its arguments (past ``/usr/bin/env NAME=value ...``)."""
    words = shlex.split(unit["Service"]["ExecStart"])
    if words[0] == "/usr/bin/env":
        words = words[1:]
        while "=" in words[0]:
            words = words[1:]
    return Path(words[0]), words[1:]


@pytest.mark.parametrize("path", UNITS, ids=lambda path: path.name)
def test_a_unit_runs_the_bot_as_its_own_user_hardened_and_restarted_on_failure(path: Path) -> None:
    unit = _unit(path)
    assert set(unit.sections()) == {"Unit", "Service", "Install"}
    service = unit["Service"]
    assert service["User"] not in ("", "root") and service["Group"] == service["User"]
    assert service["EnvironmentFile"].startswith("/etc/")
    assert service["Restart"] == "on-failure"
    prevented = {int(status) for status in service["RestartPreventExitStatus"].split()}
    assert prevented == {BAD_SETTING_EXIT, MISSING_CHANNELS_EXIT}, "a wrong setting: no loop"
    for key, value in HARDENING.items():
        assert service[key] == value, key
    assert service["WorkingDirectory"] == f"/var/lib/{service['StateDirectory']}"
    assert service["KillSignal"] == "SIGTERM"
    assert int(service["TimeoutStopSec"]) >= 15, "the bot drains for up to ~15 s"
    assert unit["Install"]["WantedBy"]


@pytest.mark.parametrize("path", UNITS, ids=lambda path: path.name)
def test_a_unit_starts_the_console_script_the_bootstrap_installs(path: Path) -> None:
    program, arguments = _exec_start(_unit(path))
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert program.name in scripts, "the console script of pyproject.toml"
    assert program.parent.parts[-2:] == (".venv", "bin"), "the checkout's .venv (bootstrap.sh)"
    assert (Path(sys.prefix) / "bin" / program.name).is_file(), "what the venv layout holds"
    assert arguments == ["run"]
    assert "run" in {command.name for command in cli_app.registered_commands}


def test_the_template_gives_each_instance_its_port_and_worker_name() -> None:
    words = shlex.split(_unit(UNITS[1])["Service"]["ExecStart"])
    assert "CONSULTORIA_HTTP_PORT=%i" in words
    assert "CONSULTORIA_WORKER_NAME=%H-%i" in words
    assert {"http_port", "worker_name"} <= set(Settings.model_fields)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_itself_finds_nothing_wrong_in_the_units(tmp_path: Path) -> None:
    install = str(Path(sys.prefix).parent)  # where /opt/consultoria stands in this checkout
    names = []
    for source in [*UNITS, DEPLOY / "systemd" / "consultoria.target"]:
        text = source.read_text(encoding="utf-8").replace("/opt/consultoria", install)
        (tmp_path / source.name).write_text(text, encoding="utf-8")
        names.append(source.name.replace("@.", "@8081."))
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *[f"./{name}" for name in names]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


# --- nginx ---------------------------------------------------------------------------------


@dataclass
class Location:
    """One ``location`` block: its modifier, its path or pattern, its directives."""

    modifier: str
    pattern: str
    directives: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Server:
    """One ``server`` block."""

    directives: dict[str, list[list[str]]]
    locations: list[Location]

    def one(self, name: str) -> list[str]:
        """The arguments of the directive ``name`` (set once)."""
        (arguments,) = self.directives[name]
        return arguments

    def route(self, path: str) -> Location:
        """The location nginx picks for ``path``: exact, else regex (first), else longest prefix."""
        for location in self.locations:
            if location.modifier == "=" and location.pattern == path:
                return location
        prefixes = [
            location
            for location in self.locations
            if location.modifier in ("", "^~") and path.startswith(location.pattern)
        ]
        longest = max(prefixes, key=lambda location: len(location.pattern), default=None)
        if longest is not None and longest.modifier == "^~":
            return longest
        for location in self.locations:
            if location.modifier in ("~", "~*"):
                flags = re.IGNORECASE if location.modifier == "~*" else 0
                if re.search(location.pattern, path, flags):
                    return location
        assert longest is not None, f"no location for {path}"
        return longest


def _nginx() -> tuple[dict[str, Any], list[Server]]:
    # As installed: included inside nginx.conf's http block (conf.d/), where nginx checks it.
    with tempfile.TemporaryDirectory() as folder:
        main = Path(folder) / "nginx.conf"
        main.write_text(f"events {{}}\nhttp {{\n    include {NGINX};\n}}\n", encoding="utf-8")
        payload = crossplane.parse(str(main), comments=False, strict=True, check_ctx=True)
    assert payload["status"] == "ok", payload["errors"]
    (config,) = [c for c in payload["config"] if c["file"] == str(NGINX)]
    blocks = config["parsed"]
    upstreams = {b["args"][0]: b for b in blocks if b["directive"] == "upstream"}
    servers = []
    for block in blocks:
        if block["directive"] != "server":
            continue
        directives: dict[str, list[list[str]]] = {}
        locations = []
        for item in block["block"]:
            if item["directive"] == "location":
                *modifier, pattern = item["args"]
                own = {d["directive"]: d["args"] for d in item["block"]}
                locations.append(Location("".join(modifier), pattern, own))
            else:
                directives.setdefault(item["directive"], []).append(item["args"])
        servers.append(Server(directives, locations))
    return upstreams, servers


def _tls_server() -> Server:
    _, servers = _nginx()
    (server,) = [server for server in servers if "ssl_certificate" in server.directives]
    return server


def _bytes(size: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", size).groups()  # type: ignore[union-attr]
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def _seconds(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)(ms|s|m|h|d)?", value).groups()  # type: ignore[union-attr]
    return int(number) * {None: 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "ms": 0}[unit]


@pytest.fixture
def served_paths(db: Database, clock: ManualClock) -> list[tuple[str, str]]:
    """(method, a concrete path) for every route of the HTTP server a process runs."""
    world = World.build(db, clock)
    server = WebServer(
        db,
        Metrics(db, clock),
        host="127.0.0.1",
        port=0,
        web_app=build_web_app(WebContext(world.core)),
        core=world.core,
        metrics_token="scrape",  # /metrics is routed only with a token
    )
    return [
        (route.method, path)
        for route in server.app().router.routes()
        if route.method != "HEAD"
        for path in _samples(route.resource)
    ]


def _samples(resource: web.AbstractResource | None) -> list[str]:
    """Concrete paths the resource answers: each {placeholder} filled with a value it takes."""
    assert resource is not None
    info = resource.get_info()
    if "path" in info:
        return [str(info["path"])]
    if "prefix" in info:  # static files
        return [str(info["prefix"]) + "/app.css"]
    formatter, pattern = str(info["formatter"]), info["pattern"]
    names = re.findall(r"{(\w+)}", formatter)
    samples = [
        path
        for value in ("42", "onsite", "billing", "token_abc")
        if pattern.fullmatch(path := formatter.format(**dict.fromkeys(names, value)))
    ]
    assert samples, formatter
    return samples[:1] if samples[0].count("42") else samples  # an id, or each named choice


def _settings_webhook_paths() -> list[str]:
    defaults = Settings.model_fields
    return [str(info.default) for name, info in defaults.items() if name.endswith("_path")]


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_every_path_the_bot_serves_reaches_the_bot_through_nginx(
    served_paths: list[tuple[str, str]],
) -> None:
    upstreams, _ = _nginx()
    server = _tls_server()
    assert "consultoria" in upstreams and any(
        d["directive"] == "server" for d in upstreams["consultoria"]["block"]
    )
    webhooks = [*_settings_webhook_paths(), EVENTS_PATH, OPENAPI_PATH, "/api/v1/bookings"]
    assert {"/telegram/webhook", "/whatsapp/webhook", "/slack/events"} <= set(webhooks)
    paths = {path for _, path in served_paths} | set(webhooks)
    assert {"/chat", "/console", "/dashboard", "/healthz", "/metrics"} <= paths
    for path in sorted(paths):
        location = server.route(path)
        if path == "/metrics":
            assert location.directives.get("return") == ["404"], "metrics stay internal"
        else:
            assert location.directives.get("proxy_pass") == [UPSTREAM], path


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_event_streams_go_through_unbuffered_with_a_long_read_timeout(
    served_paths: list[tuple[str, str]],
) -> None:
    server = _tls_server()
    streams = {
        path
        for method, path in served_paths
        if method == "GET" and path.endswith(("/events", "/live"))
    }
    assert {"/chat/events", "/console/events", "/dashboard/live"} <= streams
    assert "/console/session/42/events" in streams
    for path in sorted(streams):
        location = server.route(path)
        assert location.directives.get("proxy_buffering") == ["off"], path
        (timeout,) = location.directives["proxy_read_timeout"]
        assert _seconds(timeout) >= 60 * KEEPALIVE, path
    (general,) = server.one("proxy_read_timeout")
    assert _seconds(general) > KEEPALIVE


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_body_limits_match_the_bots(served_paths: list[tuple[str, str]]) -> None:
    server = _tls_server()
    (limit,) = server.one("client_max_body_size")
    assert _bytes(limit) == CLIENT_MAX_SIZE >= WHATSAPP_MAX_BODY
    uploads = {path for method, path in served_paths if path.endswith("/upload")}
    assert {"/chat/upload", "/console/session/42/upload"} <= uploads
    for path in sorted(uploads):
        (upload_limit,) = server.route(path).directives["client_max_body_size"]
        assert MAX_UPLOAD_BYTES + UPLOAD_FIELDS <= _bytes(upload_limit) <= 2 * MAX_UPLOAD_BYTES


def test_nginx_serves_tls_and_sends_plain_http_there() -> None:
    _, servers = _nginx()
    tls = _tls_server()
    assert any("ssl" in listen for listen in tls.directives["listen"])
    assert {"ssl_certificate", "ssl_certificate_key", "ssl_protocols"} <= set(tls.directives)
    assert "TLSv1" not in tls.one("ssl_protocols") and "TLSv1.1" not in tls.one("ssl_protocols")
    (plain,) = [s for s in servers if s is not tls and "ssl_certificate" not in s.directives]
    assert plain.route("/chat").directives["return"] == ["301", "https://$host$request_uri"]
    assert tls.one("server_name") == plain.one("server_name")
    forwarded = {args[0] for args in tls.directives["proxy_set_header"]}
    assert {"Host", "X-Forwarded-For", "X-Forwarded-Proto"} <= forwarded


# --- Caddy ---------------------------------------------------------------------------------


def test_the_caddy_example_proxies_to_the_same_processes_with_the_same_limits() -> None:
    text = CADDY.read_text(encoding="utf-8")
    lines = [line.split("#")[0].strip() for line in text.splitlines()]
    body = [line for line in lines if line]
    assert text.count("{") == text.count("}"), "balanced blocks"
    (proxy,) = [line for line in body if line.startswith("reverse_proxy ")]
    upstreams, _ = _nginx()
    block = upstreams["consultoria"]["block"]
    nginx_servers = [d["args"][0] for d in block if d["directive"] == "server"]
    assert proxy.split()[1:-1] == nginx_servers
    assert "flush_interval -1" in body, "event streams flushed at once"
    assert "respond /metrics 404" in body
    sizes = [line.split()[1] for line in body if line.startswith("max_size ")]
    assert sizes == ["11MiB", "1MiB"]
    assert CLIENT_MAX_SIZE == 1024**2
    assert MAX_UPLOAD_BYTES + UPLOAD_FIELDS <= 11 * 1024**2


# --- the servers themselves, where installed (CI installs them) ---------------------------


@pytest.mark.skipif(
    shutil.which("nginx") is None or shutil.which("openssl") is None, reason="no nginx here"
)
def test_nginx_itself_accepts_the_example(tmp_path: Path) -> None:
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=bot.example.com", "-keyout", "privkey.pem", "-out", "fullchain.pem"),
        ],
        cwd=tmp_path,
        capture_output=True,
        check=True,
        timeout=60,
    )
    site = NGINX.read_text(encoding="utf-8").replace(
        "/etc/letsencrypt/live/bot.example.com", str(tmp_path)
    )
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n    access_log off;\n    include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


def _handlers(routes: list[dict[str, Any]]) -> list[tuple[list[dict[str, Any]], dict[str, Any]]]:
    """Every handler of Caddy's JSON routes with the matchers on the way to it."""
    found = []
    for route in routes:
        for handler in route.get("handle", []):
            if handler["handler"] == "subroute":
                for matchers, inner in _handlers(handler["routes"]):
                    found.append((route.get("match", []) + matchers, inner))
            else:
                found.append((route.get("match", []), handler))
    return found


@pytest.mark.skipif(shutil.which("caddy") is None, reason="no caddy here")
def test_caddy_itself_reads_the_example_as_intended() -> None:
    done = subprocess.run(
        ["caddy", "adapt", "--config", str(CADDY), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    (server,) = json.loads(done.stdout)["apps"]["http"]["servers"].values()
    assert server["listen"] == [":443"], "TLS (Caddy redirects plain HTTP itself)"
    handlers = _handlers(server["routes"])
    (proxy,) = [h for _, h in handlers if h["handler"] == "reverse_proxy"]
    upstreams, _ = _nginx()
    block = upstreams["consultoria"]["block"]
    assert [u["dial"] for u in proxy["upstreams"]] == [
        d["args"][0] for d in block if d["directive"] == "server"
    ]
    assert proxy["flush_interval"] == -1
    assert proxy["transport"]["read_timeout"] >= 60 * KEEPALIVE * 1e9
    assert proxy["health_checks"]["active"]["uri"] == "/healthz"
    limits = {
        json.dumps(matchers, sort_keys=True): h["max_size"]
        for matchers, h in handlers
        if h["handler"] == "request_body"
    }
    upload_regex = [
        m["path_regexp"]["pattern"] for key in limits for m in json.loads(key) if "path_regexp" in m
    ]
    assert all(
        re.fullmatch(upload_regex[0], p) for p in ("/chat/upload", "/console/session/7/upload")
    )
    assert sorted(limits.values()) == [CLIENT_MAX_SIZE, 11 * 1024**2]
    (metrics,) = [h for m, h in handlers if m and m[-1].get("path") == ["/metrics"]]
    assert metrics == {"handler": "static_response", "status_code": 404}

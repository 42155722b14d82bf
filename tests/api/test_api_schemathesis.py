"""Schemathesis against the real bot: no 500 and every answer as the OpenAPI document says.

``consultoria run`` starts as a person runs it (web channel on, its own SQLite file, open all
day); a company, the demo data and a token with every scope come from the CLI; then
``schemathesis run`` reads ``/api/openapi.json`` and tries every operation (examples, the
coverage phase's edge and negative values, and fuzzing; a fixed seed and a bounded number of
examples so it takes well under two minutes). Every check but positive data acceptance: it fails
on a server error, a response that does not match its schema, an undocumented status, header or
content type, accepted invalid data, a missing 401, an unsupported method not answered 405...
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from core.api_tokens import SCOPES
from tests.browser.harness import BotServer, always_open, bot_env, cli, free_port

CHECKS = "all"
EXCLUDED = "positive_data_acceptance"
"""Every check but one: a schema-valid booking may still be refused by the service's rules
(opening hours, conflicts: 409/422), and a cursor must be one the API gave."""
MAX_EXAMPLES = 25
SEED = 16
RUN_SECONDS = 240


async def test_schemathesis_finds_no_server_error_nor_schema_mismatch(tmp_path: Path) -> None:
    port = free_port()
    settings = always_open() | {
        "database_url": f"sqlite:///{tmp_path / 'api.db'}",
        "web_enabled": "true",
        "web_public_url": f"http://127.0.0.1:{port}",
        "http_host": "127.0.0.1",
        "http_port": str(port),
        "language": "pt-BR",
    }
    env = bot_env(settings)
    await cli(env, "demo-data")
    made = await cli(env, "api-token", "create", "--name", "fuzz", "--scopes", ",".join(SCOPES))
    secret = made.stdout.strip().splitlines()[-1]
    server = BotServer(env, port, tmp_path / "bot.log")
    await server.start()
    try:
        status, output = await _schemathesis(server.url, secret, tmp_path)
    finally:
        await server.stop()
    sys.stdout.write(output)
    assert status == 0, output[-6000:]
    assert "No issues found" in output or "passed" in output


async def _schemathesis(url: str, secret: str, tmp_path: Path) -> tuple[int, str]:
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        f"{url}/api/openapi.json",
        "--header",
        f"Authorization: Bearer {secret}",
        "--checks",
        CHECKS,
        "--exclude-checks",
        EXCLUDED,
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--no-color",
        "--report-dir",
        str(tmp_path / "report"),
    ]
    process = await asyncio.create_subprocess_exec(
        *command,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        cwd=tmp_path,
    )
    async with asyncio.timeout(RUN_SECONDS):
        out, _ = await process.communicate()
    return process.returncode or 0, out.decode(errors="replace")

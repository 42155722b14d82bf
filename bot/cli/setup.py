"""``consultoria setup telegram|slack``: the guided first configuration of each platform.

``setup telegram`` takes the token (``--token-file``, ``CONSULTORIA_TELEGRAM_TOKEN`` or typed
unseen), checks it with ``getMe``, stores the bot's username (so ``t.me`` links are real),
registers the menu commands (pt-BR and en, the adapter's list) and, in webhook mode, the webhook
with its secret. ``setup slack`` prints the app manifest for the chosen mode and, with a bot
token set, checks its scopes and the staff channels. Tokens are never printed.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated

import typer
from telegram import Update

from adapters.slack.manifest import Mode, build_manifest, request_url
from adapters.telegram.app import COMMANDS, set_commands
from adapters.telegram.handlers.common import TelegramApplication
from bot.checks import TELEGRAM_TOKEN, env_name
from bot.cli.common import clock, refuse, with_database
from bot.doctor import line, quiet_logging
from bot.doctor_platforms import check_slack, telegram_application, telegram_login
from bot.settings import Settings
from bot.wiring import load_settings
from core.bot_settings import store_telegram_username
from core.db import Database
from core.messages import t

app = typer.Typer(
    help="Guided setup: the Telegram bot (token, username, commands, webhook) and the Slack app "
    "(manifest, scopes, channels).",
    no_args_is_help=True,
)
FAILED_EXIT = 1


@app.command("telegram")
def telegram_command(
    token_file: Annotated[
        Path | None,
        typer.Option("--token-file", help="Read the token from this file (first line)."),
    ] = None,
) -> None:
    """Check the bot token with getMe, store the bot's username, register the commands and, in
    webhook mode, the webhook."""
    settings = load_settings()
    language = settings.language
    token, from_settings = _token(settings, token_file)
    if not TELEGRAM_TOKEN.match(token):
        refuse(t("setup.telegram.bad_token", language))
    _require_webhook_settings(settings)
    quiet_logging(settings, token)

    async def _work(settings: Settings, db: Database) -> str:
        application = telegram_application(settings, token)
        login = await telegram_login(application, settings, token)
        if login.status != "ok":
            refuse(line(login, language))
        try:
            username = application.bot.username
            async with db.uow() as uow:
                await store_telegram_username(uow, clock, username)
                await uow.commit()
            lines = [line(login, language), t("setup.telegram.stored", language, username=username)]
            await set_commands(application)
            shown = ", ".join(f"/{name}" for name in COMMANDS)
            lines.append(t("setup.telegram.commands", language, commands=shown))
            lines.append(await _webhook(application, settings))
        finally:
            await application.shutdown()
        if not from_settings:
            lines.append(t("setup.telegram.save_token", language))
        return "\n".join(lines)

    typer.echo(with_database(_work, settings))


def _token(settings: Settings, token_file: Path | None) -> tuple[str, bool]:
    """The token and whether it is the configured one: the file, the setting, or typed."""
    language = settings.language
    if token_file is not None:
        try:
            text = token_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            detail = getattr(error, "strerror", None) or type(error).__name__
            refuse(t("setup.telegram.token_file", language, path=token_file, detail=detail))
        lines = text.strip().splitlines()
        token = lines[0].strip() if lines else ""
        configured = settings.telegram_token
        return token, configured is not None and configured.get_secret_value() == token
    if settings.telegram_token is not None:
        return settings.telegram_token.get_secret_value().strip(), True
    try:
        typed = typer.prompt(
            t("setup.telegram.prompt", language).rstrip(": "),
            hide_input=True,
            default="",
            show_default=False,
        )
    except typer.Abort:
        typed = ""
    if not str(typed).strip():
        refuse(t("setup.telegram.no_token", language))
    return str(typed).strip(), False


def _require_webhook_settings(settings: Settings) -> None:
    """In webhook mode the URL (https) and the secret are needed before anything is sent."""
    if settings.telegram_mode != "webhook":
        return
    language = settings.language
    missing = [
        env_name(field)
        for field in ("telegram_webhook_url", "telegram_webhook_secret")
        if getattr(settings, field) is None
    ]
    if missing:
        refuse(t("setup.telegram.webhook_settings", language, settings=", ".join(missing)))
    if not str(settings.telegram_webhook_url).lower().startswith("https://"):
        refuse(t("setup.telegram.webhook_https", language))


async def _webhook(application: TelegramApplication, settings: Settings) -> str:
    language = settings.language
    if settings.telegram_mode != "webhook":
        return t("setup.telegram.polling", language)
    assert settings.telegram_webhook_url and settings.telegram_webhook_secret
    await application.bot.set_webhook(
        settings.telegram_webhook_url,
        secret_token=settings.telegram_webhook_secret.get_secret_value(),
        allowed_updates=Update.ALL_TYPES,
    )
    return t("setup.telegram.webhook", language, url=settings.telegram_webhook_url)


@app.command("slack")
def slack_command(
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            help="The bot's public https address: the manifest for HTTP mode "
            "(request URLs at <URL>/slack/events).",
        ),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option(
            "--mode",
            help="socket or http (default: http with --public-url, else CONSULTORIA_SLACK_MODE).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write the manifest to this file.")
    ] = None,
) -> None:
    """Print the Slack app manifest for the mode; with a bot token set, check its scopes and
    the staff channels (one line each; exit 1 on a failure)."""
    settings = load_settings()
    language = settings.language
    chosen = _mode(settings, mode, public_url)
    url = public_url or (settings.web_public_url if chosen == "http" else None)
    if chosen == "http":
        if not url:
            refuse(t("setup.slack.http_needs_url", language))
        if not url.lower().startswith("https://"):
            refuse(t("setup.slack.https", language, url=url))
    manifest = json.dumps(build_manifest(chosen, url), ensure_ascii=False, indent=2)
    if output is not None:
        try:
            output.write_text(manifest + "\n", encoding="utf-8")
        except OSError as error:
            refuse(f"{output}: {error.strerror or type(error).__name__}")
        typer.echo(t("setup.slack.written", language, path=output), err=True)
    else:
        typer.echo(manifest)
    steps = t(f"setup.slack.steps.{chosen}", language, url=request_url(url or ""))
    typer.echo(steps, err=True)
    if settings.slack_bot_token is None:
        typer.echo(t("setup.slack.no_token", language), err=True)
        return
    quiet_logging(settings)
    findings = asyncio.run(check_slack(settings))
    for finding in findings:
        typer.echo(line(finding, language), err=True)
    if any(finding.status == "fail" for finding in findings):
        raise typer.Exit(FAILED_EXIT)


def _mode(settings: Settings, mode: str | None, public_url: str | None) -> Mode:
    chosen = (mode or ("http" if public_url else settings.slack_mode)).strip().lower()
    if chosen == "socket":
        return "socket"
    if chosen == "http":
        return "http"
    refuse(f"--mode: socket | http ({mode!r})")

"""The platform checks of ``consultoria doctor`` and ``consultoria setup``: each finding one line.

Telegram: the token's shape, ``getMe`` (through PTB), the stored username and, in webhook mode,
``getWebhookInfo`` against the configured URL. Slack: ``auth.test`` and the token's scopes (its
``x-oauth-scopes`` header) against the manifest's, the app token in Socket Mode
(``apps.connections.open``), the signing secret in HTTP mode, and every staff channel
(``conversations.info``: exists, the bot is a member). WhatsApp: the phone number through the
Graph API. Tokens never appear in a finding (masked if a library echoes one).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import ApplicationBuilder

from adapters.slack.app import SlackConfig, build_client
from adapters.slack.manifest import BOT_SCOPES
from adapters.telegram.handlers.common import TelegramApplication
from adapters.whatsapp.graph import GraphClient, GraphError
from bot.channels import slack_config, whatsapp_config
from bot.checks import (
    REQUIRED_SLACK_SCOPES,
    STAFF_CHANNELS,
    TELEGRAM_TOKEN,
    env_name,
    granted_scopes,
    missing_scopes,
)
from bot.settings import Settings
from core.messages import t

MASK = "***"
Status = Literal["ok", "warn", "fail"]


@dataclass(frozen=True)
class Finding:
    """One checked thing: ``ok``, ``warn`` (works, but act) or ``fail`` (what to do)."""

    status: Status
    text: str


def ok(text: str) -> Finding:
    """A thing that works."""
    return Finding("ok", text)


def warn(text: str) -> Finding:
    """A thing that works but wants attention."""
    return Finding("warn", text)


def fail(text: str) -> Finding:
    """A thing that does not work; the text says what to do."""
    return Finding("fail", text)


def masked(text: str, *secrets: str | None) -> str:
    """``text`` with every secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


# -- Telegram ----------------------------------------------------------------------------------


def telegram_application(settings: Settings, token: str) -> TelegramApplication:
    """A bare PTB Application (no handlers, no updater) on the configured Bot API."""
    return (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.telegram_file_base_url)
        .updater(None)
        .build()
    )


async def telegram_login(
    application: TelegramApplication, settings: Settings, token: str
) -> Finding:
    """PTB's ``initialize`` (``getMe``): ok with the bot's username, or what to do."""
    language = settings.language
    try:
        await application.initialize()
    except InvalidToken:  # its message shows the token: not repeated
        return fail(t("doctor.telegram.refused", language, detail="401 Unauthorized"))
    except (NetworkError, OSError) as error:
        detail = masked(str(error) or type(error).__name__, token)
        return fail(t("doctor.telegram.unreachable", language, detail=detail))
    except TelegramError as error:
        return fail(t("doctor.telegram.refused", language, detail=masked(str(error), token)))
    return ok(t("doctor.telegram.ok", language, username=application.bot.username))


async def check_telegram(settings: Settings, stored_username: str | None) -> list[Finding]:
    """The token, the username links use and, in webhook mode, the webhook registration.

    ``stored_username``: what ``setup telegram`` stored (None: the database could not say).
    """
    language = settings.language
    token = _secret(settings, "telegram_token")
    if token is None:
        return [ok(t("doctor.telegram.off", language))]
    if not TELEGRAM_TOKEN.match(token):
        return [fail(t("doctor.telegram.bad_token", language))]
    application = telegram_application(settings, token)
    login = await telegram_login(application, settings, token)
    if login.status != "ok":
        return [login]
    try:
        findings = [login, _username(settings, application.bot.username, stored_username)]
        if settings.telegram_mode == "webhook" and settings.telegram_webhook_url:
            findings += await _webhook(application, settings)
        return findings
    except (TelegramError, OSError) as error:
        detail = masked(str(error) or type(error).__name__, token)
        return [*findings, fail(t("doctor.telegram.unreachable", language, detail=detail))]
    finally:
        await application.shutdown()


def _username(settings: Settings, actual: str, stored: str | None) -> Finding:
    language = settings.language
    configured = settings.telegram_bot_username.lstrip("@")
    if configured and configured.lower() != actual.lower():
        return fail(
            t("doctor.telegram.username_setting", language, configured=configured, actual=actual)
        )
    if not configured and stored is not None and stored.lower() != actual.lower():
        if not stored:
            return warn(t("doctor.telegram.username_missing", language))
        return warn(t("doctor.telegram.username_stale", language, stored=stored, actual=actual))
    return ok(t("doctor.telegram.username_ok", language, username=actual))


async def _webhook(application: TelegramApplication, settings: Settings) -> list[Finding]:
    language = settings.language
    info = await application.bot.get_webhook_info()
    wanted = str(settings.telegram_webhook_url)
    if info.url != wanted:
        found = info.url or t("doctor.telegram.webhook_none", language)
        return [fail(t("doctor.telegram.webhook_wrong", language, found=found, url=wanted))]
    findings = [ok(t("doctor.telegram.webhook_ok", language, url=wanted))]
    if info.last_error_message:
        findings.append(
            warn(t("doctor.telegram.webhook_error", language, error=info.last_error_message))
        )
    return findings


# -- Slack -------------------------------------------------------------------------------------


def scope_findings(headers: Mapping[str, Any], language: str) -> list[Finding]:
    """The manifest's scopes against the token's: the adapter's required ones fail, the rest
    warn."""
    granted = granted_scopes(headers)
    if granted is None:
        return [warn(t("doctor.slack.scopes_unknown", language))]
    required = missing_scopes(headers)
    others = sorted(set(BOT_SCOPES) - granted - set(required) - REQUIRED_SLACK_SCOPES)
    findings: list[Finding] = []
    if required:
        findings.append(
            fail(t("doctor.slack.scopes_missing", language, scopes=", ".join(required)))
        )
    if others:
        findings.append(warn(t("doctor.slack.scopes_extra", language, scopes=", ".join(others))))
    return findings or [ok(t("doctor.slack.scopes_ok", language, count=len(BOT_SCOPES)))]


async def check_slack(settings: Settings) -> list[Finding]:
    """The bot token and its scopes, the app token or signing secret, the staff channels."""
    language = settings.language
    token = _secret(settings, "slack_bot_token")
    config = slack_config(settings)
    if token is None or config is None:
        return [ok(t("doctor.slack.off", language))]
    if not token.startswith("xoxb-"):
        problem = t("startup.slack_token", language)
        setting = env_name("slack_bot_token")
        return [fail(t("doctor.slack.bad_token", language, setting=setting, problem=problem))]
    quick = replace(config, rate_limit_retries=0, connection_retries=0, timeout=10)
    client = build_client(quick)
    try:
        answer = await client.auth_test()
    except SlackApiError as error:
        detail = str(error.response.get("error", "?"))
        return [fail(t("doctor.slack.refused", language, detail=detail))]
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        detail = masked(str(error) or type(error).__name__, token)
        return [fail(t("doctor.slack.unreachable", language, detail=detail))]
    team = str(answer.get("team") or answer.get("team_id") or "?")
    user = str(answer.get("user") or answer.get("user_id") or "?")
    findings = [ok(t("doctor.slack.ok", language, team=team, user=user))]
    findings += scope_findings(answer.headers, language)
    findings += await _mode(settings, quick)
    findings += await channel_findings(client, settings)
    return findings


async def _mode(settings: Settings, config: SlackConfig) -> list[Finding]:
    language = settings.language
    if settings.slack_mode == "http":
        if settings.slack_signing_secret is None:
            return [fail(t("doctor.slack.signing_missing", language))]
        return []
    app_token = _secret(settings, "slack_app_token")
    setting = env_name("slack_app_token")
    if app_token is None or not app_token.startswith("xapp-"):
        key = "startup.missing" if app_token is None else "startup.slack_app_token"
        problem = t(key, language, channel="Slack")
        return [fail(t("doctor.slack.bad_token", language, setting=setting, problem=problem))]
    client = AsyncWebClient(token=app_token, base_url=config.api_base_url, timeout=10)
    try:
        await client.apps_connections_open(app_token=app_token)
    except SlackApiError as error:
        detail = str(error.response.get("error", "?"))
        return [fail(t("doctor.slack.app_token_refused", language, detail=detail))]
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        detail = masked(str(error) or type(error).__name__, app_token)
        return [fail(t("doctor.slack.unreachable", language, detail=detail))]
    return [ok(t("doctor.slack.app_token_ok", language))]


async def channel_findings(client: AsyncWebClient, settings: Settings) -> list[Finding]:
    """Each staff channel: set, found in the workspace, with the bot in it (links: optional)."""
    language = settings.language
    findings: list[Finding] = []
    for name in (*STAFF_CHANNELS, "links"):
        setting = env_name(f"slack_{name}_channel")
        channel = getattr(settings, f"slack_{name}_channel")
        if channel is None:
            if name != "links":  # the links' posts go to the requests channel without one
                findings.append(fail(t("doctor.slack.channel_unset", language, setting=setting)))
            continue
        try:
            answer = await client.conversations_info(channel=channel)
        except SlackApiError as error:
            detail = str(error.response.get("error", "?"))
            text = t(
                "doctor.slack.channel_missing",
                language,
                channel=channel,
                setting=setting,
                detail=detail,
            )
            findings.append(fail(text))
            continue
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            detail = str(error) or type(error).__name__
            findings.append(fail(t("doctor.slack.unreachable", language, detail=detail)))
            break
        key = "ok" if (answer.get("channel") or {}).get("is_member", True) else "outside"
        text = t(f"doctor.slack.channel_{key}", language, channel=channel, setting=setting)
        findings.append(ok(text) if key == "ok" else fail(text))
    return findings


# -- WhatsApp ----------------------------------------------------------------------------------


async def check_whatsapp(settings: Settings) -> list[Finding]:
    """The phone number id and token, through the Graph API (only when WhatsApp is set)."""
    language = settings.language
    config = whatsapp_config(settings)
    if config is None:
        return [] if settings.whatsapp_configured else [ok(t("doctor.whatsapp.off", language))]
    graph = GraphClient(config)
    try:
        answer = await graph.phone_number()
    except GraphError as error:
        detail = masked(error.message, config.access_token)
        if error.status == 0 or error.status >= 500:
            return [fail(t("doctor.whatsapp.unreachable", language, detail=detail))]
        setting = "whatsapp_phone_number_id" if error.status == 404 or error.code == 100 else None
        name = env_name(setting or "whatsapp_access_token")
        text = t("doctor.whatsapp.refused", language, setting=name, detail=detail)
        return [fail(text)]
    finally:
        await graph.close()
    number = str(answer.get("display_phone_number") or config.phone_number_id)
    return [ok(t("doctor.whatsapp.ok", language, number=number))]


def _secret(settings: Settings, field: str) -> str | None:
    value = getattr(settings, field)
    return value.get_secret_value() if value is not None else None

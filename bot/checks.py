"""Start-up checks: each problem names the setting to fix; ``StartupError`` carries it.

Checked before anything runs: the shape of the tokens, the settings a configured channel needs
(webhook URL and secret, app token or signing secret, the staff channel ids). Checked against
the platforms while starting: Telegram's ``getMe`` (PTB's ``initialize``) and Slack's
``auth.test``, whose ``x-oauth-scopes`` header (when the platform sends it) lists the scopes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.settings import ENV_PREFIX, Settings
from core.messages import t

TELEGRAM_TOKEN = re.compile(r"^\d+:[\w-]{10,}$")
"""``digits:letters`` as given by @BotFather (real ones have 35 characters after the colon)."""

REQUIRED_SLACK_SCOPES = frozenset(
    {
        "channels:history",
        "chat:write",
        "commands",
        "files:read",
        "files:write",
        "groups:history",
        "im:history",
        "im:write",
        "users:read",
    }
)
"""The bot scopes the Slack adapter cannot work without (all in ``adapters/slack/manifest.yml``)."""

STAFF_CHANNELS = ("requests", "support", "billing", "onsite")


class StartupError(Exception):
    """The bot cannot start; ``setting`` is the variable to fix, ``problem`` says why."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"{setting}: {problem}")
        self.setting = setting
        self.problem = problem

    def render(self, language: str) -> str:
        """The one-line message for the operator."""
        return t("startup.failed", language, name=self.setting, problem=self.problem)


class NoChannelError(StartupError):
    """No channel at all: neither Telegram nor Slack configured, and the web channel off."""


def env_name(field: str) -> str:
    """``slack_bot_token`` -> ``CONSULTORIA_SLACK_BOT_TOKEN``."""
    return f"{ENV_PREFIX}{field.upper()}"


WHATSAPP_REQUIRED = (
    "whatsapp_phone_number_id",
    "whatsapp_access_token",
    "whatsapp_app_secret",
    "whatsapp_verify_token",
)
"""Set one of these and all are needed (the sender, the webhook's signature and handshake)."""


def _secret(settings: Settings, field: str) -> str | None:
    value = getattr(settings, field)
    return value.get_secret_value() if value is not None else None


def check_settings(settings: Settings) -> None:
    """Raise StartupError for the first setting that stops a configured channel from starting."""
    language = settings.language
    telegram = _secret(settings, "telegram_token")
    slack = _secret(settings, "slack_bot_token")
    if settings.whatsapp_configured:
        for field in WHATSAPP_REQUIRED:
            _require(settings, field, "WhatsApp")
    if not telegram and not slack and not settings.web_channel_on:
        missing = ", ".join(settings.missing_channel_settings())
        raise NoChannelError(env_name("web_enabled"), missing)
    if telegram:
        if not TELEGRAM_TOKEN.match(telegram):
            raise StartupError(env_name("telegram_token"), t("startup.telegram_token", language))
        if settings.telegram_mode == "webhook":
            for field in ("telegram_webhook_url", "telegram_webhook_secret"):
                _require(settings, field, "Telegram")
            if not str(settings.telegram_webhook_url).lower().startswith("https://"):
                problem = t("startup.webhook_https", language)
                raise StartupError(env_name("telegram_webhook_url"), problem)
    if slack:
        _check_slack(settings, slack)
    if settings.smtp_host and not settings.smtp_sender:
        raise StartupError(env_name("smtp_sender"), t("startup.smtp_sender", language))
    if not slack and not settings.web_channel_on:
        # Clients could write, but no staff member would ever see them.
        problem = t("startup.no_staff_channel", language)
        raise StartupError(f"{env_name('slack_bot_token')} / {env_name('web_enabled')}", problem)


def _check_slack(settings: Settings, token: str) -> None:
    language = settings.language
    if not token.startswith("xoxb-"):
        raise StartupError(env_name("slack_bot_token"), t("startup.slack_token", language))
    if settings.slack_mode == "socket":
        _require(settings, "slack_app_token", "Slack")
        app_token = _secret(settings, "slack_app_token") or ""
        if not app_token.startswith("xapp-"):
            raise StartupError(env_name("slack_app_token"), t("startup.slack_app_token", language))
    else:
        _require(settings, "slack_signing_secret", "Slack")
    for name in STAFF_CHANNELS:
        _require(settings, f"slack_{name}_channel", "Slack")


def _require(settings: Settings, field: str, channel: str) -> None:
    if getattr(settings, field) is None:
        raise StartupError(
            env_name(field), t("startup.missing", settings.language, channel=channel)
        )


def granted_scopes(headers: Mapping[str, Any]) -> set[str] | None:
    """The scopes of ``auth.test``'s ``x-oauth-scopes`` header (None when not sent)."""
    found: Any = None
    for key, value in headers.items():
        if key.lower() == "x-oauth-scopes":
            found = value
    if isinstance(found, list):
        found = ",".join(str(item) for item in found)
    if not found:
        return None
    return {scope.strip() for scope in str(found).split(",") if scope.strip()}


def missing_scopes(headers: Mapping[str, Any]) -> list[str]:
    """The required scopes absent from ``auth.test``'s ``x-oauth-scopes`` (none if not sent)."""
    granted = granted_scopes(headers)
    return [] if granted is None else sorted(REQUIRED_SLACK_SCOPES - granted)

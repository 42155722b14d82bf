"""The channel adapters' own configurations, filled from the settings, for ``bot.platforms``."""

from __future__ import annotations

from pydantic import SecretStr

from adapters.slack.app import SlackConfig
from adapters.telegram.config import TelegramConfig
from bot.settings import Settings


def _secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None


def telegram_config(settings: Settings) -> TelegramConfig | None:
    """The Telegram channel's configuration, or None when no token is set."""
    token = _secret(settings.telegram_token)
    if not token:
        return None
    return TelegramConfig(
        token=token,
        mode=settings.telegram_mode,
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_file_base_url,
        webhook_url=settings.telegram_webhook_url,
        webhook_secret=_secret(settings.telegram_webhook_secret),
        webhook_path=settings.telegram_webhook_path,
        webhook_listen=settings.http_host,
        webhook_port=settings.http_port,
    )


def slack_config(settings: Settings) -> SlackConfig | None:
    """The Slack channel's configuration, or None when no bot token is set."""
    token = _secret(settings.slack_bot_token)
    if not token:
        return None
    return SlackConfig(
        bot_token=token,
        signing_secret=_secret(settings.slack_signing_secret) or "",
        app_token=_secret(settings.slack_app_token),
        mode=settings.slack_mode,
        api_base_url=settings.slack_api_base_url,
        requests_channel=settings.slack_requests_channel,
        support_channel=settings.slack_support_channel,
        billing_channel=settings.slack_billing_channel,
        onsite_channel=settings.slack_onsite_channel,
        links_channel=settings.slack_links_channel or settings.slack_requests_channel,
    )

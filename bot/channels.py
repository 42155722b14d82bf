"""The channel adapters' own configurations, filled from the settings, for ``bot.platforms``."""

from __future__ import annotations

from pydantic import SecretStr

from adapters.slack.app import SlackConfig
from adapters.telegram.config import TelegramConfig
from adapters.whatsapp.config import Templates, WhatsAppConfig
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


def whatsapp_config(settings: Settings) -> WhatsAppConfig | None:
    """The WhatsApp channel's configuration, or None when it is not configured."""
    token = _secret(settings.whatsapp_access_token)
    number_id = settings.whatsapp_phone_number_id
    if not token or not number_id:
        return None
    return WhatsAppConfig(
        phone_number_id=number_id,
        access_token=token,
        app_secret=_secret(settings.whatsapp_app_secret) or "",
        verify_token=_secret(settings.whatsapp_verify_token) or "",
        api_base_url=settings.whatsapp_api_base_url,
        api_version=settings.whatsapp_api_version,
        webhook_path=settings.whatsapp_webhook_path,
        number=settings.whatsapp_number,
        queue_interval_seconds=settings.whatsapp_queue_update_interval_seconds,
        templates=Templates(
            language=settings.whatsapp_template_language,
            reminder=settings.whatsapp_template_reminder,
            opening=settings.whatsapp_template_opening,
            summary=settings.whatsapp_template_summary,
            nudge=settings.whatsapp_template_nudge,
            booking=settings.whatsapp_template_booking,
        ),
    )

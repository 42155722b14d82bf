"""Logging set-up (only here): one line per event, secrets masked wherever they appear."""

from __future__ import annotations

import logging
import sys

from bot.settings import Settings

MASK = "***"


class SecretMask(logging.Filter):
    """Replaces every configured secret (tokens, signing secret) in a record's text."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [secret for secret in secrets if len(secret) >= 6]

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the secrets in the formatted message; always keep the record."""
        if not self._secrets:
            return True
        message = record.getMessage()
        masked = message
        for secret in self._secrets:
            masked = masked.replace(secret, MASK)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def secrets_of(settings: Settings) -> list[str]:
    """The secret values of the settings, to be masked in logs."""
    values = (
        settings.telegram_token,
        settings.telegram_webhook_secret,
        settings.slack_bot_token,
        settings.slack_app_token,
        settings.slack_signing_secret,
    )
    return [value.get_secret_value() for value in values if value is not None]


def configure_logging(settings: Settings) -> None:
    """Log to stderr at the configured level, one line per event, secrets masked."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s", "%Y-%m-%dT%H:%M:%S%z")
    )
    handler.addFilter(SecretMask(secrets_of(settings)))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    for noisy in ("httpx", "aiosqlite", "sqlalchemy.engine", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

"""Logging set-up (only here): one line per event, secrets masked wherever they appear.

Each line has the time, level, logger and message, then the ids passed with ``extra=`` (see
``CONTEXT_FIELDS``: ``logger.info("...", extra={"request_id": 7})``) as ``key=value``; with
``CONSULTORIA_LOG_FORMAT=json`` each line is one JSON object with the same fields.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

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


CONTEXT_FIELDS = (
    "request_id",
    "session_id",
    "booking_id",
    "outbound_id",
    "timer_id",
    "update_id",
    "event_id",
    "worker",
)
"""Ids a log call may pass with ``extra=``; they are appended to the line."""

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def _context(record: logging.LogRecord) -> dict[str, object]:
    return {name: getattr(record, name) for name in CONTEXT_FIELDS if hasattr(record, name)}


class LineFormatter(logging.Formatter):
    """``time LEVEL logger message key=value ...`` on one line (newlines escaped)."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s", TIME_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        """The record as one line."""
        line = super().format(record)
        pairs = " ".join(f"{key}={value}" for key, value in _context(record).items())
        line = f"{line} {pairs}" if pairs else line
        return line.replace("\n", "\\n")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, ids, and the exception if any."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as one JSON line."""
        entry: dict[str, object] = {
            "time": self.formatTime(record, TIME_FORMAT),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(_context(record))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class _MaskedHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler that masks the secrets in the whole formatted line (tracebacks too)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__(sys.stderr)
        self._secrets = [secret for secret in secrets if len(secret) >= 6]

    @property
    def stream(self) -> Any:
        """Always the current ``sys.stderr`` (never a stream replaced and closed since)."""
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        """Ignored: see the getter."""

    def format(self, record: logging.LogRecord) -> str:
        """The formatted line, secrets replaced."""
        line = super().format(record)
        for secret in self._secrets:
            line = line.replace(secret, MASK)
        return line


def configure_logging(settings: Settings) -> None:
    """Log to stderr at the configured level, one line per event, secrets masked."""
    secrets = secrets_of(settings)
    handler = _MaskedHandler(secrets)
    json_lines = settings.log_format == "json"
    handler.setFormatter(JsonFormatter() if json_lines else LineFormatter())
    handler.addFilter(SecretMask(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    for noisy in ("httpx", "aiosqlite", "sqlalchemy.engine", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

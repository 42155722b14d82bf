"""The WhatsApp adapter's configuration (filled from the settings by ``bot.channels``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Templates:
    """Approved message templates sent outside the 24-hour window (empty name: none)."""

    language: str = "pt_BR"
    reminder: str = ""
    opening: str = ""
    summary: str = ""
    nudge: str = ""
    booking: str = ""
    """A booking notice with its calendar invite: the .ics as a DOCUMENT header."""


@dataclass(frozen=True)
class WhatsAppConfig:
    """Credentials and addresses of the Cloud API; secrets never appear in ``repr``."""

    phone_number_id: str
    access_token: str = field(repr=False)
    app_secret: str = field(repr=False)
    verify_token: str = field(repr=False)
    api_base_url: str = "https://graph.facebook.com"
    api_version: str = "v21.0"
    webhook_path: str = "/whatsapp/webhook"
    number: str = ""
    queue_interval_seconds: int = 300
    templates: Templates = field(default_factory=Templates)

    def url(self, *parts: str) -> str:
        """``<base>/<version>/<parts...>``."""
        return "/".join((self.api_base_url.rstrip("/"), self.api_version, *parts))

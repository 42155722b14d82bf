"""What every web page needs: the core, the live-update hub and the web channel's settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.web.hub import Hub
from core.context import Core


@dataclass(frozen=True)
class WebConfig:
    """The web channel's settings (``bot/`` fills them from ``CONSULTORIA_WEB_*``)."""

    language: str = "pt-BR"
    session_hours: int = 12
    public_url: str = "http://127.0.0.1:8080"
    secure_cookies: bool = False
    retention_hours: int = 72
    frame_ancestors: str = "*"
    """Who may show the client chat in a frame (CSP ``frame-ancestors``); other pages: none."""
    staff_on_web: bool = True
    """True when the staff work in the web console (no Slack)."""
    files_dir: str = "data/web_files"
    """Where files sent in the web chat are kept (``adapters.web.files.WebFiles``)."""
    sign_in_per_login: int = 5
    """Failed sign-ins of one login in 15 minutes before it must wait."""
    sign_in_per_address: int = 100
    """Failed sign-ins from one IP address in 15 minutes (an office behind a proxy is many)."""
    trusted_proxies: tuple[str, ...] = ()
    """The reverse proxy's addresses or networks: the visitor's address is then the one it puts
    in ``X-Forwarded-For`` (empty: the connection's address)."""


@dataclass
class WebContext:
    """The core, the hub that wakes live pages, and the configuration."""

    core: Core
    hub: Hub = field(default_factory=Hub)
    config: WebConfig = field(default_factory=WebConfig)

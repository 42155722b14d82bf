"""Settings from the environment and ``.env`` (pydantic-settings), all named ``CONSULTORIA_*``."""

from __future__ import annotations

from datetime import date, timedelta
from ipaddress import ip_network
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from core.db import POOL_SIZE
from core.hours import parse_closed_days, parse_weekly_schedule, validate_holiday_region
from core.mail import sender_parts
from core.product_lines import parse_lines

DEFAULT_AREAS = (
    "Fabril: Manufatura, Suprimentos, Estoque, Custos; "
    "Administrativa: Comercial, Financeiro, Administrativo"
)
ENV_PREFIX = "CONSULTORIA_"
ALL_INTERFACES = frozenset({"0.0.0.0", "::", ""})  # noqa: S104 - recognised, not bound


def parse_areas(text: str) -> dict[str, list[str]]:
    """``"Fabril: Manufatura, Custos; Administrativa: Comercial"`` -> groups of areas."""
    groups: dict[str, list[str]] = {}
    seen: set[str] = set()
    for chunk in filter(None, (part.strip() for part in text.split(";"))):
        group, sep, names = chunk.partition(":")
        areas = [name.strip() for name in names.split(",") if name.strip()]
        if not sep or not group.strip() or not areas:
            raise ValueError(f"bad group {chunk!r}")
        for area in areas:
            if area.casefold() in seen:
                raise ValueError(f"area {area!r} listed twice")
            seen.add(area.casefold())
        groups[group.strip()] = areas
    if not groups:
        raise ValueError("no areas")
    return groups


def parse_area_names(text: str, areas: list[str]) -> dict[str, str]:
    """``"Manufatura=Manufacturing, Custos=Costs"`` -> configured area -> its translated name.

    Areas are matched regardless of case; ValueError for an unknown area, one named twice, or
    an empty name.
    """
    spelling = {area.casefold(): area for area in areas}
    names: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        area, sep, name = item.partition("=")
        known = spelling.get(area.strip().casefold())
        name = " ".join(name.split())
        if not sep or known is None or not name or known in names:
            raise ValueError(f"bad area name {item!r}")
        names[known] = name
    return names


_OFFSET_UNITS = {"d": "days", "h": "hours", "m": "minutes", "min": "minutes"}


def parse_offsets(text: str) -> list[timedelta]:
    """``"1d, 15m"`` -> [1 day, 15 minutes] (units d, h, m); empty -> no reminders."""
    offsets: list[timedelta] = []
    for part in filter(None, (chunk.strip().lower() for chunk in text.split(","))):
        number = part.rstrip("dhmin")
        unit = _OFFSET_UNITS.get(part[len(number) :])
        if not number.isdigit() or unit is None or int(number) == 0:
            raise ValueError(f"bad reminder {part!r}")
        offsets.append(timedelta(**{unit: int(number)}))
    return sorted(set(offsets), reverse=True)


class Settings(BaseSettings):
    """Every setting of the bot; see ``.env.example`` for what each one means."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    database_url: str = "sqlite+aiosqlite:///data/consultoria.db"
    database_pool_size: int = Field(default=POOL_SIZE, ge=1, le=100)
    database_group_commit: bool = False
    timezone: str = "America/Sao_Paulo"
    language: Literal["pt-BR", "en"] = "pt-BR"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"

    opening_hours: str = "mon-fri 08:00-12:00 13:30-18:00"
    holiday_country: str = "BR"
    holiday_state: str | None = None
    extra_closed_days: Annotated[list[date], NoDecode] = Field(default_factory=list)

    billing_period_minutes: int = Field(default=30, ge=1, le=240)
    billing_min_periods: int = Field(default=1, ge=1, le=20)
    support_threshold_minutes: int = Field(default=15, ge=1, le=240)
    product_lines: Annotated[dict[str, str], NoDecode] = Field(
        default_factory=lambda: {"industrial": "Industrial"}
    )
    unserved_product_lines: Annotated[dict[str, str], NoDecode] = Field(
        default_factory=lambda: {"varejo": "Varejo"}
    )
    areas: Annotated[dict[str, list[str]], NoDecode] = Field(
        default_factory=lambda: parse_areas(DEFAULT_AREAS)
    )
    area_names_en: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict)

    max_sessions_per_consultant: int = Field(default=1, ge=1, le=20)
    queue_update_interval_seconds: int = Field(default=60, ge=0, le=3600)
    unanswered_after_minutes: int = Field(default=3, ge=1, le=240)
    booking_cutoff_hours: int = Field(default=2, ge=0, le=168)
    booking_reminders: Annotated[list[timedelta], NoDecode] = Field(
        default_factory=lambda: [timedelta(days=1), timedelta(minutes=15)]
    )
    booking_horizon_days: int = Field(default=10, ge=1, le=90)
    default_session_minutes: int = Field(default=30, ge=1, le=480)
    internal_note_marker: str = Field(default="//", min_length=1, max_length=8)
    more_info: str = Field(default="", max_length=300)
    no_show_after_minutes: int = Field(default=15, ge=1, le=120)
    no_show_billing: Literal["nothing", "minimum"] = "nothing"

    telegram_token: SecretStr | None = None
    telegram_mode: Literal["polling", "webhook"] = "polling"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_path: str = Field(default="/telegram/webhook", pattern=r"^/[\w/-]*$")
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_file_base_url: str = "https://api.telegram.org/file/bot"
    telegram_chat_interval_seconds: float = Field(default=1.0, ge=0, le=60)
    telegram_bot_username: str = Field(default="", pattern=r"^@?([A-Za-z]\w{3,31})?$")

    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_mode: Literal["socket", "http"] = "socket"
    slack_api_base_url: str = "https://slack.com/api/"
    slack_requests_channel: str | None = None
    slack_support_channel: str | None = None
    slack_billing_channel: str | None = None
    slack_onsite_channel: str | None = None
    slack_links_channel: str | None = None

    whatsapp_phone_number_id: str | None = Field(default=None, pattern=r"^\d{1,32}$")
    whatsapp_access_token: SecretStr | None = None
    whatsapp_app_secret: SecretStr | None = None
    whatsapp_verify_token: SecretStr | None = None
    whatsapp_api_base_url: str = Field(
        default="https://graph.facebook.com", pattern=r"^https?://[^\s/]+(/[^\s]*)?$"
    )
    whatsapp_api_version: str = Field(default="v21.0", pattern=r"^v\d{1,3}\.\d{1,3}$")
    whatsapp_webhook_path: str = Field(default="/whatsapp/webhook", pattern=r"^/[\w/-]*$")
    whatsapp_number: str = Field(default="", pattern=r"^\d{0,20}$")
    whatsapp_queue_update_interval_seconds: int = Field(default=300, ge=0, le=24 * 3600)
    whatsapp_template_language: str = Field(default="pt_BR", pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")
    whatsapp_template_reminder: str = Field(default="", pattern=r"^[a-z0-9_]{0,512}$")
    whatsapp_template_opening: str = Field(default="", pattern=r"^[a-z0-9_]{0,512}$")
    whatsapp_template_summary: str = Field(default="", pattern=r"^[a-z0-9_]{0,512}$")
    whatsapp_template_nudge: str = Field(default="", pattern=r"^[a-z0-9_]{0,512}$")
    whatsapp_template_booking: str = Field(default="", pattern=r"^[a-z0-9_]{0,512}$")

    web_enabled: Literal["auto", "true", "false"] = "auto"
    web_public_url: str | None = Field(default=None, pattern=r"^https?://[^\s/]+(/[^\s]*)?$")
    web_session_hours: int = Field(default=12, ge=1, le=24 * 30)
    web_frame_ancestors: str = Field(default="*", max_length=500)
    message_retention_hours: int = Field(default=72, ge=1, le=24 * 365)
    recap_retention_days: int = Field(default=30, ge=1, le=3650)
    web_files_dir: str = Field(default="data/web_files", min_length=1, max_length=500)
    web_trusted_proxies: str = Field(default="", max_length=1000)

    smtp_host: str = Field(default="", max_length=253, pattern=r"^[A-Za-z0-9.\-:\[\]]*$")
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_user: str = Field(default="", max_length=254)
    smtp_password: SecretStr | None = None
    smtp_sender: str = Field(default="", max_length=300)
    smtp_timeout_seconds: float = Field(default=30.0, gt=0, le=300)
    statements_by_email: bool = False
    calendar_domain: str = Field(
        default="consultoria.invalid",
        min_length=1,
        max_length=253,
        pattern=r"^[A-Za-z0-9]([A-Za-z0-9.\-]*[A-Za-z0-9])?$",
    )
    webhook_allow_http: bool = False
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=60)

    http_enabled: bool = False
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=0, le=65535)
    metrics_token: SecretStr | None = None
    worker_name: str | None = Field(default=None, max_length=64)

    backup_dir: str = Field(default="data/backups", min_length=1, max_length=500)
    backup_interval_hours: int = Field(default=0, ge=0, le=24 * 31)
    backup_keep: int = Field(default=7, ge=1, le=1000)

    @field_validator("web_enabled", mode="before")
    @classmethod
    def _web_switch(cls, value: Any) -> Any:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str):
            folded = value.strip().lower()
            return {
                "1": "true",
                "yes": "true",
                "on": "true",
                "0": "false",
                "no": "false",
                "off": "false",
            }.get(folded, folded)
        return value

    @field_validator("web_trusted_proxies")
    @classmethod
    def _proxy_networks(cls, value: str) -> str:
        for part in value.replace(",", " ").split():
            try:
                ip_network(part, strict=False)
            except ValueError as error:
                raise ValueError(f"not an IP address or network: {part[:60]}") from error
        return value

    @property
    def trusted_proxies(self) -> tuple[str, ...]:
        """The reverse proxies' addresses or networks (``CONSULTORIA_WEB_TRUSTED_PROXIES``)."""
        return tuple(self.web_trusted_proxies.replace(",", " ").split())

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError("unknown time zone") from error
        return value

    @field_validator("opening_hours")
    @classmethod
    def _valid_schedule(cls, value: str) -> str:
        parse_weekly_schedule(value)
        return value

    @field_validator("extra_closed_days", mode="before")
    @classmethod
    def _closed_days(cls, value: Any) -> Any:
        return parse_closed_days(value) if isinstance(value, str) else value

    @field_validator("product_lines", "unserved_product_lines", mode="before")
    @classmethod
    def _product_lines(cls, value: Any) -> Any:
        return parse_lines(value) if isinstance(value, str) else value

    @field_validator("booking_reminders", mode="before")
    @classmethod
    def _reminders(cls, value: Any) -> Any:
        return parse_offsets(value) if isinstance(value, str) else value

    @field_validator("areas", mode="before")
    @classmethod
    def _areas(cls, value: Any) -> Any:
        return parse_areas(value) if isinstance(value, str) else value

    @field_validator("area_names_en", mode="before")
    @classmethod
    def _area_names(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        groups = info.data.get("areas") or parse_areas(DEFAULT_AREAS)
        return parse_area_names(value, [area for areas in groups.values() for area in areas])

    @field_validator("smtp_sender")
    @classmethod
    def _sender(cls, value: str) -> str:
        if value.strip():
            sender_parts(value)
        return value.strip()

    @field_validator("holiday_state", mode="before")
    @classmethod
    def _empty_state(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("holiday_country")
    @classmethod
    def _holiday_country(cls, value: str) -> str:
        validate_holiday_region(value, None)
        return value

    @field_validator("holiday_state")
    @classmethod
    def _holiday_region(cls, value: str | None, info: ValidationInfo) -> str | None:
        if "holiday_country" in info.data:  # else the country itself was refused, by name
            validate_holiday_region(info.data["holiday_country"], value)
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The configured time zone."""
        return ZoneInfo(self.timezone)

    def all_areas(self) -> list[str]:
        """Every area of every group, in configuration order."""
        return [area for areas in self.areas.values() for area in areas]

    @property
    def telegram_configured(self) -> bool:
        """True when a Telegram token is set."""
        return self.telegram_token is not None

    @property
    def whatsapp_configured(self) -> bool:
        """True when any of the WhatsApp Cloud API's credentials is set (all are then needed)."""
        return any(
            getattr(self, name) is not None
            for name in (
                "whatsapp_phone_number_id",
                "whatsapp_access_token",
                "whatsapp_app_secret",
                "whatsapp_verify_token",
            )
        )

    @property
    def slack_configured(self) -> bool:
        """True when Slack is meant to be the staff's channel (a bot token or channel ids set)."""
        return self.slack_bot_token is not None or self.slack_requests_channel is not None

    @property
    def email_on(self) -> bool:
        """E-mail notices are sent (an SMTP host is set)."""
        return bool(self.smtp_host)

    @property
    def serves_http(self) -> bool:
        """This process serves HTTP (web channel, webhooks, Slack events, or asked for)."""
        return (
            self.web_channel_on
            or self.http_enabled
            or self.telegram_mode == "webhook"
            or self.slack_mode == "http"
            or self.whatsapp_configured
        )

    @property
    def web_channel_on(self) -> bool:
        """The web channel (client chat, staff console, dashboard): ``auto`` = on without Slack
        (the staff then work in the web console; with no token at all it is the only channel)."""
        if self.web_enabled == "auto":
            return self.slack_bot_token is None
        return self.web_enabled == "true"

    @property
    def public_url(self) -> str:
        """The web channel's public address (no trailing slash)."""
        if self.web_public_url:
            return self.web_public_url.rstrip("/")
        return f"http://{self.local_host}:{self.http_port}"

    @property
    def local_host(self) -> str:
        """``HTTP_HOST`` as a browser on this machine reaches it (all interfaces -> 127.0.0.1)."""
        return "127.0.0.1" if self.http_host in ALL_INTERFACES else self.http_host

    def missing_channel_settings(self) -> list[str]:
        """Names of the settings still needed before any channel can start."""
        missing: list[str] = []
        if self.telegram_token is None:
            missing.append(f"{ENV_PREFIX}TELEGRAM_TOKEN")
        if self.slack_bot_token is None:
            missing.append(f"{ENV_PREFIX}SLACK_BOT_TOKEN")
        if self.slack_mode == "socket" and self.slack_app_token is None:
            missing.append(f"{ENV_PREFIX}SLACK_APP_TOKEN")
        if self.slack_mode == "http" and self.slack_signing_secret is None:
            missing.append(f"{ENV_PREFIX}SLACK_SIGNING_SECRET")
        if self.telegram_mode == "webhook":
            if self.telegram_webhook_url is None:
                missing.append(f"{ENV_PREFIX}TELEGRAM_WEBHOOK_URL")
            if self.telegram_webhook_secret is None:
                missing.append(f"{ENV_PREFIX}TELEGRAM_WEBHOOK_SECRET")
        for name in ("requests", "support", "billing", "onsite"):
            if getattr(self, f"slack_{name}_channel") is None:
                missing.append(f"{ENV_PREFIX}SLACK_{name.upper()}_CHANNEL")
        return missing

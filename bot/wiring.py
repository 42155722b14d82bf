"""Builds the core's collaborators from the settings; the single place that knows both sides."""

from __future__ import annotations

import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import NoReturn

from pydantic import ValidationError
from sqlalchemy.engine import make_url

from bot.bootstrap import assemble_core
from bot.settings import ENV_PREFIX, Settings
from core.backups import BackupPlan
from core.billing import BillingPolicy
from core.clock import Clock
from core.context import Core, CoreConfig, StaffAddresses
from core.db import Database, PoolSizing, normalise_url
from core.hours import HoursConfig, OpeningHours, parse_weekly_schedule
from core.messages import CATALOGUES, normalise_language, t
from core.outbox import Address
from core.product_lines import ProductLines


class SettingsError(SystemExit):
    """Start-up stopped because a setting is wrong; the message names it and what is expected."""


def _startup_language() -> str:
    return normalise_language(os.environ.get(f"{ENV_PREFIX}LANGUAGE"))


def describe_settings_error(error: ValidationError, language: str) -> str:
    """Turn pydantic's errors into lines that name the variable and what it expects."""
    lines = [t("settings.invalid", language)]
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "generic"
        detail = str(item.get("msg", ""))
        key = f"settings.expected.{field}"
        if key not in CATALOGUES[language]:
            key = "settings.expected.generic"
        value = item.get("input")
        if isinstance(value, dict):
            value = os.environ.get(f"{ENV_PREFIX}{field.upper()}", "")
        lines.append(
            t(
                "settings.line",
                language,
                name=f"{ENV_PREFIX}{field.upper()}",
                value=value,
                expected=t(key, language),
            )
        )
        lines.append(t("settings.detail", language, detail=detail.removeprefix("Value error, ")))
    lines.append(t("settings.hint", language))
    return "\n".join(lines)


def fail(message: str) -> NoReturn:
    """Print ``message`` on stderr and stop with exit status 2."""
    print(message, file=sys.stderr)
    raise SettingsError(2)


def load_settings() -> Settings:
    """Read and check the settings; a bad value stops with a message naming it."""
    try:
        settings = Settings()
        normalise_url(settings.database_url)
    except ValidationError as error:
        fail(describe_settings_error(error, _startup_language()))
    except ValueError as error:
        language = _startup_language()
        fail(
            "\n".join(
                [
                    t("settings.invalid", language),
                    t(
                        "settings.line",
                        language,
                        name=f"{ENV_PREFIX}DATABASE_URL",
                        value=os.environ.get(f"{ENV_PREFIX}DATABASE_URL", ""),
                        expected=t("settings.expected.database_url", language),
                    ),
                    t("settings.detail", language, detail=str(error)),
                ]
            )
        )
    return settings


def display_url(url: str) -> str:
    """The database URL without its password, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


def opening_hours(settings: Settings) -> OpeningHours:
    """The opening-hours calendar of the settings."""
    return OpeningHours(
        HoursConfig(
            timezone=settings.tz,
            weekly=parse_weekly_schedule(settings.opening_hours),
            holiday_country=settings.holiday_country,
            holiday_state=settings.holiday_state,
            extra_closed_days=frozenset(settings.extra_closed_days),
            language=settings.language,
        )
    )


def billing_policy(settings: Settings) -> BillingPolicy:
    """The billing period and minimum of the settings."""
    return BillingPolicy(
        period_minutes=settings.billing_period_minutes,
        min_periods=settings.billing_min_periods,
        no_show_after_minutes=settings.no_show_after_minutes,
        no_show_billing=settings.no_show_billing,
    )


def database(settings: Settings) -> Database:
    """The database of the settings (engine created lazily on first use)."""
    return Database(
        settings.database_url,
        pool=PoolSizing(size=settings.database_pool_size),
        group_commit=settings.database_group_commit,
    )


def _slack_channel(channel_id: str | None, fallback: str | None = None) -> Address:
    return Address("slack", channel_id or fallback or "")


WEB_STAFF_ROOMS = StaffAddresses(
    requests=Address("web", "staff:requests"),
    support=Address("web", "staff:support"),
    billing=Address("web", "staff:billing"),
    onsite=Address("web", "staff:onsite"),
    links=Address("web", "staff:links"),
)
"""The staff's rooms in the web console (where Slack channels would be without Slack)."""


def staff_addresses(settings: Settings) -> StaffAddresses:
    """Slack's channels when Slack is configured, else the web console's rooms."""
    if not settings.slack_configured:
        return WEB_STAFF_ROOMS
    return StaffAddresses(
        requests=_slack_channel(settings.slack_requests_channel),
        support=_slack_channel(settings.slack_support_channel),
        billing=_slack_channel(settings.slack_billing_channel),
        onsite=_slack_channel(settings.slack_onsite_channel),
        links=_slack_channel(settings.slack_links_channel, settings.slack_requests_channel),
    )


def product_lines(settings: Settings) -> ProductLines:
    """The served product lines and those not served online yet, from the settings."""
    return ProductLines(settings.product_lines, settings.unserved_product_lines)


def core_config(settings: Settings) -> CoreConfig:
    """The core's rules and addresses, from the settings."""
    return CoreConfig(
        hours=opening_hours(settings),
        staff=staff_addresses(settings),
        language=settings.language,
        timezone=settings.tz,
        policy=billing_policy(settings),
        areas=tuple(settings.all_areas()),
        area_names={"en": dict(settings.area_names_en)},
        product_lines=product_lines(settings),
        support_threshold=timedelta(minutes=settings.support_threshold_minutes),
        default_max_sessions=settings.max_sessions_per_consultant,
        position_update_interval=timedelta(seconds=settings.queue_update_interval_seconds),
        unanswered_after=timedelta(minutes=settings.unanswered_after_minutes),
        booking_cutoff=timedelta(hours=settings.booking_cutoff_hours),
        reminders=tuple(settings.booking_reminders),
        booking_horizon_days=settings.booking_horizon_days,
        default_session_minutes=settings.default_session_minutes,
        internal_note_marker=settings.internal_note_marker,
        more_info=" ".join(settings.more_info.split()),
        message_retention=timedelta(hours=settings.message_retention_hours),
        recap_retention=timedelta(days=settings.recap_retention_days),
        telegram_bot_username=settings.telegram_bot_username.lstrip("@"),
        web_chat_url=f"{settings.public_url}/chat" if settings.web_channel_on else "",
        whatsapp_number=settings.whatsapp_number if settings.whatsapp_configured else "",
        email_enabled=settings.email_on,
        statements_by_email=settings.statements_by_email,
        calendar_domain=settings.calendar_domain,
        calendar_feed_url=f"{settings.public_url}/calendar" if settings.serves_http else "",
    )


def build_core(settings: Settings, db: Database, clock: Clock) -> Core:
    """The core with its database, clock and configuration."""
    return assemble_core(db, clock, core_config(settings))


def backup_plan(settings: Settings) -> BackupPlan:
    """The scheduled backups of the settings (folder, interval, how many are kept)."""
    return BackupPlan(
        folder=Path(settings.backup_dir),
        every=timedelta(hours=settings.backup_interval_hours),
        keep=settings.backup_keep,
    )

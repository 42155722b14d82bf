"""``consultoria doctor``: everything a running bot depends on, checked, one line each.

The settings (the start-up checks of ``bot.checks``), the database (reachable, migrations at
head), the platforms (``bot.doctor_platforms``: tokens, scopes, channels, the webhook), the time
zone data, the opening hours and the next opening, the free disk of the files directory, and
the SMTP server when e-mail is on. Nothing is written: the database is not upgraded.
"""

from __future__ import annotations

import logging
import os
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import aiosmtplib
from pydantic import SecretStr
from sqlalchemy.exc import DBAPIError, OperationalError

from bot import schema
from bot.checks import StartupError, check_settings
from bot.doctor_platforms import (
    Finding,
    check_slack,
    check_telegram,
    check_whatsapp,
    fail,
    ok,
    warn,
)
from bot.logs import configure_logging
from bot.settings import Settings
from bot.wiring import database, display_url, opening_hours
from core.bot_settings import stored_telegram_username
from core.clock import Clock
from core.messages import t
from core.timefmt import format_datetime

logger = logging.getLogger(__name__)

DEFAULT_MIN_FREE_MB = 1024
"""Under this much free space in the files directory, a warning."""
SAO_PAULO = "America/Sao_Paulo"


async def run_doctor(settings: Settings, clock: Clock, min_free_mb: int) -> list[Finding]:
    """Every check, in the order a person fixes things."""
    findings = [check_configuration(settings)]
    database_findings, stored = await check_database(settings)
    findings += database_findings
    findings += await check_telegram(settings, stored)
    findings += await check_slack(settings)
    findings += await check_whatsapp(settings)
    findings += check_time_zones(settings, clock.now())
    findings.append(check_hours(settings, clock.now()))
    findings.append(check_disk(settings, min_free_mb))
    findings.append(await check_smtp(settings))
    return findings


def quiet_logging(settings: Settings, token: str | None = None) -> None:
    """Log warnings only, to stderr, with every secret (and ``token``) masked."""
    update: dict[str, object] = {"log_level": "WARNING"}
    if token:
        update["telegram_token"] = SecretStr(token)
    configure_logging(settings.model_copy(update=update))


def line(finding: Finding, language: str) -> str:
    """``ok    text`` / ``FALHA text``: the status, padded, then what was found or what to do."""
    return f"{t(f'doctor.status.{finding.status}', language):<5} {finding.text}"


def summary(findings: list[Finding], language: str) -> str:
    """The closing line: all good, warnings only, or how many failures."""
    failures = sum(1 for f in findings if f.status == "fail")
    warnings = sum(1 for f in findings if f.status == "warn")
    key = "fail" if failures else "warn" if warnings else "ok"
    return t(
        f"doctor.summary.{key}",
        language,
        count=len(findings),
        failures=failures,
        warnings=warnings,
    )


def check_configuration(settings: Settings) -> Finding:
    """The start-up checks of ``bot.checks`` (the first problem, naming the setting)."""
    try:
        check_settings(settings)
    except StartupError as error:
        return fail(
            t(
                "doctor.settings.fail",
                settings.language,
                setting=error.setting,
                problem=error.problem,
            )
        )
    return ok(t("doctor.settings.ok", settings.language))


async def check_database(settings: Settings) -> tuple[list[Finding], str | None]:
    """Reachable and at the newest revision; with it, the stored Telegram username (None when
    the database could not say)."""
    language = settings.language
    db = database(settings)
    shown = display_url(db.url)
    try:
        revision = await schema.current_revision(db)
        head = schema.head_revision()
        if revision is None:
            return [fail(t("doctor.db.empty", language, database=shown))], None
        if revision != head:
            text = t("doctor.db.behind", language, database=shown, revision=revision, head=head)
            return [fail(text)], None
        async with db.uow() as uow:
            stored = await stored_telegram_username(uow)
        return [ok(t("doctor.db.ok", language, database=shown, revision=revision))], stored
    except (OperationalError, DBAPIError, OSError) as error:
        logger.debug("database unreachable", exc_info=True)
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()
        text = t(
            "doctor.db.unreachable",
            language,
            database=shown,
            detail=detail[0] if detail else type(error).__name__,
        )
        return [fail(text)], None
    finally:
        await db.dispose()


def check_time_zones(settings: Settings, now: datetime) -> list[Finding]:
    """The time zone data of São Paulo and of the configured zone are installed."""
    findings: list[Finding] = []
    for zone in dict.fromkeys((SAO_PAULO, settings.timezone)):
        try:
            here = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            findings.append(fail(t("doctor.tz.fail", settings.language, zone=zone)))
            continue
        shown = format_datetime(now, here)
        findings.append(ok(t("doctor.tz.ok", settings.language, zone=zone, now=shown)))
    return findings


def check_hours(settings: Settings, now: datetime) -> Finding:
    """The weekly schedule, whether open now, and the next opening (or closing)."""
    language = settings.language
    hours = opening_hours(settings)
    week = hours.describe_week(language)
    try:
        if hours.is_open(now):
            until = format_datetime(hours.next_closing(now), settings.tz)
            return ok(t("doctor.hours.open", language, week=week, until=until))
        opening = format_datetime(hours.next_opening(now), settings.tz)
    except ValueError:
        return fail(t("doctor.hours.never", language, week=week))
    return ok(t("doctor.hours.closed", language, week=week, opening=opening))


def check_disk(settings: Settings, min_free_mb: int) -> Finding:
    """Free space (and write permission) where the web channel keeps files."""
    language = settings.language
    path = Path(settings.web_files_dir)
    probe = path.absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not os.access(probe, os.W_OK):
        return fail(t("doctor.disk.readonly", language, path=path))
    free = shutil.disk_usage(probe).free
    shown = _size(free, language)
    if free < min_free_mb * 1024 * 1024:
        minimum = _size(min_free_mb * 1024 * 1024, language)
        return warn(t("doctor.disk.low", language, path=path, free=shown, minimum=minimum))
    return ok(t("doctor.disk.ok", language, path=path, free=shown))


def _size(size: int, language: str) -> str:
    """``12,3 GB`` (pt-BR) / ``12.3 GB`` (en), in powers of 1024."""
    value, unit = float(size), "B"
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            break
        value /= 1024
    text = f"{value:.1f} {unit}" if unit != "B" else f"{int(value)} B"
    return text.replace(".", ",") if language == "pt-BR" else text


async def check_smtp(settings: Settings) -> Finding:
    """Connect (TLS or STARTTLS as set) and sign in when a user is set; nothing is sent."""
    language = settings.language
    if not settings.email_on:
        return ok(t("doctor.smtp.off", language))
    host, port = settings.smtp_host, settings.smtp_port
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    client = aiosmtplib.SMTP(
        hostname=host,
        port=port,
        use_tls=settings.smtp_security == "tls",
        start_tls=settings.smtp_security == "starttls",
        timeout=settings.smtp_timeout_seconds,
    )
    try:
        await client.connect()
        if settings.smtp_user:
            await client.login(settings.smtp_user, password or "")
        await client.quit()
    except aiosmtplib.SMTPAuthenticationError as error:
        detail = f"{error.code} {error.message}"
        return fail(t("doctor.smtp.refused", language, host=host, port=port, detail=detail))
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
        detail = str(error) or type(error).__name__
        return fail(t("doctor.smtp.unreachable", language, host=host, port=port, detail=detail))
    finally:
        if client.is_connected:
            client.close()
    return ok(t("doctor.smtp.ok", language, host=host, port=port))

"""The channels of a Runtime: the adapters built from the settings, checked against the platforms.

``open_telegram`` / ``open_slack`` build the adapter, verify the token with the platform (PTB's
``getMe``, Slack's ``auth.test`` and its scopes) and turn a refusal into a ``StartupError`` that
names the setting. Receiving starts later (``Runtime.start``), once the loops and server run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.documents import CalendarSource, RecapSource, StatementSource
from adapters.email import EmailSender, SmtpConfig
from adapters.slack.app import SlackConfig, build_app, build_client
from adapters.slack.channel import SlackChannel
from adapters.slack.files import SlackFileSource
from adapters.slack.sender import SlackSender
from adapters.telegram.app import TelegramChannel, build_application
from adapters.telegram.files import TelegramFileSource
from adapters.telegram.sender import TelegramSender
from adapters.web.files import WebFiles, WebFileSource
from adapters.web.hub import Hub
from adapters.web.sender import WebSender
from adapters.webhooks import WebhookSender
from adapters.whatsapp.channel import WhatsAppChannel
from adapters.whatsapp.graph import GraphError
from bot.bootstrap import unreachable_hook
from bot.channels import slack_config, telegram_config, whatsapp_config
from bot.checks import STAFF_CHANNELS, StartupError, env_name, missing_scopes
from bot.settings import Settings
from core.bot_settings import store_telegram_username, stored_telegram_username
from core.calendar import CALENDAR_DOCUMENT
from core.context import Core
from core.files import FileSource
from core.mail import sender_parts
from core.messages import t
from core.outbox import Sender
from core.recaps import RECAP_DOCUMENT
from core.statements import STATEMENT_DOCUMENT

logger = logging.getLogger(__name__)


@dataclass
class Platforms:
    """What the configured channels give the Runtime."""

    telegram: TelegramChannel | None = None
    slack: SlackChannel | None = None
    slack_app: AsyncApp | None = None
    whatsapp: WhatsAppChannel | None = None
    senders: dict[str, Sender] | None = None


async def open_platforms(settings: Settings, core: Core, hub: Hub | None = None) -> Platforms:
    """Build the configured channels and their senders; tokens verified.

    With the web channel on, its sender (``WebSender``, waking ``hub``'s pages) delivers the
    ``web`` rows: the client chat's and, without Slack, the staff console's; its kept files are
    a file source of the other senders and are deleted with the purged messages. The bookings'
    calendar invites are a file source of every sender. The webhook sender is always there
    (endpoints come and go with the CLI).
    """
    found = Platforms(senders={})
    files: dict[str, FileSource] = document_sources(settings, core)
    senders: dict[str, Sender] = {}
    if settings.web_channel_on:
        web_files = WebFiles(settings.web_files_dir)
        files["web"] = WebFileSource(web_files)
        core.files.forget_with("web", web_files.forget)
        senders["web"] = WebSender(
            core.db, core.clock, hub or Hub(), files=web_files, file_sources=files
        )
    tg_config = telegram_config(settings)
    if tg_config is not None:
        tg_config = replace(tg_config, chat_interval=settings.telegram_chat_interval_seconds)
        channel = TelegramChannel(build_application(tg_config, core), tg_config, serve=False)
        await _initialise_telegram(channel, settings)
        await _remember_username(core, channel.application.bot.username)
        files["telegram"] = TelegramFileSource(channel.application.bot)
        senders["telegram"] = TelegramSender(
            channel.application.bot, files, chat_interval=tg_config.chat_interval
        )
        found.telegram = channel
    wa_config = whatsapp_config(settings)
    if wa_config is not None:
        hook = unreachable_hook(core)
        whatsapp = WhatsAppChannel(wa_config, core, settings.language, on_unreachable=hook)
        found.whatsapp = whatsapp
        await _verify_whatsapp(whatsapp, settings)
        files["whatsapp"] = whatsapp.files
        senders["whatsapp"] = whatsapp.sender(files)
    sl_config = slack_config(settings)
    if sl_config is not None:
        try:
            await _verify_slack(sl_config, settings)
        except BaseException:
            if found.whatsapp is not None:  # its HTTP session is open: the Runtime never sees it
                await found.whatsapp.close()
            raise
        found.slack_app = build_app(core, sl_config)
        found.slack = SlackChannel(
            found.slack_app, sl_config, host=settings.http_host, port=settings.http_port
        )
        files["slack"] = SlackFileSource(sl_config.bot_token)
        # The sender leaves a 429 to the outbox's backoff instead of sleeping in the client.
        quick = replace(sl_config, rate_limit_retries=0)
        senders["slack"] = SlackSender(build_client(quick), files)
    if settings.email_on:
        config = smtp_config(settings)
        senders["email"] = EmailSender(core.db, core.clock, config, file_sources=files)
    # Always on: an endpoint added from the CLI while the bot runs gets its events.
    timeout = settings.webhook_timeout_seconds
    senders["webhook"] = WebhookSender(core.db, core.clock, timeout=timeout)
    found.senders = senders
    return found


def document_sources(settings: Settings, core: Core) -> dict[str, FileSource]:
    """The documents the bot makes, as file sources of every sender: the bookings' calendar
    invites (organizer: the e-mail sender, when set), the session recaps (PDF/HTML, on every
    client channel) and, with e-mail, the statements."""
    organizer = sender_parts(settings.smtp_sender) if settings.smtp_sender else None
    files: dict[str, FileSource] = {
        CALENDAR_DOCUMENT: CalendarSource(core.db, core.config, organizer),
        RECAP_DOCUMENT: RecapSource(core.db, core.clock, core.config),
    }
    if settings.email_on:
        files[STATEMENT_DOCUMENT] = StatementSource(core.db, core.clock, core.config)
    return files


def smtp_config(settings: Settings) -> SmtpConfig:
    """The SMTP server and sender of the settings (``CONSULTORIA_SMTP_*``)."""
    name, address = sender_parts(settings.smtp_sender)
    password = settings.smtp_password
    return SmtpConfig(
        host=settings.smtp_host,
        port=settings.smtp_port,
        security=settings.smtp_security,
        sender_email=address,
        sender_name=name,
        user=settings.smtp_user or None,
        password=password.get_secret_value() if password is not None else None,
        timeout=settings.smtp_timeout_seconds,
        language=settings.language,
    )


async def _initialise_telegram(channel: TelegramChannel, settings: Settings) -> None:
    """PTB's ``initialize`` (``getMe``): a refused token or an unreachable API stops start-up."""
    from telegram.error import InvalidToken, NetworkError, TelegramError

    language = settings.language
    try:
        await channel.application.initialize()
    except InvalidToken as error:  # its message shows the token: not repeated
        raise StartupError(
            env_name("telegram_token"),
            t("startup.telegram_refused", language, detail="401 Unauthorized"),
        ) from error
    except (NetworkError, OSError) as error:
        raise StartupError(
            env_name("telegram_api_base_url"),
            t("startup.unreachable", language, detail=str(error)),
        ) from error
    except TelegramError as error:
        detail = str(error).replace(channel.config.token, "***")
        raise StartupError(
            env_name("telegram_token"), t("startup.telegram_refused", language, detail=detail)
        ) from error


async def _remember_username(core: Core, username: str) -> None:
    """Store the username ``getMe`` gave, so ``company add`` and invitations print real
    ``t.me`` links even when ``consultoria setup telegram`` was never run (written only when it
    changed)."""
    async with core.transaction() as uow:
        if await stored_telegram_username(uow) != username:
            await store_telegram_username(uow, core.clock, username)


async def _verify_whatsapp(channel: WhatsAppChannel, settings: Settings) -> None:
    """GET the phone number id: a refused token or id, or an unreachable API, stops start-up."""
    language = settings.language
    try:
        number = await channel.verify()
    except GraphError as error:
        await channel.close()
        if error.status == 0 or error.status >= 500:
            raise StartupError(
                env_name("whatsapp_api_base_url"),
                t("startup.unreachable", language, detail=error.message),
            ) from error
        setting = "whatsapp_access_token"
        if error.status == 404 or error.code == 100:
            setting = "whatsapp_phone_number_id"
        detail = f"{error.status} {error.code}: {error.message}"
        raise StartupError(
            env_name(setting), t("startup.whatsapp_refused", language, detail=detail)
        ) from error
    logger.info("whatsapp number ok number=%s", number or "?")


async def _verify_slack(config: SlackConfig, settings: Settings) -> None:
    """``auth.test`` with the bot token: refused token, unreachable API or missing scopes stop."""
    language = settings.language
    client = build_client(replace(config, rate_limit_retries=0, connection_retries=0, timeout=10))
    try:
        answer = await client.auth_test()
    except SlackApiError as error:
        detail = str(error.response.get("error", error))
        raise StartupError(
            env_name("slack_bot_token"), t("startup.slack_refused", language, detail=detail)
        ) from error
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        raise StartupError(
            env_name("slack_api_base_url"),
            t("startup.unreachable", language, detail=str(error) or type(error).__name__),
        ) from error
    lacking = missing_scopes(answer.headers)
    if lacking:
        raise StartupError(
            env_name("slack_bot_token"),
            t("startup.slack_scopes", language, scopes=", ".join(lacking)),
        )
    config.bot_user_id = str(answer.get("user_id") or "") or None
    logger.info("slack auth ok team=%s bot_user=%s", answer.get("team_id"), config.bot_user_id)
    await _verify_channels(client, settings)


async def _verify_channels(client: AsyncWebClient, settings: Settings) -> None:
    """Each configured staff channel exists in the workspace and has the bot in it."""
    language = settings.language
    for name in (*STAFF_CHANNELS, "links"):
        channel = getattr(settings, f"slack_{name}_channel")
        if channel is None:
            continue
        setting = env_name(f"slack_{name}_channel")
        try:
            answer = await client.conversations_info(channel=channel)
        except SlackApiError as error:
            detail = str(error.response.get("error", error))
            raise StartupError(
                setting, t("startup.slack_channel", language, channel=channel, detail=detail)
            ) from error
        if not (answer.get("channel") or {}).get("is_member", True):
            raise StartupError(setting, t("startup.slack_not_member", language, channel=channel))

"""Delivers outbox rows of the ``email`` channel over SMTP (aiosmtplib).

The row's address (``contact:<id>`` / ``company:<id>``) is read when the row is delivered
(``core.mail.email_of``): no address any more (erased, removed) -> permanent, never retried.
Each row has a stable ``Message-ID`` (``<outbox-<id>.<secret digest>@<sender's domain>>``): a
retry after a lost answer sends the same id, and mail systems and clients drop the repeat.
SMTP 4xx answers, refused or dropped connections, timeouts and refusals of the bot's own settings
(authentication, sender) are transient (the outbox retries with backoff, so fixed settings resume
delivery); other 5xx answers (a refused recipient, a refused message) are permanent (nothing is
marked unreachable: the contact's chat still works). An edit has no meaning in e-mail: it is not
sent again.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from email.headerregistry import Address as MailAddress
from email.message import EmailMessage
from typing import Literal

import aiosmtplib

from adapters.email.compose import compose
from core.clock import Clock
from core.db import Database
from core.files import FileContent, FileSources
from core.mail import email_of
from core.messages import t
from core.outbox import Attachment, Delivery, PermanentDeliveryError, TransientDeliveryError

logger = logging.getLogger(__name__)

Security = Literal["starttls", "tls", "none"]


@dataclass(frozen=True)
class SmtpConfig:
    """Where and as whom e-mail is sent."""

    host: str
    port: int
    security: Security
    sender_email: str
    sender_name: str = "Consultoria Online"
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0
    language: str = "pt-BR"

    @property
    def sender_address(self) -> MailAddress:
        """The From of every e-mail."""
        user, _, domain = self.sender_email.rpartition("@")
        return MailAddress(self.sender_name, user, domain)


class EmailSender:
    """A ``core.outbox.sender.Sender`` for the ``email`` channel (see the module docstring)."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        config: SmtpConfig,
        file_sources: FileSources | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.config = config
        self.file_sources: FileSources = file_sources or {}

    async def deliver(self, delivery: Delivery) -> str | None:
        """Send the row's e-mail; return its Message-ID."""
        if delivery.edit_ref is not None:
            return delivery.edit_ref
        to = await email_of(self.db, delivery.to.id)
        if to is None:
            raise PermanentDeliveryError(f"no e-mail address for {delivery.to.id}")
        message_id = stable_message_id(self.config, f"outbox-{delivery.outbound_id}")
        sender = self.config.sender_address
        footer = t("mail.footer", self.config.language, service=sender.display_name)
        mail = compose(
            delivery.message,
            sender=sender,
            to=to,
            message_id=message_id,
            footer=footer,
            when=self.clock.now(),
        )
        for attachment in delivery.message.attachments:
            content = await self._content(attachment)
            maintype, _, subtype = (content.mime_type or "application/octet-stream").partition("/")
            mail.add_attachment(
                content.data,
                maintype=maintype,
                subtype=subtype or "octet-stream",
                filename=content.name,
            )
        await smtp_send(self.config, mail)
        return message_id

    async def _content(self, attachment: Attachment) -> FileContent:
        """The bytes of ``attachment`` from its channel's source (errors as the source raises)."""
        source = self.file_sources.get(attachment.channel)
        if source is None:
            raise PermanentDeliveryError(f"no source for {attachment.channel} files")
        return await source.fetch(attachment)


def stable_message_id(config: SmtpConfig, key: str) -> str:
    """The same Message-ID for the same ``key`` (an outbox row) from the same sender."""
    salt = hashlib.sha256(config.sender_email.encode()).hexdigest()[:12]
    return f"<{key}.{salt}@{config.sender_address.domain}>"


async def smtp_send(config: SmtpConfig, mail: EmailMessage) -> None:
    """Hand ``mail`` to the SMTP server; errors mapped for the outbox (module docstring)."""
    try:
        await aiosmtplib.send(
            mail,
            hostname=config.host,
            port=config.port,
            username=config.user or None,
            password=config.password or None,
            use_tls=config.security == "tls",
            start_tls=config.security == "starttls",
            timeout=config.timeout,
        )
    except (
        aiosmtplib.SMTPAuthenticationError,
        aiosmtplib.SMTPSenderRefused,
        aiosmtplib.SMTPHeloError,
    ) as error:
        # Our settings, not the message: retried (with backoff) until they are fixed.
        logger.error("SMTP refused the bot's own settings: %s %s", error.code, error.message)
        raise TransientDeliveryError(f"SMTP settings refused ({error.code})") from error
    except aiosmtplib.SMTPRecipientsRefused as error:
        codes = [refused.code for refused in error.recipients]
        if any(400 <= code < 500 for code in codes):
            raise TransientDeliveryError(f"recipient deferred {codes}") from error
        raise PermanentDeliveryError(f"recipient refused {codes}") from error
    except aiosmtplib.SMTPResponseException as error:
        if 400 <= error.code < 500:
            raise TransientDeliveryError(f"SMTP {error.code}") from error
        raise PermanentDeliveryError(f"SMTP {error.code}") from error
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
        raise TransientDeliveryError(f"SMTP unreachable: {type(error).__name__}") from error

"""The e-mail channel: outbox rows of channel ``email`` sent over SMTP (``EmailSender``)."""

from adapters.email.compose import compose
from adapters.email.sender import EmailSender, SmtpConfig, smtp_send, stable_message_id

__all__ = ["EmailSender", "SmtpConfig", "compose", "smtp_send", "stable_message_id"]

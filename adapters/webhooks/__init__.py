"""Webhook deliveries over HTTP (the outbox's ``webhook`` channel)."""

from adapters.webhooks.sender import WebhookSender

__all__ = ["WebhookSender"]

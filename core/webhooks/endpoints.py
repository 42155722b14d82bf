"""Webhook endpoints: added with a generated secret, listed, rotated, disabled, pinged.

A URL is parsed as hostile input: ``http``/``https`` only, a host, no credentials, at most 2000
characters; ``https`` unless the host is loopback or ``allow_http`` (a setting) says otherwise.
The secret is generated here (``whsec_`` + 32 random bytes, URL-safe base64) and returned once;
it is never logged. A rotation keeps the previous secret signing for ``ROTATION_GRACE``.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlmodel import col, select

from core.clock import Clock
from core.db import Database, UnitOfWork
from core.errors import InvalidInput, NotFound
from core.events import Acting
from core.models import Outbound, WebhookEndpoint
from core.webhooks.catalogue import PING
from core.webhooks.emit import new_envelope, write_delivery
from core.webhooks.listeners import changed

ROTATION_GRACE = timedelta(hours=24)
MAX_URL = 2000
LOOPBACK_NAMES = ("localhost",)


@dataclass(frozen=True)
class NewSecret:
    """An endpoint and its secret in clear, to be shown once."""

    endpoint_id: int
    secret: str
    previous_valid_until: datetime | None = None
    """After a rotation: until when the previous secret still signs."""


def _new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_url(url: str, *, allow_http: bool = False) -> str:
    """The URL, checked (see the module docstring); InvalidInput naming what is wrong."""
    text = url.strip()
    if not text or len(text) > MAX_URL or any(c.isspace() or ord(c) < 32 for c in text):
        raise InvalidInput("webhooks.url_invalid", url=text[:100])
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018  (a malformed port raises here)
    except ValueError as error:
        raise InvalidInput("webhooks.url_invalid", url=text[:100]) from error
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidInput("webhooks.url_invalid", url=text[:100])
    if parts.username is not None or parts.password is not None:
        raise InvalidInput("webhooks.url_credentials")
    if parts.scheme == "http" and not allow_http and not _is_loopback(host):
        raise InvalidInput("webhooks.url_https")
    return text


async def add_endpoint(
    uow: UnitOfWork,
    clock: Clock,
    url: str,
    events: list[str],
    *,
    allow_http: bool = False,
    by: Acting | None = None,
) -> NewSecret:
    """A new active endpoint for ``events`` (already parsed); its id and secret (``by``: audited,
    without the secret)."""
    endpoint = WebhookEndpoint(
        url=validate_url(url, allow_http=allow_http),
        events=list(events),
        secret=_new_secret(),
        active=True,
        created_at=clock.now(),
    )
    uow.session.add(endpoint)
    await uow.session.flush()
    changed(uow)
    assert endpoint.id is not None
    if by is not None:
        await by.done(
            "webhook.created", "webhook", endpoint.id, url=endpoint.url, events=",".join(events)
        )
    return NewSecret(endpoint.id, endpoint.secret)


async def _endpoint(uow: UnitOfWork, endpoint_id: int) -> WebhookEndpoint:
    endpoint = await uow.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise NotFound("webhooks.not_found", id=endpoint_id)
    return endpoint


async def list_endpoints(uow: UnitOfWork) -> list[WebhookEndpoint]:
    """Every endpoint, oldest first."""
    statement = select(WebhookEndpoint).order_by(col(WebhookEndpoint.id))
    return list((await uow.session.exec(statement)).all())


async def rotate_secret(
    uow: UnitOfWork, clock: Clock, endpoint_id: int, *, by: Acting | None = None
) -> NewSecret:
    """A new secret; the current one keeps signing (second ``v1``) for ``ROTATION_GRACE``."""
    endpoint = await _endpoint(uow, endpoint_id)
    now = clock.now()
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = now + ROTATION_GRACE
    endpoint.secret = _new_secret()
    endpoint.secret_rotated_at = now
    uow.session.add(endpoint)
    await uow.session.flush()
    if by is not None:
        await by.done("webhook.secret_rotated", "webhook", endpoint_id)
    return NewSecret(endpoint_id, endpoint.secret, endpoint.previous_secret_expires_at)


async def disable_endpoint(
    uow: UnitOfWork, endpoint_id: int, *, by: Acting | None = None
) -> WebhookEndpoint:
    """Stop sending to an endpoint (its undelivered rows fail when their turn comes)."""
    endpoint = await _endpoint(uow, endpoint_id)
    was_active, endpoint.active = endpoint.active, False
    uow.session.add(endpoint)
    await uow.session.flush()
    changed(uow)
    if by is not None and was_active:
        await by.done("webhook.disabled", "webhook", endpoint_id, url=endpoint.url)
    return endpoint


async def send_test_event(uow: UnitOfWork, clock: Clock, endpoint_id: int) -> Outbound:
    """A ``ping`` event to one endpoint through the outbox."""
    endpoint = await _endpoint(uow, endpoint_id)
    if not endpoint.active:
        raise InvalidInput("webhooks.disabled", id=endpoint_id)
    data = {"object": "endpoint", "id": endpoint_id, "url": endpoint.url}
    return await write_delivery(uow, clock, endpoint_id, new_envelope(clock, PING, data))


def signing_secrets(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    """The secrets that sign now: the current one, then the previous one in its grace period."""
    keys = [endpoint.secret]
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret and expires is not None and now < expires:
        keys.append(endpoint.previous_secret)
    return keys


@dataclass(frozen=True)
class Target:
    """Where and with which secrets a delivery goes now."""

    url: str
    secrets: tuple[str, ...]


async def delivery_target(db: Database, endpoint_id: int, now: datetime) -> Target | None:
    """The URL and signing secrets of an active endpoint; None when removed or disabled."""
    async with db.uow() as uow:
        endpoint = await uow.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or not endpoint.active:
        return None
    return Target(endpoint.url, tuple(signing_secrets(endpoint, now)))

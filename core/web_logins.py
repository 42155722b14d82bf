"""Signed-in browsers of staff web accounts, and the throttle on failed sign-ins.

A sign-in stores a ``WebLogin`` row keyed by the SHA-256 of a random token (the browser keeps the
token in a cookie; the table never holds it), with a CSRF token and an expiry that slides with
use: a browser unused for ``hours`` must sign in again.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import col, delete, select

from core.clock import Clock
from core.db import UnitOfWork
from core.models import WebAccount, WebLogin

logger = logging.getLogger(__name__)

SLIDE_EVERY = timedelta(minutes=1)
"""A used session's expiry is pushed forward at most this often (one write a minute)."""


def token_digest(token: str) -> str:
    """The SHA-256 (hex) of a cookie token, as stored."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SignedIn:
    """A live sign-in: the account and the session's CSRF token."""

    account: WebAccount
    login_id: int
    csrf_token: str


async def open_login(
    uow: UnitOfWork, clock: Clock, account: WebAccount, hours: float
) -> tuple[str, WebLogin]:
    """A new session for ``account``: the cookie token (returned once) and the stored row."""
    assert account.id is not None
    token, now = secrets.token_urlsafe(32), clock.now()
    row = WebLogin(
        token_sha256=token_digest(token),
        account_id=account.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    uow.session.add(row)
    await uow.session.flush()
    logger.info("web account %s signed in", account.login)
    return token, row


async def current_login(uow: UnitOfWork, clock: Clock, token: str, hours: float) -> SignedIn | None:
    """The live session of ``token`` (expiry slid forward), or None (unknown, expired, disabled)."""
    if not token:
        return None
    statement = (
        select(WebLogin, WebAccount)
        .join(WebAccount, col(WebAccount.id) == col(WebLogin.account_id))
        .where(WebLogin.token_sha256 == token_digest(token))
    )
    found = (await uow.session.exec(statement)).first()
    if found is None:
        return None
    row, account = found
    now = clock.now()
    if row.expires_at <= now or not account.active:
        await uow.session.delete(row)
        await uow.session.flush()
        return None
    if now - row.last_seen_at >= SLIDE_EVERY:
        row.last_seen_at, row.expires_at = now, now + timedelta(hours=hours)
        uow.session.add(row)
        await uow.session.flush()
    assert row.id is not None
    return SignedIn(account, row.id, row.csrf_token)


async def peek_login(uow: UnitOfWork, clock: Clock, token: str) -> tuple[bool, SignedIn | None]:
    """Reads only (a read-only unit of work will do): ``(must_write, sign_in)``.

    ``must_write``: using ``token`` now writes (an expired or disabled sign-in to delete, an
    expiry due to slide): call :func:`current_login` in a unit of work that commits. Else
    ``sign_in`` is the live sign-in, or None for an unknown token.
    """
    if not token:
        return False, None
    statement = (
        select(WebLogin, WebAccount)
        .join(WebAccount, col(WebAccount.id) == col(WebLogin.account_id))
        .where(WebLogin.token_sha256 == token_digest(token))
    )
    found = (await uow.session.exec(statement)).first()
    if found is None:
        return False, None
    row, account = found
    now = clock.now()
    if row.expires_at <= now or not account.active or now - row.last_seen_at >= SLIDE_EVERY:
        return True, None
    assert row.id is not None
    return False, SignedIn(account, row.id, row.csrf_token)


async def close_login(uow: UnitOfWork, token: str) -> None:
    """Sign the browser holding ``token`` out."""
    await uow.session.exec(
        delete(WebLogin).where(col(WebLogin.token_sha256) == token_digest(token))
    )


async def purge_expired(uow: UnitOfWork, clock: Clock) -> None:
    """Remove sessions past their expiry."""
    await uow.session.exec(delete(WebLogin).where(col(WebLogin.expires_at) <= clock.now()))

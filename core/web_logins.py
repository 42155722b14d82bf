"""Signed-in browsers of staff web accounts, and the throttle on failed sign-ins.

A sign-in stores a ``WebLogin`` row keyed by the SHA-256 of a random token (the browser keeps the
token in a cookie; the table never holds it), with a CSRF token and an expiry that slides with
use: a browser unused for ``hours`` must sign in again.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

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


async def close_login(uow: UnitOfWork, token: str) -> None:
    """Sign the browser holding ``token`` out."""
    await uow.session.exec(
        delete(WebLogin).where(col(WebLogin.token_sha256) == token_digest(token))
    )


async def purge_expired(uow: UnitOfWork, clock: Clock) -> None:
    """Remove sessions past their expiry."""
    await uow.session.exec(delete(WebLogin).where(col(WebLogin.expires_at) <= clock.now()))


class FailureThrottle:
    """Failed sign-ins per key (a login, an IP address): at most ``limit`` in ``window``.

    Process-local: each process counts its own failures (a restart forgets them).
    """

    def __init__(self, clock: Clock, *, limit: int = 5, window: timedelta | None = None) -> None:
        self._clock = clock
        self.limit = limit
        self.window = window or timedelta(minutes=15)
        self._failures: dict[str, deque[datetime]] = {}

    def _recent(self, key: str) -> deque[datetime]:
        stamps = self._failures.get(key)
        if stamps is None:
            return deque()
        horizon = self._clock.now() - self.window
        while stamps and stamps[0] <= horizon:
            stamps.popleft()
        if not stamps:
            del self._failures[key]
        return stamps

    def blocked(self, *keys: str) -> bool:
        """Whether any of ``keys`` has used up its failures in the window."""
        return any(len(self._recent(key)) >= self.limit for key in keys)

    def wait_minutes(self, *keys: str) -> int:
        """Minutes until the oldest counted failure of a blocked key leaves the window."""
        now, longest = self._clock.now(), 0
        for key in keys:
            stamps = self._recent(key)
            if len(stamps) >= self.limit:
                left = stamps[-self.limit] + self.window - now
                longest = max(longest, int(left.total_seconds() // 60) + 1)
        return longest

    def fail(self, *keys: str) -> None:
        """Count a failed sign-in against each of ``keys``."""
        now = self._clock.now()
        for key in keys:
            self._failures.setdefault(key, deque()).append(now)
            if len(self._failures) > 100_000:  # keep memory bounded under a flood
                self._failures.pop(next(iter(self._failures)))

    def clear(self, *keys: str) -> None:
        """Forget the failures of ``keys`` (after a successful sign-in)."""
        for key in keys:
            self._failures.pop(key, None)

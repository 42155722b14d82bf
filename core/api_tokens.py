"""REST API tokens: created with scopes, shown once, kept as a SHA-256, revocable.

A token is ``cso_`` + 43 URL-safe characters (``secrets.token_urlsafe(32)``); only its SHA-256
is stored, so a token is found by hashing what was sent. A revoked token is refused. The last
use is written at most once a minute, so reads do not each write a row.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select

from core.clock import Clock
from core.db import UnitOfWork
from core.errors import InvalidInput, NotFound
from core.events import Acting
from core.messages import echo
from core.models import ApiToken

logger = logging.getLogger(__name__)

PREFIX = "cso_"
SCOPES: tuple[str, ...] = (
    "companies:read",
    "contacts:read",
    "sessions:read",
    "billing:read",
    "bookings:read",
    "bookings:write",
    "consents:read",
)
TOKEN_MAX = 128
"""Longer ``Authorization`` values are refused without hashing."""
LAST_USED_EVERY = timedelta(minutes=1)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", re.ASCII)


@dataclass(frozen=True)
class NewToken:
    """A token just created: its row and the secret, which is never shown again."""

    token: ApiToken
    secret: str


@dataclass(frozen=True)
class TokenHolder:
    """Who a verified token speaks for: its id, name and scopes."""

    id: int
    name: str
    scopes: frozenset[str]


def token_sha256(secret: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def parse_scopes(text: str) -> tuple[str, ...]:
    """``a,b`` as known scopes in the order of ``SCOPES``; InvalidInput naming an unknown one."""
    asked = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not asked:
        raise InvalidInput("api.token.no_scopes", valid=", ".join(SCOPES))
    for scope in asked:
        if scope not in SCOPES:
            raise InvalidInput(
                "api.token.unknown_scope", scope=echo(scope), valid=", ".join(SCOPES)
            )
    return tuple(scope for scope in SCOPES if scope in asked)


def check_name(name: str) -> str:
    """A token's name: 1-64 of letters, digits, ``.``, ``_``, ``-``; InvalidInput else."""
    cleaned = name.strip()
    if not _NAME.fullmatch(cleaned):
        raise InvalidInput("api.token.bad_name", name=echo(name))
    return cleaned


async def create_token(
    uow: UnitOfWork, clock: Clock, name: str, scopes: str, *, by: Acting | None = None
) -> NewToken:
    """Store a new token named ``name`` with ``scopes`` (``a,b``); the secret to show once.

    ``by``: who creates it (audited, without the secret)."""
    checked_name, checked_scopes = check_name(name), parse_scopes(scopes)
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=checked_name,
        token_sha256=token_sha256(secret),
        prefix=PREFIX,
        scopes=",".join(checked_scopes),
        created_at=clock.now(),
    )
    uow.session.add(token)
    await uow.session.flush()
    logger.info("api token %s (%s) created", token.id, checked_name)
    if by is not None:
        await by.done(
            "api_token.created", "api_token", token.id, name=token.name, scopes=token.scopes
        )
    return NewToken(token, secret)


async def list_tokens(uow: UnitOfWork) -> list[ApiToken]:
    """Every token, revoked ones too, by id."""
    return list((await uow.session.exec(select(ApiToken).order_by(col(ApiToken.id)))).all())


async def revoke_token(
    uow: UnitOfWork, clock: Clock, token_id: int, *, by: Acting | None = None
) -> ApiToken:
    """Revoke a token (kept, refused from now on); NotFound when there is none (``by``: audited)."""
    token = await uow.session.get(ApiToken, token_id) if 0 < token_id < 2**31 else None
    if token is None:
        raise NotFound("api.token.unknown", id=token_id)
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        uow.session.add(token)
        logger.info("api token %s (%s) revoked", token.id, token.name)
        if by is not None:
            await by.done("api_token.revoked", "api_token", token.id, name=token.name)
    return token


def token_scopes(token: ApiToken) -> frozenset[str]:
    """The scopes stored on ``token``."""
    return frozenset(scope for scope in token.scopes.split(",") if scope)


async def verify_token(uow: UnitOfWork, clock: Clock, secret: str) -> TokenHolder | None:
    """The holder of a valid, unrevoked token; None otherwise. Notes the use (once a minute)."""
    if not secret.startswith(PREFIX) or len(secret) > TOKEN_MAX:
        return None
    found = (
        await uow.session.exec(
            select(ApiToken).where(ApiToken.token_sha256 == token_sha256(secret))
        )
    ).first()
    if found is None or found.revoked_at is not None or found.id is None:
        return None
    now = clock.now()
    if _stale(found.last_used_at, now):
        found.last_used_at = now
        uow.session.add(found)
    return TokenHolder(found.id, found.name, token_scopes(found))


def _stale(last: datetime | None, now: datetime) -> bool:
    return last is None or now - last >= LAST_USED_EVERY

"""Staff web accounts: logins, passwords hashed with argon2id, web-only staff keys.

An account signs a person in to the web console and dashboard as ``staff_key`` (the identity the
core knows staff by: a Slack user id, or a generated web key ``W`` + 10 letters/digits). Their
roles are not stored here: they come from ``StaffMember`` rows and an active ``Consultant`` with
the same key (see :func:`roles_of`).

Passwords: argon2id with the library's current parameters; a hash made with older parameters is
replaced on the next successful sign-in. Verifying an unknown login still runs one hash check,
so a wrong login and a wrong password take the same time.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
import string
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import col, delete, select

from core.clock import Clock
from core.consultants import normalise_slack_user
from core.db import UnitOfWork
from core.errors import InvalidInput, NotFound
from core.events import Acting
from core.messages import LANGUAGES, normalise_language
from core.models import Consultant, StaffMember, WebAccount, WebLogin

logger = logging.getLogger(__name__)

_LOGIN = re.compile(r"[a-z0-9][a-z0-9._@-]{2,63}", re.ASCII)
PASSWORD_MIN = 8
PASSWORD_MAX = 256
_NAME_MAX = 200
_KEY_ALPHABET = string.ascii_uppercase + string.digits
CONSULTANT_ROLE = "consultant"


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id, RFC 9106 low-memory profile


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash to verify against when the login is unknown (same work as a real check)."""
    return _hasher().hash(secrets.token_urlsafe(16))


def new_staff_key() -> str:
    """A web-only staff key: ``W`` and 10 random capital letters or digits."""
    return "W" + "".join(secrets.choice(_KEY_ALPHABET) for _ in range(10))


def normalise_login(login: str) -> str:
    """A login as stored: trimmed, lower-case, 3-64 of ``a-z 0-9 . _ @ -``; InvalidInput else."""
    cleaned = login.strip().lower() if isinstance(login, str) else ""
    if not _LOGIN.fullmatch(cleaned):
        raise InvalidInput("web_accounts.invalid_login", value=login)
    return cleaned


def check_password(password: str) -> str:
    """The password if it is long enough (and not absurdly long); InvalidInput else."""
    if len(password) < PASSWORD_MIN or not password.strip():
        raise InvalidInput("web_accounts.password_too_short", minimum=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise InvalidInput("web_accounts.password_too_long", maximum=PASSWORD_MAX)
    return password


def _language(language: str | None) -> str | None:
    if language is None or not language.strip():
        return None
    wanted = language.strip()
    if wanted.replace("_", "-").lower() not in {code.lower() for code in LANGUAGES} | {"pt"}:
        raise InvalidInput(
            "web_accounts.unknown_language", value=language, valid=", ".join(LANGUAGES)
        )
    return normalise_language(wanted)


def _name(name: str | None) -> str | None:
    if name is None:
        return None
    cleaned = " ".join(name.split())
    if len(cleaned) > _NAME_MAX:
        raise InvalidInput("admin.too_long", value=cleaned[:40], limit=_NAME_MAX)
    return cleaned or None


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (after the length check)."""
    return _hasher().hash(check_password(password))


async def account_by_login(uow: UnitOfWork, login: str) -> WebAccount | None:
    """The account with this login (any case), or None."""
    cleaned = login.strip().lower() if isinstance(login, str) else ""
    statement = select(WebAccount).where(WebAccount.login == cleaned)
    return (await uow.session.exec(statement)).first()


async def save_account(
    uow: UnitOfWork,
    clock: Clock,
    *,
    login: str,
    password: str | None = None,
    staff_key: str | None = None,
    name: str | None = None,
    language: str | None = None,
    by: Acting | None = None,
) -> tuple[WebAccount, bool]:
    """Create the account (a new one needs a password) or update it; ``(account, created)``.

    Without ``staff_key`` a new account gets a generated web key and an existing one keeps its
    key. A disabled account stays disabled (only :func:`enable_account` lets it in again).
    Everything is checked before anything is written. ``by``: who does it (audited).
    """
    cleaned_login = normalise_login(login)
    key = normalise_slack_user(staff_key) if staff_key else None
    cleaned_name, chosen_language = _name(name), _language(language)
    hashed = hash_password(password) if password is not None else None
    account = await account_by_login(uow, cleaned_login)
    now = clock.now()
    created = account is None
    if account is None:
        if hashed is None:
            raise InvalidInput("web_accounts.password_required")
        account = WebAccount(
            login=cleaned_login,
            password_hash=hashed,
            staff_key=key or new_staff_key(),
            name=cleaned_name,
            language=chosen_language,
            password_changed_at=now,
            created_at=now,
        )
    else:
        if hashed is not None:
            account.password_hash, account.password_changed_at = hashed, now
            await _sign_out_everywhere(uow, account)
        account.staff_key = key or account.staff_key
        account.name = cleaned_name or account.name
        account.language = chosen_language or account.language
    uow.session.add(account)
    await uow.session.flush()
    logger.info("web account %s %s", account.login, "created" if created else "updated")
    if by is not None:
        action = "staff.account_created" if created else "staff.account_updated"
        await by.done(
            action,
            "web_account",
            account.login,
            staff_key=account.staff_key,
            name=account.name,
            password_changed=hashed is not None,
        )
    return account, created


async def _existing(uow: UnitOfWork, login: str) -> WebAccount:
    account = await account_by_login(uow, normalise_login(login))
    if account is None:
        raise NotFound("web_accounts.unknown_login", login=login.strip())
    return account


async def _sign_out_everywhere(uow: UnitOfWork, account: WebAccount) -> None:
    if account.id is not None:
        await uow.session.exec(delete(WebLogin).where(col(WebLogin.account_id) == account.id))


async def change_password(uow: UnitOfWork, clock: Clock, login: str, password: str) -> WebAccount:
    """Set a new password; every signed-in browser of the account is signed out."""
    hashed = hash_password(password)
    account = await _existing(uow, login)
    account.password_hash, account.password_changed_at = hashed, clock.now()
    await _sign_out_everywhere(uow, account)
    uow.session.add(account)
    await uow.session.flush()
    logger.info("web account %s: password changed", account.login)
    return account


async def disable_account(uow: UnitOfWork, login: str, *, by: Acting | None = None) -> WebAccount:
    """The account can no longer sign in; its signed-in browsers are signed out (``by``:
    audited)."""
    account = await _existing(uow, login)
    account.active = False
    await _sign_out_everywhere(uow, account)
    uow.session.add(account)
    await uow.session.flush()
    logger.info("web account %s disabled", account.login)
    if by is not None:
        await by.done("staff.account_disabled", "web_account", account.login)
    return account


async def enable_account(uow: UnitOfWork, login: str, *, by: Acting | None = None) -> WebAccount:
    """A disabled account may sign in again (with its current password; ``by``: audited)."""
    account = await _existing(uow, login)
    account.active = True
    uow.session.add(account)
    await uow.session.flush()
    logger.info("web account %s enabled", account.login)
    if by is not None:
        await by.done("staff.account_enabled", "web_account", account.login)
    return account


async def verify_login(uow: UnitOfWork, login: str, password: str) -> WebAccount | None:
    """The active account when ``password`` is right; None otherwise (same work either way).

    A hash made with outdated parameters is replaced (in the caller's transaction). The hashing
    runs inside that transaction: where a write lock must not wait on it (the web sign-in), read
    the account, check with :func:`password_matches` outside any transaction, then
    :func:`refresh_hash` in the one that writes.
    """
    account = await account_by_login(uow, login) if len(password) <= PASSWORD_MAX else None
    if not await password_matches(account, password):
        return None
    assert account is not None
    await refresh_hash(uow, account, password)
    return account


async def password_matches(account: WebAccount | None, password: str) -> bool:
    """Whether ``account`` is active and ``password`` is its password (argon2 off the event loop,
    no database: the same work for an unknown account or an over-long password)."""
    known = account is not None and len(password) <= PASSWORD_MAX
    stored = account.password_hash if account is not None and known else _dummy_hash()
    if not await asyncio.to_thread(_matches, stored, password[:PASSWORD_MAX]):
        return False
    return known and account is not None and account.active


async def refresh_hash(uow: UnitOfWork, account: WebAccount, password: str) -> None:
    """Replace ``account``'s hash when it was made with outdated parameters (``password`` right)."""
    if _hasher().check_needs_rehash(account.password_hash):
        account.password_hash = await asyncio.to_thread(_hasher().hash, password)
        uow.session.add(account)
        await uow.session.flush()
        logger.info("web account %s: password hash upgraded", account.login)


def _matches(stored: str, password: str) -> bool:
    """Whether ``password`` matches the argon2 hash ``stored`` (run off the event loop)."""
    try:
        return _hasher().verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def roles_of(uow: UnitOfWork, staff_key: str) -> frozenset[str]:
    """The roles of ``staff_key``: its ``StaffMember`` roles, plus ``consultant`` when active."""
    key = staff_key.strip().upper()
    held = await uow.session.exec(select(StaffMember.role).where(StaffMember.staff_key == key))
    roles = set(held.all())
    consultant = await uow.session.exec(
        select(Consultant.id).where(Consultant.staff_key == key, col(Consultant.active).is_(True))
    )
    if consultant.first() is not None:
        roles.add(CONSULTANT_ROLE)
    return frozenset(roles)


async def list_accounts(uow: UnitOfWork) -> list[WebAccount]:
    """Every web account, by login."""
    result = await uow.session.exec(select(WebAccount).order_by(col(WebAccount.login)))
    return list(result.all())

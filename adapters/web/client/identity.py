"""Who a browser is: the ``cw_client`` cookie's random secret -> a web address and a CSRF token.

The cookie (HttpOnly, SameSite=Lax, a year; Secure when the public URL is https) holds
``secrets.token_urlsafe(32)``. The server only ever uses its SHA-256 (first 40 hex characters):
the contact's address is ``Address("web", "c:<hash>")``. The CSRF token is an HMAC of the secret,
so only a page that the cookie's owner loaded knows it; every POST must carry it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from aiohttp import web

from core.outbox import Address

CLIENT_COOKIE = "cw_client"
COOKIE_MAX_AGE = 365 * 24 * 3600
CSRF_HEADER = "X-CSRF-Token"
_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


@dataclass(frozen=True)
class WebClient:
    """A browser known by its cookie secret (``new``: the cookie is to be set now)."""

    secret: str
    new: bool = False

    @property
    def key(self) -> str:
        """The first 40 hex characters of the secret's SHA-256 (never the secret itself)."""
        return hashlib.sha256(self.secret.encode()).hexdigest()[:40]

    @property
    def address(self) -> Address:
        """The client's chat on the web channel."""
        return Address("web", f"c:{self.key}")

    @property
    def csrf_token(self) -> str:
        """The token every POST of this browser must carry (``X-CSRF-Token``)."""
        return hmac.new(self.secret.encode(), b"consultoria-csrf", hashlib.sha256).hexdigest()


def known_client(request: web.Request) -> WebClient | None:
    """The browser's identity from a well-formed cookie, or None."""
    secret = request.cookies.get(CLIENT_COOKIE, "")
    return WebClient(secret) if _SECRET_SHAPE.match(secret) else None


def client_or_new(request: web.Request) -> WebClient:
    """The browser's identity, or a new one (remember to set its cookie)."""
    return known_client(request) or WebClient(secrets.token_urlsafe(32), new=True)


def remember(response: web.StreamResponse, client: WebClient, *, secure: bool) -> None:
    """Set the identity cookie when it is new."""
    if client.new:
        response.set_cookie(
            CLIENT_COOKIE,
            client.secret,
            max_age=COOKIE_MAX_AGE,
            path="/",
            httponly=True,
            samesite="Lax",
            secure=secure,
        )


def csrf_ok(request: web.Request, client: WebClient | None) -> bool:
    """Whether the request carries this browser's CSRF token."""
    given = request.headers.get(CSRF_HEADER, "")
    return client is not None and bool(given) and hmac.compare_digest(given, client.csrf_token)

"""Row ids in URLs: digits only, 1 to 2^31 - 1 (PostgreSQL's integer ids); anything else names no
row, so a page answers 404 (or a clear 400 for a query field) instead of a database error."""

from __future__ import annotations

from aiohttp import web

MAX_ID = 2**31 - 1
_DIGITS = len(str(MAX_ID))


def parse_id(text: str) -> int | None:
    """``text`` as a row id, or None when it cannot be one."""
    if not (text.isascii() and text.isdigit()) or len(text) > _DIGITS:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


def path_id(request: web.Request, name: str) -> int:
    """The URL's ``name`` part as a row id; 404 when it cannot be one."""
    found = parse_id(request.match_info.get(name, ""))
    if found is None:
        raise web.HTTPNotFound()
    return found

"""The benchmarks' event loop (asyncio's or uvloop's) and JSON library (the stdlib's or orjson).

``run_on("uvloop", coro)`` runs ``coro`` on a uvloop loop. ``json_library("orjson")`` puts
orjson behind ``json.dumps`` / ``json.loads`` for the whole process while it is open: every
caller that looks them up at call time (SQLAlchemy's JSON columns of an engine created after,
PTB's requests and responses, slack_sdk's) gets orjson; calls it cannot serve the same way
(``indent``, ``cls``, hooks) fall back to the stdlib. (aiohttp's ``json_response`` and
``request.json`` bound ``json.dumps``/``loads`` as defaults at import: they keep the stdlib.)
What orjson could save on the relay path, without touching the bot's code.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
LOOPS = ("asyncio", "uvloop")
JSON_LIBRARIES = ("stdlib", "orjson")


def loop_factory(name: str) -> Callable[[], asyncio.AbstractEventLoop] | None:
    """The event loop factory for ``name`` (None: asyncio's default)."""
    if name == "uvloop":
        import uvloop

        return uvloop.new_event_loop
    if name != "asyncio":
        raise ValueError(f"unknown event loop {name!r}")
    return None


def run_on(name: str, coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to the end on a new event loop of kind ``name``."""
    with asyncio.Runner(loop_factory=loop_factory(name)) as runner:
        return runner.run(coroutine)


@contextmanager
def json_library(name: str) -> Iterator[None]:
    """While open, ``json.dumps`` and ``json.loads`` are ``name``'s (see the module docstring)."""
    if name == "stdlib":
        yield
        return
    if name != "orjson":
        raise ValueError(f"unknown JSON library {name!r}")
    import orjson

    dumps, loads = json.dumps, json.loads
    simple_dump = {"ensure_ascii", "separators", "default", "sort_keys"}

    def fast_dumps(obj: Any, **kwargs: Any) -> str:
        if kwargs.keys() <= simple_dump:
            option = orjson.OPT_NON_STR_KEYS
            if kwargs.get("sort_keys"):
                option |= orjson.OPT_SORT_KEYS
            try:
                return orjson.dumps(obj, default=kwargs.get("default"), option=option).decode()
            except TypeError:
                pass
        return dumps(obj, **kwargs)

    def fast_loads(text: str | bytes | bytearray, **kwargs: Any) -> Any:
        if not kwargs:
            try:
                return orjson.loads(text)
            except orjson.JSONDecodeError:
                pass
        return loads(text, **kwargs)

    json.dumps, json.loads = fast_dumps, fast_loads  # type: ignore[assignment]
    try:
        yield
    finally:
        json.dumps, json.loads = dumps, loads

"""Slack listeners, one per module under ``commands/``, ``actions/``, ``views/`` and ``events/``.

Every module that defines ``register(app: AsyncApp, core: Core) -> None`` is imported and
registered by :func:`register_all`; adding a listener is adding a module.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Iterator
from types import ModuleType

from slack_bolt.async_app import AsyncApp

from core.context import Core

logger = logging.getLogger(__name__)


def listener_modules() -> Iterator[ModuleType]:
    """Every module below this package, in a stable (sorted) order."""
    names = sorted(
        info.name
        for info in pkgutil.walk_packages(__path__, prefix=f"{__name__}.")
        if not info.ispkg
    )
    for name in names:
        yield importlib.import_module(name)


def register_all(app: AsyncApp, core: Core) -> None:
    """Call ``register(app, core)`` of every listener module."""
    for module in listener_modules():
        register = getattr(module, "register", None)
        if callable(register):
            register(app, core)
            logger.debug("slack listener registered: %s", module.__name__)

"""Every timer kind the core schedules has a handler in the timer loop's registry."""

from __future__ import annotations

import re
from pathlib import Path

from core.timer_kinds import timer_handlers

CORE = Path(__file__).parents[2] / "core"


def test_every_scheduled_timer_kind_has_a_handler() -> None:
    scheduled: set[str] = set()
    for module in CORE.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        if "schedule(" in text:
            scheduled |= set(re.findall(r'^[A-Z_]+ = "([a-z_]+\.[a-z_]+)"$', text, re.M))
    scheduled.discard("billing.no_consent")
    assert scheduled, "the scan found the timer kinds"
    assert scheduled <= set(timer_handlers())

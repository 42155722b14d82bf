"""Every timer kind the core schedules has a handler in the timer loop's registry."""

from __future__ import annotations

import re
from pathlib import Path

from bot.bootstrap import timer_handlers

CORE = Path(__file__).parents[2] / "core"
# timers.schedule(uow, clock, KIND, ...) and timer rows written in bulk ({"kind": KIND, ...})
SCHEDULE_CALL = re.compile(r"schedule\(\s*uow,\s*[\w.]+,\s*([A-Z_]+)\b|\"kind\": ([A-Z_]+)\b")
CONSTANT = re.compile(r'^([A-Z_]+) = "([a-z_]+\.[a-z_]+)"$', re.M)


def test_every_scheduled_timer_kind_has_a_handler() -> None:
    texts = [module.read_text(encoding="utf-8") for module in CORE.rglob("*.py")]
    constants = {name: value for text in texts for name, value in CONSTANT.findall(text)}
    names = {name for text in texts for pair in SCHEDULE_CALL.findall(text) for name in pair}
    scheduled = {constants[name] for name in names if name}
    assert len(scheduled) >= 5, f"the scan found the scheduled kinds: {sorted(scheduled)}"
    assert scheduled <= set(timer_handlers())

"""The process's heap once the bot has started: taken out of the garbage collector's walks.

A full (generation 2) collection walks every object the collector tracks. After start-up most of
them live as long as the process (modules, the models and their compiled statements, the
channels' clients, the holiday calendars), and walking them all stopped the event loop for up to
a tenth of a second every few thousand messages — the slowest messages' latency
(`bench/README.md`, "Heap"). ``settle`` collects once, then freezes what is left
(``gc.freeze``): later collections walk only what was made since.
"""

from __future__ import annotations

import gc
import logging

logger = logging.getLogger(__name__)


def settle() -> int:
    """Collect, then move every object alive now out of the collector's walks; how many."""
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    logger.info("heap settled: %s start-up objects left out of garbage collection", frozen)
    return frozen

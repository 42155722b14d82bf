"""One bot process for the SIGKILL tests: ``python -m tests.e2e.bot_process``.

The Runtime from the ``CONSULTORIA_*`` environment, as ``consultoria run`` builds it, with three
test adjustments: a clock shifted by ``E2E_CLOCK_OFFSET`` seconds (so the run happens inside
opening hours whatever the real time), a short outbox lease (``E2E_LEASE`` s: a row claimed by a
killed process is taken again after it, instead of the default 60 s) and short client timeouts.
Prints ``READY <port>`` once serving; SIGTERM stops it cleanly (exit 0).
"""

from __future__ import annotations

import asyncio
import os
import signal
from datetime import UTC, datetime, timedelta

from bot.runtime import Runtime
from bot.wiring import load_settings
from tests.e2e.pieces import shorten_timeouts


class ShiftedClock:
    """The real clock moved by a fixed offset."""

    def __init__(self, offset: float) -> None:
        self.offset = timedelta(seconds=offset)

    def now(self) -> datetime:
        """Now, shifted."""
        return datetime.now(UTC) + self.offset


async def main() -> None:
    """Start, report the port, serve until SIGTERM."""
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    settings = load_settings()
    clock = ShiftedClock(float(os.environ.get("E2E_CLOCK_OFFSET", "0")))
    runtime = Runtime(settings, clock=clock, idle=0.2)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await runtime.start()
    runtime.dispatcher.lease = timedelta(seconds=float(os.environ.get("E2E_LEASE", "3")))
    shorten_timeouts(runtime, 2.0)
    print(f"READY {runtime.http_port}", flush=True)
    await stop.wait()
    await runtime.stop(flush_timeout=5.0)


if __name__ == "__main__":
    asyncio.run(main())

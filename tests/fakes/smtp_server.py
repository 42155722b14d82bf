"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), recording what it accepts.

``answers`` queues SMTP replies for the next DATA commands (``"451 4.3.0 Try later"``,
``"550 5.1.1 No such user"``); with none queued, a message is accepted and recorded. The
server runs in its own thread (aiosmtpd's ``Controller``); the records are read after the
client's send has returned.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    """One accepted message: the envelope and the parsed message."""

    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class SmtpRecorder:
    """The handler: accepted messages, replies queued for the next ones, every attempt seen."""

    received: list[Received] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    attempts: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.original_content, policy=default)
        assert isinstance(parsed, EmailMessage)
        with self.lock:
            self.attempts.append(parsed)
            if self.answers:
                return self.answers.pop(0)
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def smtp_server(port: int | None = None) -> Iterator[tuple[SmtpRecorder, int]]:
    """A running server and its port (``port``, else a free one); stopped afterwards."""
    recorder = SmtpRecorder()
    port = port or free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()

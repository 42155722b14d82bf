"""The buttons a session shows: the staff's controls and the client's *Encerrar*."""

from __future__ import annotations

from core.messages import t
from core.outbox import Choice


def session_controls(session_id: int, language: str, *, booked: bool = False) -> tuple[Choice, ...]:
    """The session buttons for the thread: end, call a specialist, on-site, transfer, medium; a
    booked session also *Cliente presente* (billing starts when the client is there)."""
    present = (Choice(f"present:{session_id}", t("sessions.presence.button", language), "primary"),)
    return (
        *(present if booked else ()),
        Choice(f"end:{session_id}", t("sessions.button.end", language), "danger"),
        Choice(f"specialist:{session_id}", t("sessions.button.specialist", language)),
        Choice(f"onsite:{session_id}", t("sessions.button.onsite", language)),
        Choice(f"transfer:{session_id}", t("sessions.button.transfer", language)),
        Choice(f"medium:{session_id}", t("connection.button.medium", language)),
    )


def client_end_choice(session_id: int, language: str) -> Choice:
    """The client's *Encerrar atendimento* button."""
    return Choice(f"client_end:{session_id}", t("sessions.button.client_end", language), "danger")

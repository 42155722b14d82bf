"""Offline messages ("deixar recado"): what a client leaves for the team while the service is
closed, and how the team takes and resolves it.

Client action id: ``offline:<request>`` (*Deixar recado*, beside booking in the closed notice)
-> :func:`ask_offline_message`; the client's next text -> :func:`keep_offline_message` (called
by the intake's free-text handling), ``/cancelar`` -> :func:`abandon_offline_message`.
Staff action ids (the card in the staff requests room, Slack or the console):
``offline_take:<id>`` (*Vou responder*) -> :func:`assign_offline_message`,
``offline_done:<id>`` (*Resolvido*) -> :func:`resolve_offline_message`. The console lists them
with :func:`offline_board`.
"""

from core.offline.board import OfflineBoard, OfflineLine, offline_board
from core.offline.client import (
    abandon_offline_message,
    ask_offline_message,
    keep_offline_message,
    leave_choice,
    offline_card,
)
from core.offline.common import (
    DONE_ACTION,
    LEAVE_ACTION,
    OFFLINE_CARD,
    OFFLINE_PROMPT,
    TAKE_ACTION,
    TEXT_MAX,
)
from core.offline.team import assign_offline_message, is_team_member, resolve_offline_message

__all__ = [
    "DONE_ACTION",
    "LEAVE_ACTION",
    "OFFLINE_CARD",
    "OFFLINE_PROMPT",
    "TAKE_ACTION",
    "TEXT_MAX",
    "OfflineBoard",
    "OfflineLine",
    "abandon_offline_message",
    "ask_offline_message",
    "assign_offline_message",
    "is_team_member",
    "keep_offline_message",
    "leave_choice",
    "offline_board",
    "offline_card",
    "resolve_offline_message",
]

"""Personal data (LGPD): export and erasure of a contact, retention purge of relayed contents."""

from core.privacy.lgpd import Erasure, consents_shown, erase_contact, export_contact
from core.privacy.retention import PURGE, TIMER_HANDLERS, ensure_retention_timer
from core.sessions import RELAY_PURGED

__all__ = [
    "PURGE",
    "RELAY_PURGED",
    "TIMER_HANDLERS",
    "Erasure",
    "consents_shown",
    "ensure_retention_timer",
    "erase_contact",
    "export_contact",
]

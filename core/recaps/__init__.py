"""Session recaps: the conversation of an ended session, for the client to keep.

The client's end message carries a ``recap:<session>`` button (``core.sessions.RECAP_OFFER``);
it maps to :func:`request_recap`, which freezes the recap (header and relayed messages, in the
client's language, ``//`` notes never included) and sends it through the outbox as a document
attachment (channel :data:`RECAP_DOCUMENT`, ref ``<session>:pdf`` / ``:html``) that the
documents adapter renders from the stored recap. Outbox purposes: ``recap`` (the chat's copy) and
``recap_mail`` (the e-mail), subject: the session id. Kept ``recap_retention`` (see
:mod:`core.recaps.keeping`), exported and erased with the contact.
"""

from __future__ import annotations

from core.recaps.content import build_recap
from core.recaps.keeping import (
    delete_old_recaps,
    delete_recaps_of,
    forget_guest_lines,
    recaps_of,
)
from core.recaps.recap import Recap, RecapLine
from core.recaps.request import (
    FORMATS,
    RECAP,
    RECAP_DOCUMENT,
    RECAP_MAIL,
    load_recap,
    parse_recap_ref,
    recap_attachment,
    request_recap,
    stored_recap,
)

__all__ = [
    "FORMATS",
    "RECAP",
    "RECAP_DOCUMENT",
    "RECAP_MAIL",
    "Recap",
    "RecapLine",
    "build_recap",
    "delete_old_recaps",
    "delete_recaps_of",
    "forget_guest_lines",
    "load_recap",
    "parse_recap_ref",
    "recap_attachment",
    "recaps_of",
    "request_recap",
    "stored_recap",
]

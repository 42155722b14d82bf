"""The outbox: what the core says is written as rows in the caller's transaction, delivered later.

``message`` holds the neutral message types and the row writer, ``sender`` the channel sender
contract, ``dispatcher`` the loop that claims due rows (as ``claimed`` rows, no ORM objects) and
delivers them, ``records`` and ``feedback`` what a delivery's outcome changes.
"""

from core.outbox.batch import Post, post_row, send_all, written
from core.outbox.dispatcher import OutboxDispatcher
from core.outbox.feedback import QUEUE_CARD, REQUEST_CARD, Unreachable
from core.outbox.message import (
    Address,
    Attachment,
    Choice,
    Field,
    OutboundMessage,
    latest_outbound,
    send,
)
from core.outbox.records import RetryPolicy
from core.outbox.sender import (
    Delivery,
    PermanentDeliveryError,
    Sender,
    TransientDeliveryError,
)
from core.unit_of_work import outbox_of

__all__ = [
    "QUEUE_CARD",
    "REQUEST_CARD",
    "Address",
    "Attachment",
    "Choice",
    "Delivery",
    "Field",
    "OutboundMessage",
    "OutboxDispatcher",
    "PermanentDeliveryError",
    "Post",
    "RetryPolicy",
    "Sender",
    "TransientDeliveryError",
    "Unreachable",
    "latest_outbound",
    "outbox_of",
    "post_row",
    "send",
    "send_all",
    "written",
]

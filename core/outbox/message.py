"""Channel-neutral addresses and outbound messages, written as outbox rows in one transaction.

Addresses:
- a Telegram chat: ``Address("telegram", chat_id)``;
- a Slack channel or thread: ``Address("slack", channel_id, thread=ts)``; a Slack user's direct
  messages: ``Address("slack", user_id)``;
- the web channel (later): ``Address("web", conversation_id)``.

An outbound message may edit an earlier one (``edit_of``: the earlier outbox row, whose platform
reference the dispatcher looks up when it sends) or be posted in the thread started by an earlier
one (``thread_of``), so the core never waits for a platform's answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import col, select

from core.clock import Clock
from core.db import UnitOfWork
from core.models import Channel, Outbound, OutboundStatus
from core.unit_of_work import outbox_of


@dataclass(frozen=True)
class Address:
    """Where a message goes: a channel, an id there, and optionally a thread."""

    channel: str
    id: str
    thread: str | None = None

    def in_thread(self, thread: str | None) -> Address:
        """The same place, in ``thread``."""
        return Address(self.channel, self.id, thread)


@dataclass(frozen=True)
class Choice:
    """A button: a short action id (at most 64 bytes, never a payload) and its label."""

    action: str
    label: str
    style: str | None = None  # "primary" | "danger" | None

    def __post_init__(self) -> None:
        if len(self.action.encode()) > 64:
            raise ValueError(f"action id longer than 64 bytes: {self.action!r}")


@dataclass(frozen=True)
class Attachment:
    """A file relayed between channels: its kind, the origin channel's reference and a name."""

    kind: str  # "photo" | "document" | "voice" | "video"
    channel: str  # the channel the reference belongs to
    ref: str  # platform file id or URL
    name: str | None = None
    mime_type: str | None = None


@dataclass(frozen=True)
class Field:
    """A labelled value of a card (Slack renders them as fields, Telegram as lines)."""

    label: str
    value: str


@dataclass(frozen=True)
class OutboundMessage:
    """What to say: text, buttons, files, card fields; ``ephemeral_to``: one Slack user sees it."""

    text: str
    choices: tuple[Choice, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    fields: tuple[Field, ...] = ()
    title: str | None = None
    ephemeral_to: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_payload(self) -> dict[str, Any]:
        """A JSON-ready dict for the outbox row (``from_payload`` reads it back).

        Written out rather than ``dataclasses.asdict``, whose generic deep copy was a twentieth
        of a relayed message's CPU; ``extra`` is copied (JSON values: dicts, lists, scalars).
        """
        return {
            "text": self.text,
            "choices": [
                {"action": c.action, "label": c.label, "style": c.style} for c in self.choices
            ],
            "attachments": [
                {
                    "kind": a.kind,
                    "channel": a.channel,
                    "ref": a.ref,
                    "name": a.name,
                    "mime_type": a.mime_type,
                }
                for a in self.attachments
            ],
            "fields": [{"label": f.label, "value": f.value} for f in self.fields],
            "title": self.title,
            "ephemeral_to": self.ephemeral_to,
            "extra": _copied(self.extra),
        }

    @staticmethod
    def from_payload(payload: dict[str, Any]) -> OutboundMessage:
        """Rebuild a message from an outbox row's payload."""
        return OutboundMessage(
            text=payload["text"],
            choices=tuple(Choice(**c) for c in payload.get("choices", ())),
            attachments=tuple(Attachment(**a) for a in payload.get("attachments", ())),
            fields=tuple(Field(**f) for f in payload.get("fields", ())),
            title=payload.get("title"),
            ephemeral_to=payload.get("ephemeral_to"),
            extra=dict(payload.get("extra", {})),
        )


def _copied(value: Any) -> Any:
    """A copy of a JSON value (its dicts and lists new, so the payload shares nothing)."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_copied(item) for item in value]
    return value


async def send(
    uow: UnitOfWork,
    clock: Clock,
    to: Address,
    message: OutboundMessage,
    *,
    purpose: str | None = None,
    subject_id: int | None = None,
    edit_of: int | None = None,
    thread_of: int | None = None,
) -> Outbound:
    """Write ``message`` to the outbox in the caller's transaction; the dispatcher delivers it.

    ``purpose`` + ``subject_id`` tell the core what the platform's answer means when it comes back
    (for example ``"request_card"`` of request 12: its Slack ``ts`` becomes the session thread).
    """
    now = clock.now()
    payload = message.to_payload()
    if thread_of is not None:
        payload["thread_of"] = thread_of
    row = Outbound(
        channel=Channel(to.channel),
        address=to.id,
        thread=to.thread,
        payload=payload,
        purpose=purpose,
        subject_id=subject_id,
        edit_of_id=edit_of,
        status=OutboundStatus.PENDING,
        next_attempt_at=now,
        created_at=now,
    )
    uow.session.add(row)
    await uow.session.flush()
    uow.after_commit_wake(outbox_of(to.channel))
    return row


async def latest_outbound(uow: UnitOfWork, purpose: str, subject_id: int) -> Outbound | None:
    """The newest original (not an edit) outbox row of ``purpose`` for ``subject_id``.

    Use it to edit a card in place (``edit_of=row.id``) or to post in its thread
    (``thread_of=row.id``) before the platform has answered with the card's reference.
    """
    statement = (
        select(Outbound)
        .where(Outbound.purpose == purpose, Outbound.subject_id == subject_id)
        .where(col(Outbound.edit_of_id).is_(None))
        .order_by(col(Outbound.id).desc())
    )
    return (await uow.session.exec(statement)).first()

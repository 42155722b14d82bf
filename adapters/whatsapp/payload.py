"""Pydantic models of the Cloud API webhook's documented payload (unknown fields ignored).

``entry[].changes[].value`` carries ``contacts[]`` (the sender's profile name and ``wa_id``),
``messages[]`` (text, interactive replies, template quick replies, media) and ``statuses[]``
(sent, delivered, read, failed with ``errors[]``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)


class Profile(_Model):
    """A sender's WhatsApp profile."""

    name: str | None = Field(default=None, max_length=512)


class WaContact(_Model):
    """Who sent the messages of a change."""

    wa_id: str = Field(max_length=32)
    profile: Profile | None = None


class Text(_Model):
    """A text message's body."""

    body: str = Field(max_length=65536)


class Reply(_Model):
    """A pressed reply button or a chosen list row."""

    id: str = Field(max_length=256)
    title: str = Field(default="", max_length=256)


class Interactive(_Model):
    """``button_reply`` or ``list_reply``."""

    type: str = Field(max_length=32)
    button_reply: Reply | None = None
    list_reply: Reply | None = None


class QuickReply(_Model):
    """A template's quick-reply button."""

    text: str = Field(default="", max_length=256)
    payload: str = Field(default="", max_length=256)


class Media(_Model):
    """An incoming file: its media id (fetched through the Graph API), type and name."""

    id: str = Field(max_length=64)
    mime_type: str | None = Field(default=None, max_length=255)
    caption: str | None = Field(default=None, max_length=4096)
    filename: str | None = Field(default=None, max_length=255)


class WaMessage(_Model):
    """One inbound message."""

    id: str = Field(min_length=1, max_length=128)
    sender: str = Field(alias="from", max_length=32)
    timestamp: str = Field(default="", max_length=20)
    type: str = Field(max_length=32)
    text: Text | None = None
    interactive: Interactive | None = None
    button: QuickReply | None = None
    image: Media | None = None
    document: Media | None = None
    audio: Media | None = None
    video: Media | None = None
    sticker: Media | None = None


class StatusError(_Model):
    """Why a message failed."""

    code: int
    title: str = Field(default="", max_length=512)


class Status(_Model):
    """A status callback of a message this number sent."""

    id: str = Field(max_length=128)
    status: str = Field(max_length=16)
    recipient_id: str = Field(default="", max_length=32)
    timestamp: str = Field(default="", max_length=20)
    errors: list[StatusError] = Field(default_factory=list, max_length=10)


class Metadata(_Model):
    """The business number the change is about."""

    phone_number_id: str = Field(default="", max_length=32)
    display_phone_number: str = Field(default="", max_length=32)


class Value(_Model):
    """A change's content."""

    messaging_product: str = Field(default="whatsapp", max_length=16)
    metadata: Metadata | None = None
    contacts: list[WaContact] = Field(default_factory=list, max_length=100)
    messages: list[WaMessage] = Field(default_factory=list, max_length=100)
    statuses: list[Status] = Field(default_factory=list, max_length=100)


class Change(_Model):
    """One change (``field`` is ``messages`` for everything the adapter reads)."""

    field: str = Field(default="", max_length=64)
    value: Value


class Entry(_Model):
    """The changes of one WhatsApp Business Account."""

    id: str = Field(default="", max_length=64)
    changes: list[Change] = Field(default_factory=list, max_length=100)


class Notification(_Model):
    """A webhook POST's body."""

    object: str = Field(max_length=64)
    entry: list[Entry] = Field(default_factory=list, max_length=100)

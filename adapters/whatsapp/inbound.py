"""Inbound WhatsApp messages as core calls: text, reply buttons and list rows, files.

Each message is one core call with ``inbound=("whatsapp", <keyed hashes of the sender and the
wamid>)``: a message Meta delivers again acts once. Text goes to ``intake.handle_text`` (a typed
``CODIGO XXXX`` as the bare code; ``/menu``, ``/cancelar``, ``/agendamentos``... to the web
chat's typed commands); a pressed button or list row (or a template's quick reply) carries the
same action id Telegram uses as callback data and goes to ``core.client.press``; a "more
options" row shows the next page of a long list; images, documents, audio and video reach the
core as attachments of channel ``whatsapp`` (their bytes are fetched later, by
``WhatsAppFileSource``, when a sender needs them).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable

from adapters.whatsapp.payload import Media, WaMessage
from adapters.whatsapp.records import inbound_key, keyed_hash
from core import intake
from core.client import Outcome, Result, command_of, outcome_of, press
from core.context import Core
from core.messages import normalise_language, t
from core.outbox import Address, Attachment

logger = logging.getLogger(__name__)

CHANNEL = "whatsapp"
UNSUPPORTED = "wa.unsupported"
MORE_PREFIX = "wa.more:"
"""A list row that asks for the next page: ``wa.more:<outbox row id>:<page>``."""

_CODE = re.compile(r"^\s*c[oó]digo[\s:]+(\S.*)$", re.IGNORECASE)

Notify = Callable[[str, str], Awaitable[None]]
"""Sends a plain text to a WhatsApp user at once (refusals and adapter notices only)."""

Paginate = Callable[[str, int, int], Awaitable[None]]
"""Sends page ``page`` of outbox row ``row``'s choices to a WhatsApp user."""


def typed_text(text: str) -> str:
    """``CODIGO AB12CD`` (the wa.me link's prefilled text) -> ``AB12CD``; other text as is."""
    found = _CODE.match(text)
    return found.group(1).strip() if found else text


def attachments_of(message: WaMessage) -> tuple[tuple[Attachment, ...], str]:
    """The message's files as neutral attachments (media ids) and its caption."""
    kinds: tuple[tuple[str, Media | None], ...] = (
        ("photo", message.image),
        ("document", message.document),
        ("voice", message.audio),
        ("video", message.video),
    )
    found: list[Attachment] = []
    caption = ""
    for kind, media in kinds:
        if media is None:
            continue
        found.append(Attachment(kind, CHANNEL, media.id, media.filename, media.mime_type))
        caption = caption or (media.caption or "")
    return tuple(found), caption


def reply_id(message: WaMessage) -> str | None:
    """The id of a pressed reply button, chosen list row or template quick reply."""
    interactive = message.interactive
    if interactive is not None:
        chosen = interactive.button_reply or interactive.list_reply
        return chosen.id if chosen is not None else None
    if message.button is not None and message.button.payload:
        return message.button.payload
    return None


class InboundHandler:
    """Hands each parsed message to the core; ``notify`` tells the client of a refusal."""

    def __init__(
        self,
        core: Core,
        notify: Notify,
        paginate: Paginate,
        *,
        secret: str,
        language: str = "pt-BR",
    ) -> None:
        self.core = core
        self.secret = secret
        self.notify = notify
        self.paginate = paginate
        self.language = normalise_language(language)

    async def handle(self, message: WaMessage, name: str | None, *, repeated: bool = False) -> None:
        """Act on one message (a repeated delivery is ignored by the core's inbound key; what
        does not reach the core, a page of choices or the "cannot take this" answer, is skipped
        when the adapter already saw the message: ``repeated``)."""
        if not message.sender.isdigit():
            logger.warning("whatsapp message from a malformed sender id ignored")
            return
        address = Address(CHANNEL, message.sender)
        inbound = inbound_key(message.sender, message.id, self.secret)
        chosen = reply_id(message)
        if chosen is not None and chosen.startswith(MORE_PREFIX):
            if not repeated:
                await self._next_page(message.sender, chosen)
            return
        if chosen is not None:
            outcome = await self._press(address, chosen, inbound)
        else:
            outcome = await self._write(address, message, name, inbound)
        if outcome.notice is not None and not (repeated and outcome.key == UNSUPPORTED):
            await self.notify(message.sender, outcome.notice)
        if outcome.result is Result.EXPIRED:
            await self._show_state(address, name)

    async def _press(self, address: Address, action: str, inbound: tuple[str, str]) -> Outcome:
        try:
            return await press(self.core, address, action, language=self.language, inbound=inbound)
        except Exception:
            logger.exception("whatsapp button %r failed", action[:64])
            return Outcome(Result.FAILED, t("error.unexpected", self.language))

    async def _write(
        self, address: Address, message: WaMessage, name: str | None, inbound: tuple[str, str]
    ) -> Outcome:
        attached, caption = attachments_of(message)
        if message.text is not None:
            body = typed_text(message.text.body)
        elif attached:
            body = caption
        else:
            logger.info("whatsapp message of type %r not handled", message.type[:32])
            return Outcome(Result.REFUSED, t(UNSUPPORTED, self.language), UNSUPPORTED)
        what = f"whatsapp message {keyed_hash(message.id, self.secret)}"
        command = command_of(body[1:].split(" ", 1)[0]) if body.startswith("/") else None
        if command is not None and not attached:
            return await outcome_of(command(self.core, address, inbound), self.language, what)
        call = intake.handle_text(
            self.core, address, body, attachments=attached, name=name, inbound=inbound
        )
        return await outcome_of(call, self.language, what)

    async def _next_page(self, to: str, chosen: str) -> None:
        row, _, page = chosen.removeprefix(MORE_PREFIX).partition(":")
        if not row.isdigit() or not page.isdigit() or len(row) > 18 or len(page) > 3:
            logger.info("malformed whatsapp page id refused")
            return
        await self.paginate(to, int(row), int(page))

    async def _show_state(self, address: Address, name: str | None) -> None:
        try:
            await intake.handle_text(self.core, address, "", name=name)
        except Exception:
            logger.exception("could not show the state of a whatsapp chat")

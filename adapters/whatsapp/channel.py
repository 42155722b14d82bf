"""The WhatsApp channel as the composition root sees it: the Graph client, the sender, the file
source, and the webhook routes wired to the core."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

from aiohttp import web
from sqlmodel import col, select

from adapters.whatsapp import records
from adapters.whatsapp.config import WhatsAppConfig
from adapters.whatsapp.files import WhatsAppFileSource
from adapters.whatsapp.graph import GraphClient, GraphError
from adapters.whatsapp.inbound import InboundHandler
from adapters.whatsapp.payload import Status, WaMessage
from adapters.whatsapp.render import interactive_body, text_body
from adapters.whatsapp.sender import WhatsAppSender
from adapters.whatsapp.webhook import mount
from core.context import Core
from core.files import FileSources
from core.messages import normalise_language, t
from core.models import Channel, Outbound
from core.outbox import OutboundMessage, Unreachable

logger = logging.getLogger(__name__)


class WhatsAppChannel:
    """One business number: sends through the outbox, receives on the bot's HTTP server."""

    def __init__(
        self,
        config: WhatsAppConfig,
        core: Core,
        language: str = "pt-BR",
        on_unreachable: Unreachable | None = None,
    ) -> None:
        self.config = config
        self.on_unreachable = on_unreachable
        self.core = core
        self.language = normalise_language(language)
        self.graph = GraphClient(config)
        self.files = WhatsAppFileSource(self.graph)
        self.inbound = InboundHandler(
            core,
            self._notify_later,
            self._page_later,
            secret=config.app_secret,
            language=language,
        )
        self._tasks: set[asyncio.Task[None]] = set()

    def sender(self, file_sources: FileSources) -> WhatsAppSender:
        """The outbox sender of this number."""
        return WhatsAppSender(
            self.graph, self.core.db, self.core.clock, file_sources, language=self.language
        )

    async def verify(self) -> str:
        """Ask the Graph API for the number (checks the token and the id); its display number."""
        answer = await self.graph.phone_number()
        return str(answer.get("display_phone_number", ""))

    def mount(self, app: web.Application) -> None:
        """Add the webhook routes to the bot's HTTP server."""
        mount(
            app,
            self.config.webhook_path,
            verify_token=self.config.verify_token,
            app_secret=self.config.app_secret,
            on_message=self.on_message,
            on_status=self.on_status,
            phone_number_id=self.config.phone_number_id,
        )

    async def on_message(self, message: WaMessage, name: str | None) -> None:
        """A client's message: the window opens and the held rows go (one transaction), then
        the core acts."""
        first = True
        if message.sender.isdigit():
            db, clock, secret = self.core.db, self.core.clock, self.config.app_secret
            first = await records.mark_inbound(db, clock, message.sender, message.id, secret)
        await self.inbound.handle(message, name, repeated=not first)

    async def on_status(self, status: Status) -> None:
        """A status callback, written on its outbox row."""
        try:
            db, clock, secret = self.core.db, self.core.clock, self.config.app_secret
            await records.record_status(db, clock, status, secret, self.on_unreachable)
        except Exception:
            logger.exception("could not record a whatsapp status")

    def _later(self, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` after the webhook's answer (Meta wants the 200 fast)."""
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _notify_later(self, to: str, text: str) -> None:
        self._later(self.notify(to, text))

    async def _page_later(self, to: str, row_id: int, page: int) -> None:
        self._later(self.page(to, row_id, page))

    async def settle(self) -> None:
        """Wait for the direct answers still being sent."""
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def notify(self, to: str, text: str) -> None:
        """Say ``text`` at once (a refusal or an adapter notice; the client just wrote)."""
        try:
            await self.graph.send(text_body(to, text[:4096]))
        except GraphError as error:
            logger.warning("could not answer a whatsapp client: %s", error)

    async def page(self, to: str, row_id: int, page: int) -> None:
        """Send page ``page`` of the choices of outbox row ``row_id`` (sent to ``to`` only)."""
        async with self.core.db.read() as uow:
            statement = select(Outbound).where(
                col(Outbound.id) == row_id,
                col(Outbound.channel) == Channel.WHATSAPP,
                col(Outbound.address) == to,
            )
            row = (await uow.session.exec(statement)).first()
        if row is None:
            logger.info("whatsapp page of an unknown row refused")
            return
        message = OutboundMessage.from_payload(row.payload)
        if not message.choices or page * 9 >= len(message.choices):
            return
        body = t("wa.page", self.language, page=page + 1)
        payload = interactive_body(to, body, message.choices, row_id, self.language, page)
        try:
            await self.graph.send(payload)
        except GraphError as error:
            logger.warning("could not send a whatsapp page: %s", error)

    async def close(self) -> None:
        """Let the direct answers finish, close the HTTP session."""
        await self.settle()
        await self.graph.close()

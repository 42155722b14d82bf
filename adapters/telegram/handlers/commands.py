"""``/ajuda``, ``/cancelar``, ``/agendamentos``, ``/suporte``, ``/menu``, ``/convidar``
(a colleague into the session), ``/sair`` (a colleague leaves) and unknown commands."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from adapters.telegram.handlers.common import (
    Context,
    TelegramApplication,
    act_and_reply,
    client_input,
    reply,
)
from core import booking, intake, sessions, support
from core.context import Core
from core.messages import t
from core.outbox import Address

CoreCommand = Callable[[Core, Address, tuple[str, str]], Awaitable[None]]

COMMANDS: dict[str, CoreCommand] = {
    "ajuda": lambda core, address, key: intake.show_help(core, address, key),
    "cancelar": lambda core, address, key: intake.cancel_current(core, address, key),
    "agendamentos": lambda core, address, key: booking.my_bookings(core, address, key),
    "suporte": lambda core, address, key: support.begin_support(core, address, key),
    "menu": lambda core, address, key: intake.show_menu(core, address, key),
    "convidar": lambda core, address, key: sessions.invite_colleague(core, address, inbound=key),
    "sair": lambda core, address, key: sessions.leave_as_guest(core, address, inbound=key),
}
"""Command -> core call; ``/help`` and ``/cancel`` are English aliases."""

ALIASES = {
    "help": "ajuda",
    "cancel": "cancelar",
    "bookings": "agendamentos",
    "support": "suporte",
    "invite": "convidar",
    "leave": "sair",
}


def register(application: TelegramApplication, core: Core) -> None:
    """Add one CommandHandler per command, and a catch-all for unknown commands."""

    def handler_for(
        command: CoreCommand,
    ) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
        async def run(update: Update, context: Context) -> None:
            """Call the command's core function for this chat."""
            who = client_input(update)
            if who is not None:
                await act_and_reply(
                    update, context, who, lambda: command(core, who.address, who.inbound)
                )

        return run

    only_new = filters.UpdateType.MESSAGE
    for name, command in COMMANDS.items():
        names = [name, *(alias for alias, target in ALIASES.items() if target == name)]
        application.add_handler(CommandHandler(names, handler_for(command), filters=only_new))

    async def unknown(update: Update, context: Context) -> None:
        """A command nobody registered: list the ones there are."""
        who = client_input(update)
        if who is not None:
            await reply(context, who.chat_id, t("tg.unknown_command", who.language))

    application.add_handler(MessageHandler(filters.COMMAND & only_new, unknown))
